// timecite resolve "<citation text, or URL and time>" — the recording a
// citation points to, what is said at its start time, and deep links there.
#include <unistd.h>

#include <iostream>
#include <sstream>

#include "cli/commands.h"
#include "cli/json_text.h"
#include "pipeline/network.h"
#include "pipeline/crawl_run.h"
#include "pipeline/settings.h"
#include "common/config.h"
#include "indexer/profile.h"
#include "indexer/catalog/query.h"
#include "linker/citations/citation.h"
#include "linker/document/document.h"
#include "linker/citations/timecode.h"
#include "store/store.h"

namespace timecite::cli {
namespace {

struct ResolveFlags {
  std::string text;
  std::string format = "text";
  std::string lang;
  std::string config_path;
  bool offline = false;
  bool refresh = false;
  pipeline::NetworkOptions network;  // --connect-to, --cacert, --allow-private
};

// A start time written as a bare token ("... k1obxycc3u 1:29:40"): the
// citation grammar ignores bare clocks, resolve takes the last one.
std::optional<int64_t> BareTime(const std::string& text) {
  std::istringstream in(text);
  std::string token;
  std::optional<int64_t> found;
  while (in >> token) {
    while (!token.empty() && (token.back() == ',' || token.back() == ')' ||
                              token.back() == '.')) {
      token.pop_back();
    }
    if (token.find("://") != std::string::npos) continue;
    auto ms = linker::ParseTimecode(token);
    if (ms.ok() && (token.find(':') != std::string::npos ||
                    token.find('h') != std::string::npos ||
                    token.find('m') != std::string::npos)) {
      found = *ms;
    }
  }
  return found;
}

int RunResolve(const ResolveFlags& f, GlobalOptions& g) {
  Result<Config> config = pipeline::LoadUserConfig(f.config_path);
  if (!config.ok()) {
    PrintError(config.status().message());
    return kExitUsage;
  }
  auto doc = linker::DocumentFromBytes("<argument>", f.text);
  if (!doc.ok()) {
    PrintError(doc.status().message());
    return kExitUsage;
  }
  std::optional<linker::Citation> cited;
  for (auto& c : linker::ExtractCitations(*doc)) {
    if (c.kind == linker::CitationKind::kRecording && c.asset &&
        c.asset->id_well_formed) {
      cited = std::move(c);
      break;
    }
  }
  if (!cited) {
    PrintError("no UN Web TV recording URL with a well-formed asset id in: " +
               f.text);
    return kExitUsage;
  }
  std::optional<int64_t> ms = cited->start_ms;
  if (!ms) ms = BareTime(f.text);
  if (!ms) {
    PrintError("no start time in: " + f.text +
               " (write e.g. 'starting at 1:29:40' or the URL and 1:29:40)");
    return kExitUsage;
  }
  const std::string asset_id = cited->asset->asset_id;
  const std::string lang = !f.lang.empty()              ? f.lang
                           : cited->asset->lang.empty() ? "en"
                                                        : cited->asset->lang;

  // Offline, nothing is written: read-only, as `at` (no WAL replayed into
  // new files, no writer lock, a crawl may be writing; a few milliseconds).
  auto db =
      f.offline
          ? store::Store::Open(DbPath(g), store::OpenMode::kReadOnly)
          : store::Store::Open(DbPath(g), store::OpenMode::kReadWrite,
                               {.lock_wait_ms = g.wait_ms});
  if (!db.ok()) {
    PrintError(db.status().message());
    return kExitRuntimeError;
  }
  const bool indexed = (*db)->GetRecording(asset_id).ok();
  if (!f.offline && (f.refresh || !indexed)) {
    pipeline::FetchSettings settings =
        pipeline::FetchSettingsFromConfig(*config);
    pipeline::IndexTargets targets;
    targets.asset_ids = {asset_id};
    crawler::SystemClock clock;
    pipeline::NetworkOptions network = f.network;
    auto fetcher = pipeline::MakeFetcher(network, settings, clock);
    if (!fetcher.ok()) {
      PrintError(fetcher.status().message());
      return kExitRuntimeError;
    }
    auto run = pipeline::FetchAndIndex(**db, **fetcher, clock, targets,
                                       settings, {}, nullptr);
    if (!run.ok()) {
      PrintError(run.status().message());
      return kExitRuntimeError;
    }
    for (const auto& a : run->assets) {
      if (!a.status.ok()) PrintError(a.asset_id + ": " + a.status.message());
    }
  }
  auto profile = pipeline::DeepLinkProfile(*config);
  if (!profile.ok()) {
    PrintError(profile.status().message());
    return kExitRuntimeError;
  }
  auto moment = indexer::At(**db, asset_id, *ms, *profile, lang);
  if (!moment.ok()) {
    PrintError(moment.status().message() +
               (f.offline ? " (run without --offline to fetch it)" : ""));
    return kExitRuntimeError;
  }
  if (moment->recording.status == "removed") {
    PrintError("recording " + asset_id +
               " was removed or does not exist on UN Web TV");
    return kExitCitationErrors;
  }
  if (f.format == "json") {
    nlohmann::json j = indexer::ToJson(*moment);
    j["citation"] = {{"url", cited->url_written}, {"start_ms", *ms}};
    std::cout << JsonText(j) << "\n";
  } else {
    PrintMoment(*moment);
  }
  return moment->beyond_end ? kExitCitationErrors : kExitOk;
}

}  // namespace

void RegisterResolve(CLI::App& app, GlobalOptions& g) {
  auto f = std::make_shared<ResolveFlags>();
  auto* cmd = app.add_subcommand(
      "resolve",
      "Resolve a citation to the moment it cites: the recording, the statement "
      "and\n"
      "sentence at its start time, and deep links that open the player there.\n"
      "Fetches and indexes the recording first when it is not in the "
      "database.");
  cmd->add_option("citation", f->text,
                  "Citation text (\"3rd meeting ... (starting at 1:29:40) "
                  "https://webtv.un.org/...\")"
                  " or a URL and a time "
                  "(\"https://webtv.un.org/en/asset/k1o/k1obxycc3u 1:29:40\")")
      ->required();
  cmd->add_option("--format", f->format, "Output format")
      ->check(CLI::IsMember({"text", "json"}))
      ->capture_default_str();
  cmd->add_option("--lang", f->lang,
                  "Language of the linked pages (default: the URL's)")
      ->check(CLI::IsMember({"en", "fr", "es", "ru", "ar", "zh"}));
  cmd->add_flag("--offline", f->offline, "Use only what the database holds");
  cmd->add_flag("--refresh", f->refresh,
                "Fetch the recording again even when indexed");
  cmd->add_option("-c,--config", f->config_path,
                  "Configuration file ([deep_links], [crawler])")
      ->type_name("PATH");
  AddNetworkOptions(cmd, &f->network.connect_to, &f->network.ca_file,
                    &f->network.allow_private);
  cmd->footer(
      "Exit codes: 0 resolved, 2 the time is past the end or the recording is "
      "gone, 1 not\n"
      "found or runtime error, 3 usage.");
  cmd->callback([f, &g] { g.exit_code = RunResolve(*f, g); });
}

}  // namespace timecite::cli
