// timecite db stats|get|dump|checkpoint|verify — inspect and look after the
// database (docs/store.md describes kinds, keys and records).
//
// Reading subcommands open the database read-only, so they work while a crawl
// writes; `db stats` opens read-write when no one else does (which migrates an
// older schema), `db checkpoint` needs the writer lock.
#include <iostream>
#include <memory>
#include <string>
#include <vector>

#include "cli/commands.h"
#include "cli/json_text.h"
#include "store/store.h"

namespace timecite::cli {
namespace {

using store::Kind;
using store::OpenMode;
using store::Store;

struct DbOptions {
  bool json = false;
  std::string kind;
  std::vector<std::string> key;
  std::string prefix;
  std::string checkpoint_dir;
  std::vector<std::string> reports;  // forget
};

// Exit code for a failed Status: usage errors 3, everything else 1.
int Fail(const Status& s) {
  PrintError(s.message().empty() ? s.ToString() : s.message());
  return s.code() == Status::Code::kInvalidArgument ? kExitUsage
                                                    : kExitRuntimeError;
}

Result<Kind> KindArg(const std::string& name) {
  if (auto k = store::ParseKind(name)) return *k;
  std::string known;
  for (Kind k : store::AllKinds()) {
    known += (known.empty() ? "" : ", ") + std::string(store::KindName(k));
  }
  return Status::InvalidArgument("unknown kind '" + name +
                                 "'; one of: " + known);
}

std::string Bytes(uint64_t n) {
  const char* units[] = {"B", "KiB", "MiB", "GiB", "TiB"};
  double v = static_cast<double>(n);
  int u = 0;
  while (v >= 1024 && u < 4) {
    v /= 1024;
    ++u;
  }
  char buf[32];
  std::snprintf(buf, sizeof buf, u == 0 ? "%.0f %s" : "%.1f %s", v, units[u]);
  return buf;
}

int RunStats(const DbOptions& o, const GlobalOptions& g) {
  auto db = Store::Open(DbPath(g), OpenMode::kReadWrite);
  if (!db.ok() && (db.status().code() == Status::Code::kBusy ||
                   db.status().code() == Status::Code::kIoError)) {
    // A crawl is writing, or the directory is not ours to write: read.
    auto ro = Store::Open(DbPath(g), OpenMode::kReadOnly);
    if (ro.ok()) db = std::move(ro);
  }
  if (!db.ok()) return Fail(db.status());
  auto stats = (*db)->GetStats();
  if (!stats.ok()) return Fail(stats.status());
  if (o.json) {
    nlohmann::json j = {{"path", DbPath(g).string()},
                        {"schema_version", stats->schema_version},
                        {"bytes_on_disk", stats->total_bytes_on_disk}};
    nlohmann::json kinds = nlohmann::json::object();
    for (const auto& k : stats->kinds) {
      kinds[std::string(store::KindName(k.kind))] = {
          {"records", k.records}, {"sst_bytes", k.live_sst_bytes}};
    }
    j["kinds"] = std::move(kinds);
    std::cout << JsonText(j) << "\n";
    return kExitOk;
  }
  std::cout << "database " << DbPath(g).string() << " (schema version "
            << stats->schema_version << ")\n";
  for (const auto& k : stats->kinds) {
    char line[128];
    std::snprintf(line, sizeof line, "  %-28s %12llu records  %10s\n",
                  std::string(store::KindName(k.kind)).c_str(),
                  static_cast<unsigned long long>(k.records),
                  Bytes(k.live_sst_bytes).c_str());
    std::cout << line;
  }
  std::cout << "  size on disk: " << Bytes(stats->total_bytes_on_disk) << " ("
            << stats->total_bytes_on_disk << " bytes)\n";
  return kExitOk;
}

int RunGet(const DbOptions& o, const GlobalOptions& g) {
  auto kind = KindArg(o.kind);
  if (!kind.ok()) return Fail(kind.status());
  auto db = Store::Open(DbPath(g), OpenMode::kReadOnly);
  if (!db.ok()) return Fail(db.status());
  auto j = (*db)->GetJson(*kind, o.key);
  if (!j.ok()) return Fail(j.status());
  std::cout << JsonText(*j) << "\n";
  return kExitOk;
}

int RunDump(const DbOptions& o, const GlobalOptions& g) {
  auto kind = KindArg(o.kind);
  if (!kind.ok()) return Fail(kind.status());
  auto db = Store::Open(DbPath(g), OpenMode::kReadOnly);
  if (!db.ok()) return Fail(db.status());
  Status s = (*db)->Dump(*kind, o.prefix, [](const nlohmann::json& line) {
    std::cout << JsonText(line, -1) << "\n";
    return static_cast<bool>(std::cout);
  });
  std::cout.flush();
  if (!s.ok()) return Fail(s);
  return kExitOk;
}

int RunCheckpoint(const DbOptions& o, const GlobalOptions& g) {
  auto db = Store::Open(DbPath(g), OpenMode::kReadWrite, {.lock_wait_ms = g.wait_ms});
  if (!db.ok()) return Fail(db.status());
  Status s = (*db)->Checkpoint(o.checkpoint_dir);
  if (!s.ok()) return Fail(s);
  if (!g.quiet) {
    std::cout << "checkpoint of " << DbPath(g).string() << " written to "
              << o.checkpoint_dir << "\n";
  }
  return kExitOk;
}

// Removes every stored citation of each report (as `check` stored it: its
// absolute path), so `recheck` no longer checks it. A report with none is an
// error (exit 1) naming it; the others are still removed.
int RunForget(const DbOptions& o, const GlobalOptions& g) {
  auto db = Store::Open(DbPath(g), OpenMode::kReadWrite,
                        {.lock_wait_ms = g.wait_ms});
  if (!db.ok()) return Fail(db.status());
  int exit_code = kExitOk;
  for (const std::string& report : o.reports) {
    std::error_code ec;
    const std::string source =
        std::filesystem::absolute(report, ec).lexically_normal().string();
    auto stored = (*db)->CitationsOf(source);
    if (!stored.ok()) return Fail(stored.status());
    if (stored->empty()) {
      PrintError("no stored citation of " + source + " in " +
                 DbPath(g).string());
      exit_code = kExitRuntimeError;
      continue;
    }
    if (Status s = (*db)->ReplaceCitations(source, {}, /*sync=*/true);
        !s.ok()) {
      return Fail(s);
    }
    if (!g.quiet) {
      std::cout << "forgot " << stored->size() << " citation(s) of " << source
                << "\n";
    }
  }
  return exit_code;
}

// Exit 2 when a file or record is corrupt, 1 when the check itself failed.
int RunVerify(const GlobalOptions& g) {
  const auto dir = DbPath(g);
  auto problems = Store::Verify(dir);
  if (!problems.ok()) return Fail(problems.status());
  bool corrupt = !problems->empty();
  for (const auto& p : *problems) {
    std::cout << "corrupt: " << p.file << ": " << p.message << "\n";
  }
  // Then every record through the database: WAL, memtables, value codecs.
  uint64_t records = 0;
  auto db = Store::Open(dir, OpenMode::kReadOnly);
  if (!db.ok()) {
    if (db.status().code() != Status::Code::kCorruption) {
      return Fail(db.status());
    }
    std::cout << "corrupt: " << db.status().message() << "\n";
    corrupt = true;
  } else {
    for (Kind k : store::AllKinds()) {
      Status s = (*db)->Dump(k, "", [&](const nlohmann::json&) {
        ++records;
        return true;
      });
      if (s.ok()) continue;
      if (s.code() != Status::Code::kCorruption) return Fail(s);
      std::cout << "corrupt: " << store::KindName(k) << ": " << s.message()
                << "\n";
      corrupt = true;
    }
  }
  if (corrupt) {
    PrintError("database " + dir.string() +
               " is damaged; restore a checkpoint or rebuild it");
    return kExitCitationErrors;  // 2: the documented "corruption found"
  }
  if (!g.quiet) {
    std::cout << "ok: " << dir.string() << ": every file's checksums and "
              << records << " records verified\n";
  }
  return kExitOk;
}

}  // namespace

void RegisterDb(CLI::App& app, GlobalOptions& g) {
  auto* db = app.add_subcommand(
      "db",
      "Inspect and look after the database (stats, get, dump, "
      "checkpoint, forget, verify)");
  db->require_subcommand(1);
  db->footer(
      "Exit codes: 0 ok, 1 record absent (get) or database error, 2 "
      "corruption found\n(verify), 3 usage (an unknown kind).");
  auto o = std::make_shared<DbOptions>();
  const std::string kinds_help =
      "Kind: recordings, segments, fetches, fetch_log, bodies, frontier, "
      "documents, symbols, citations, meta, idx_* (singular names work too)";

  auto* stats = db->add_subcommand(
      "stats",
      "Records per kind and size on disk (migrates an older schema "
      "when no one else writes)");
  stats->add_flag("--json", o->json, "Print JSON");
  stats->footer("Exit codes: 0 ok, 1 database error, 3 usage.");
  stats->callback([o, &g] { g.exit_code = RunStats(*o, g); });

  auto* get = db->add_subcommand(
      "get",
      "Print one record as JSON, e.g. 'db get recording k1obxycc3u', "
      "'db get segment k1obxycc3u sentence 5380000 0', "
      "'db get citation /path/report.md 13 0', "
      "'db get fetch_log URL TIME_MS'");
  get->add_option("kind", o->kind, kinds_help)->required();
  get->add_option("key", o->key, "The key's parts")->required();
  get->footer(
      "Exit codes: 0 printed, 1 no such record or database error, 3 usage "
      "(an unknown kind).");
  get->callback([o, &g] { g.exit_code = RunGet(*o, g); });

  auto* dump = db->add_subcommand(
      "dump",
      "Print every record of a kind as JSON lines, optionally only "
      "keys starting with PREFIX (asset id, URL, source, date, ...)");
  dump->add_option("kind", o->kind, kinds_help)->required();
  dump->add_option("prefix", o->prefix, "Key prefix (frontier: host prefix)");
  dump->footer(
      "Exit codes: 0 printed (none included), 1 database error, 3 usage (an "
      "unknown kind).");
  dump->callback([o, &g] { g.exit_code = RunDump(*o, g); });

  auto* checkpoint =
      db->add_subcommand("checkpoint",
                         "Write a consistent copy of the database to DIR (hard "
                         "links where possible)");
  checkpoint->add_option("dir", o->checkpoint_dir, "New directory")->required();
  checkpoint->footer(
      "Exit codes: 0 written, 1 database error, 3 usage (DIR exists already).");
  checkpoint->callback([o, &g] { g.exit_code = RunCheckpoint(*o, g); });

  auto* forget = db->add_subcommand(
      "forget",
      "Remove the stored citations of REPORT (its path as checked), so "
      "recheck no longer checks it");
  forget->add_option("report", o->reports, "Report paths")->required();
  forget->footer(
      "Exit codes: 0 removed, 1 a REPORT had no stored citation or database "
      "error, 3 usage.");
  forget->callback([o, &g] { g.exit_code = RunForget(*o, g); });

  auto* verify = db->add_subcommand(
      "verify",
      "Check every file's checksums and every record; exit 2 on "
      "corruption, naming the damaged file");
  verify->footer(
      "Exit codes: 0 clean, 2 corruption found, 1 the check could not run, "
      "3 usage.");
  verify->callback([&g] { g.exit_code = RunVerify(g); });
}

}  // namespace timecite::cli
