// timecite show ASSET|URL — what the index knows about one recording:
// metadata, duration, languages, segment counts, related documents.
#include <iostream>
#include <memory>

#include "cli/commands.h"
#include "cli/json_text.h"
#include "indexer/catalog/query.h"
#include "store/store.h"

namespace timecite::cli {
namespace {

struct ShowOptions {
  std::string asset;
  std::string format = "text";
};

void PrintText(const indexer::RecordingView& view) {
  const store::Recording& r = view.recording;
  std::cout << r.asset_id << "  " << r.title << "\n";
  std::cout << "  status      " << r.status << "\n";
  std::cout << "  date        " << (r.date.empty() ? "-" : r.date) << "\n";
  std::cout << "  body        " << (r.body.empty() ? "-" : r.body) << "\n";
  std::cout << "  duration    " << indexer::FormatClock(r.duration_ms) << " ("
            << r.duration_ms << " ms)\n";
  std::cout << "  player id   " << r.player_id;
  if (!r.entry_id.empty() && r.entry_id != r.player_id)
    std::cout << " -> entry " << r.entry_id;
  std::cout << "\n  languages  ";
  for (const std::string& l : r.languages) std::cout << " " << l;
  std::cout << "\n  categories  ";
  for (std::size_t i = 0; i < r.categories.size(); ++i) {
    std::cout << (i ? " / " : "") << r.categories[i];
  }
  std::cout << "\n  record      "
            << (r.meeting_symbol.empty() ? "-" : r.meeting_symbol) << "\n";
  std::cout << "  segments   ";
  if (view.segment_counts.empty()) std::cout << " none";
  for (const auto& [kind, count] : view.segment_counts)
    std::cout << " " << kind << " " << count;
  std::cout << "\n";
  if (r.extra.contains("related") && r.extra["related"].is_array()) {
    for (const auto& link : r.extra["related"]) {
      std::cout << "  related     " << link.value("title", "") << " <"
                << link.value("url", "") << ">";
      const std::string symbol = link.value("symbol", "");
      if (!symbol.empty()) std::cout << " [" << symbol << "]";
      std::cout << "\n";
    }
  }
}

int RunShow(const ShowOptions& o, const GlobalOptions& g) {
  auto asset_id = indexer::AssetIdFromArgument(o.asset);
  if (!asset_id.ok()) {
    PrintError(asset_id.status().message());
    return kExitUsage;
  }
  auto db = store::Store::Open(DbPath(g), store::OpenMode::kReadOnly);
  if (!db.ok()) {
    PrintError(db.status().message());
    return kExitRuntimeError;
  }
  auto view = indexer::Show(**db, *asset_id);
  if (!view.ok()) {
    PrintError(view.status().message());
    return kExitRuntimeError;
  }
  if (o.format == "json") {
    std::cout << JsonText(indexer::ToJson(*view)) << "\n";
  } else {
    PrintText(*view);
  }
  return kExitOk;
}

}  // namespace

void RegisterShow(CLI::App& app, GlobalOptions& g) {
  auto o = std::make_shared<ShowOptions>();
  auto* cmd = app.add_subcommand("show",
                                 "Show an indexed recording: metadata, "
                                 "duration, languages, segments, documents");
  cmd->add_option("asset", o->asset,
                  "Asset id (k1obxycc3u), Kaltura id or Web TV URL")
      ->required();
  cmd->add_option("--format", o->format, "Output format")
      ->check(CLI::IsMember({"text", "json"}));
  cmd->footer(
      "Exit codes: 0 shown, 1 not indexed or database error, 3 usage (not an "
      "asset id).");
  cmd->callback([o, &g] { g.exit_code = RunShow(*o, g); });
}

}  // namespace timecite::cli
