#include "cli/report_output.h"

#include <unistd.h>

#include <cstdlib>
#include <fstream>
#include <iostream>
#include <sstream>

#include "cli/json_text.h"
#include "linker/report/report_ci.h"

namespace timecite::cli {

Status WriteReports(const std::vector<linker::DocumentReport>& reports,
                    const ReportOutput& o) {
  // The whole report is rendered first: an -o file is opened (and truncated)
  // only once there is something complete to put in it.
  std::ostringstream out;
  if (o.format == "json") {
    out << JsonText(linker::ReportToJson(reports, o.mode)) << "\n";
  } else if (o.format == "sarif") {
    out << JsonText(linker::ReportToSarif(reports)) << "\n";
  } else if (o.format == "junit") {
    linker::WriteJUnit(out, reports, o.fail_on_warning);
  } else if (o.format == "markdown") {
    linker::WriteMarkdown(out, reports);
  } else {
    linker::TextOptions text;
    bool color = o.color == "always";
    const char* nc = std::getenv("NO_COLOR");
    if (nc && *nc) {
      color = false;  // NO_COLOR wins, even over --color always (no-color.org)
    } else if (o.color == "auto") {
      color = o.output.empty() && isatty(STDOUT_FILENO);
    }
    text.color = color;
    text.quiet = o.quiet;
    linker::WriteText(out, reports, text);
  }
  if (o.output.empty()) {
    std::cout << out.view();
    std::cout.flush();
    if (!std::cout) return Status::IoError("cannot write the report");
    return Status::Ok();
  }
  std::ofstream file_out(o.output, std::ios::binary | std::ios::trunc);
  if (!file_out) return Status::IoError("cannot write " + o.output);
  file_out << out.view();
  file_out.flush();
  if (!file_out)
    return Status::IoError("cannot write the report to " + o.output);
  return Status::Ok();
}

int ExitCodeOf(const std::vector<linker::DocumentReport>& reports,
               bool fail_on_warning) {
  const linker::Summary summary = linker::Summarize(reports);
  if (summary.HasErrors()) return 2;
  if (fail_on_warning && summary.verdicts.count("warning") &&
      summary.verdicts.at("warning") > 0) {
    return 2;
  }
  return 0;
}

}  // namespace timecite::cli
