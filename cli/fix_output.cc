#include "cli/fix_output.h"

#include <filesystem>
#include <fstream>
#include <iostream>

#include "common/count.h"
#include "common/file.h"
#include "linker/document/document.h"
#include "pipeline/fix_run.h"
#include "pipeline/settings.h"

namespace timecite::cli {

Status WriteFixed(const std::string& fix_output, const std::string& resolve_to,
                  const Config& config, const store::Store* db,
                  const linker::Document& doc,
                  const linker::DocumentReport& report) {
  if (report.path == "-")
    return Status::InvalidArgument("--fix needs a file, not standard input");
  // The deep-link templates, read once for every citation.
  auto links = pipeline::DeepLinkProfile(config);
  if (!links.ok()) return links.status();
  std::filesystem::path out = fix_output;
  const std::filesystem::path in = report.path;
  if (out.empty()) {
    out = in.parent_path() /
          (in.stem().string() + ".fixed" + in.extension().string());
  }
  std::error_code ec;
  if (std::filesystem::exists(out, ec) &&
      std::filesystem::equivalent(in, out, ec)) {
    return Status::InvalidArgument("--fix would overwrite the original " +
                                   report.path);
  }
  // The original again, as it is on disk (LoadDocument read it once already).
  auto read = ReadFile(in, linker::kMaxInputBytes);
  if (!read.ok()) return read.status();
  std::string original = std::move(read).value();

  auto fixed = pipeline::FixReport(original, doc, report, *links, db,
                                   resolve_to);
  if (!fixed.ok()) return fixed.status().WithContext("--fix " + report.path);
  const std::filesystem::path tmp = out.string() + ".tmp";
  {
    std::ofstream w(tmp, std::ios::binary | std::ios::trunc);
    w << fixed->text;
    w.flush();
    if (!w) {
      w.close();
      std::filesystem::remove(tmp, ec);  // no half-written copy left behind
      return Status::IoError("cannot write " + tmp.string());
    }
  }
  std::filesystem::rename(tmp, out, ec);
  if (ec) {
    const std::string why = ec.message();
    std::filesystem::remove(tmp, ec);
    return Status::IoError("cannot write " + out.string() + ": " + why);
  }
  std::cerr << "timecite: wrote " << out.string() << " ("
            << Count(fixed->corrected, "URL") << " corrected, " << fixed->resolved
            << " resolved to the moment)\n";
  return Status::Ok();
}

}  // namespace timecite::cli
