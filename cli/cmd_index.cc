// timecite index rebuild|status — the full-text search index beside the
// database (search/search.h, docs/search.md): build it anew from the store,
// or say how far it is behind the store.
#include <iostream>
#include <memory>

#include "cli/commands.h"
#include "cli/json_text.h"
#include "search/search.h"
#include "store/store.h"

namespace timecite::cli {
namespace {

struct IndexOptions {
  std::string format = "text";
};

int RunRebuild(const IndexOptions& o, const GlobalOptions& g) {
  // Read-write: no crawl can write the store (or the index) meanwhile.
  auto db = store::Store::Open(DbPath(g), store::OpenMode::kReadWrite);
  if (!db.ok()) {
    PrintError(db.status().message());
    return kExitRuntimeError;
  }
  const auto dir = search::IndexPathFor(DbPath(g));
  auto done = search::Rebuild(**db, dir);
  if (!done.ok()) {
    PrintError(done.status().message());
    return kExitRuntimeError;
  }
  if (o.format == "json") {
    std::cout << JsonText({{"index", dir.string()},
                           {"recordings", done->recordings},
                           {"segments", done->segments}})
              << "\n";
  } else {
    std::cout << "indexed " << done->recordings << " recording(s), " << done->segments
              << " segment(s) into " << dir.string() << "\n";
  }
  return kExitOk;
}

int RunStatus(const IndexOptions& o, const GlobalOptions& g) {
  auto db = store::Store::Open(DbPath(g), store::OpenMode::kReadOnly);
  if (!db.ok()) {
    PrintError(db.status().message());
    return kExitRuntimeError;
  }
  const auto dir = search::IndexPathFor(DbPath(g));
  auto index = search::SearchIndex::OpenReader(dir);
  if (!index.ok()) {
    PrintError(index.status().message());
    return kExitRuntimeError;
  }
  auto st = (*index)->GetStatus(**db);
  if (!st.ok()) {
    PrintError(st.status().message());
    return kExitRuntimeError;
  }
  if (o.format == "json") {
    std::cout << JsonText({{"index", dir.string()},
                           {"in_step", st->in_step()},
                           {"recordings_in_store", st->recordings_in_store},
                           {"recordings_indexed", st->recordings_indexed},
                           {"documents", st->documents},
                           {"disk_bytes", st->disk_bytes},
                           {"missing", st->missing},
                           {"extra", st->extra},
                           {"pending", st->pending}})
              << "\n";
    return kExitOk;
  }
  std::cout << "index " << dir.string() << "\n"
            << "recordings in the store: " << st->recordings_in_store << ", indexed as stored: "
            << st->recordings_indexed << "\n"
            << "segments indexed: " << st->documents << ", " << st->disk_bytes << " bytes\n";
  auto list = [](const char* what, const std::vector<std::string>& ids) {
    if (ids.empty()) return;
    std::cout << what << " (" << ids.size() << "):";
    for (std::size_t i = 0; i < ids.size() && i < 20; ++i) std::cout << " " << ids[i];
    std::cout << (ids.size() > 20 ? " ..." : "") << "\n";
  };
  list("behind the store", st->missing);
  list("no longer in the store", st->extra);
  list("left pending by an interrupted writer", st->pending);
  std::cout << (st->in_step() ? "in step with the store\n"
                              : "behind the store: run `timecite index rebuild`\n");
  return kExitOk;
}

}  // namespace

void RegisterIndex(CLI::App& app, GlobalOptions& g) {
  auto o = std::make_shared<IndexOptions>();
  auto* cmd = app.add_subcommand("index", "The full-text search index: rebuild, status");
  cmd->require_subcommand(1);
  auto* rebuild = cmd->add_subcommand(
      "rebuild", "Build the search index anew from the database (<db>/search)");
  auto* status = cmd->add_subcommand(
      "status", "How far the search index is behind the database");
  for (CLI::App* sub : {rebuild, status}) {
    sub->add_option("--format", o->format, "Output format")
        ->check(CLI::IsMember({"text", "json"}));
    sub->footer("Exit codes: 0 done, 1 database or index error, 3 usage.");
  }
  rebuild->callback([o, &g] { g.exit_code = RunRebuild(*o, g); });
  status->callback([o, &g] { g.exit_code = RunStatus(*o, g); });
  cmd->footer("Exit codes: 0 done, 1 database or index error, 3 usage.");
}

}  // namespace timecite::cli
