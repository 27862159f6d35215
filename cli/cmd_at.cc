// timecite at ASSET|URL TIMECODE — what is said at a moment of a recording:
// the statement and sentence covering it (speaker, affiliation, text), the
// recording's duration, and deep links that open the players there (templates
// from the site profile's [links] table). Exit code 2 when the time is beyond
// the end of the recording.
#include <iostream>
#include <memory>

#include "cli/commands.h"
#include "cli/json_text.h"
#include "common/file.h"
#include "indexer/profile.h"
#include "indexer/catalog/query.h"
#include "linker/citations/timecode.h"
#include "store/store.h"

namespace timecite::cli {
namespace {

struct AtOptions {
  std::string asset;
  std::string timecode;
  std::string format = "text";
  std::string lang = "en";
  std::string profile;  // a site profile file with [links]; default: built-in
};

// A site profile is a few KiB of TOML.
constexpr std::uint64_t kMaxProfileBytes = 1 << 20;

Result<indexer::Profile> LoadProfile(const std::string& path) {
  if (path.empty()) return indexer::BuiltinProfile("webtv-asset");
  auto text = ReadFile(path, kMaxProfileBytes);
  if (!text.ok()) return text.status();
  return indexer::Profile::Parse(*text, path);
}

void PrintSegment(const char* label, const store::Segment& s) {
  std::cout << "  " << label << indexer::FormatClock(s.start_ms) << "-"
            << indexer::FormatClock(s.end_ms) << "  ";
  if (!s.speaker_name.empty()) std::cout << s.speaker_name;
  if (!s.affiliation.empty()) std::cout << " (" << s.affiliation << ")";
  if (!s.text.empty())
    std::cout << (s.speaker_name.empty() ? "" : ": ") << s.text;
  std::cout << "\n";
}

}  // namespace

void PrintMoment(const indexer::Moment& m) {
  std::cout << m.recording.asset_id << " at " << indexer::FormatClock(m.ms)
            << " of " << indexer::FormatClock(m.recording.duration_ms) << "  "
            << m.recording.title << "\n";
  if (m.beyond_end) {
    std::cout << "  beyond the end: the recording lasts "
              << indexer::FormatClock(m.recording.duration_ms) << "\n";
    return;
  }
  if (m.statement) PrintSegment("statement ", *m.statement);
  if (m.sentence) PrintSegment("sentence  ", *m.sentence);
  if (m.caption) PrintSegment("caption   ", *m.caption);
  if (!m.statement && !m.sentence && !m.caption)
    std::cout << "  no transcript covers this moment\n";
  for (const indexer::DeepLink& link : m.links) {
    std::cout << "  " << link.name << "  " << link.url << "\n";
  }
}

namespace {

int RunAt(const AtOptions& o, const GlobalOptions& g) {
  auto asset_id = indexer::AssetIdFromArgument(o.asset);
  if (!asset_id.ok()) {
    PrintError(asset_id.status().message());
    return kExitUsage;
  }
  auto ms = linker::ParseTimecode(o.timecode);
  if (!ms.ok()) {
    PrintError(ms.status().message());
    return kExitUsage;
  }
  auto profile = LoadProfile(o.profile);
  if (!profile.ok()) {
    PrintError(profile.status().message());
    return kExitUsage;
  }
  // {seconds} was the profiles' name for {start_s}: still read, with a note.
  for (const auto& [name, tmpl] : profile->links()) {
    if (!g.quiet && tmpl.find("{seconds}") != std::string::npos) {
      std::cerr << "timecite: note: " << o.profile << ": links." << name
                << ": {seconds} is deprecated, write {start_s}\n";
    }
  }
  auto db = store::Store::Open(DbPath(g), store::OpenMode::kReadOnly);
  if (!db.ok()) {
    PrintError(db.status().message());
    return kExitRuntimeError;
  }
  auto moment = indexer::At(**db, *asset_id, *ms, *profile, o.lang);
  if (!moment.ok()) {
    PrintError(moment.status().message());
    return kExitRuntimeError;
  }
  if (o.format == "json") {
    std::cout << JsonText(indexer::ToJson(*moment)) << "\n";
  } else {
    PrintMoment(*moment);
  }
  return moment->beyond_end ? kExitCitationErrors : kExitOk;
}

}  // namespace

void RegisterAt(CLI::App& app, GlobalOptions& g) {
  auto o = std::make_shared<AtOptions>();
  auto* cmd = app.add_subcommand(
      "at", "What is said at a moment of a recording, with deep links there");
  cmd->add_option("asset", o->asset,
                  "Asset id (k1obxycc3u), Kaltura id or Web TV URL")
      ->required();
  cmd->add_option("timecode", o->timecode,
                  "1:29:40, 38:20, 1h29m40s or seconds")
      ->required();
  cmd->add_option("--format", o->format, "Output format")
      ->check(CLI::IsMember({"text", "json"}));
  cmd->add_option("--lang", o->lang, "Language of the linked pages")
      ->check(CLI::IsMember({"en", "fr", "es", "ru", "ar", "zh"}));
  cmd->add_option(
      "--profile", o->profile,
      "Site profile (TOML) whose [links] give the deep-link templates");
  cmd->footer(
      "Exit codes: 0 found, 2 the time is beyond the end, 1 not indexed, 3 "
      "usage.");
  cmd->callback([o, &g] { g.exit_code = RunAt(*o, g); });
}

}  // namespace timecite::cli
