// serve_bench — requests/s and p50/p99 latency of `timecite serve` (not a
// ctest; docs/serve.md has the figures). One process: the search
// benchmark's archive (bench/archive/archive.h: --recordings recordings,
// --segments sentences in all, six languages, Zipf-distributed words) is
// written to a scratch database and its Xapian index built (search::Rebuild,
// as `timecite index rebuild`), a timecite::serve::Server is started on
// loopback, and 1, 8 and 64 keep-alive clients (one thread and one
// cpp-httplib client each) ask for
//   static  /static/ping.txt            (a fixed 1 KiB answer: the baseline)
//   at      /api/at/{asset}/{h:mm:ss}   (a random recording and second)
//   search  /api/search?q={two words}   (two real words of one language, 10
//                                        recordings a page, 3 segments each)
// for --seconds each. Printed per row: requests/s, p50 and p99 in ms, and the
// ratio of requests/s to the static answer's at the same client count.
//
//   build/bench/bench/serve/serve_bench [--recordings 300] [--segments 100000]
//                                       [--seconds 3] [--dir DIR]
//                                       [--clients 1,8,64] [--only at|search]
//
// --dir DIR serves what `search_bench --keep --dir DIR` left (DIR/db the
// store, DIR/index its Xapian index; 2,000,000 segments by default) instead
// of writing a scratch database: it is opened as the server opens any
// database (a secondary instance, the index read-only) and nothing in DIR is
// written. --recordings and --segments must then be those of that run
// (search_bench's defaults, 700 and 2,000,000, when not given): the archive
// is generated again in memory only, for its asset ids and words.
// --clients and --only narrow the rows (to profile one endpoint: the static
// baseline is always measured, first).
#include <httplib.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <optional>
#include <random>
#include <string>
#include <thread>
#include <vector>

#include "bench/archive/archive.h"
#include "common/url.h"
#include "indexer/catalog/query.h"
#include "indexer/profile.h"
#include "search/search.h"
#include "serve/server.h"
#include "store/store.h"

namespace {

using Clock = std::chrono::steady_clock;
namespace ts = timecite;

struct Row {
  double rps = 0, p50_ms = 0, p99_ms = 0;
  long errors = 0;
};

Row Run(int port, int clients, double seconds, const std::string& kind,
        const ts::bench::ArchiveFacts& archive) {
  std::vector<std::vector<double>> latencies(static_cast<std::size_t>(clients));
  std::atomic<long> errors{0};
  const auto until = Clock::now() + std::chrono::duration<double>(seconds);
  std::vector<std::thread> threads;
  for (int c = 0; c < clients; ++c) {
    threads.emplace_back([&, c] {
      httplib::Client client("127.0.0.1", port);
      client.set_keep_alive(true);
      client.set_tcp_nodelay(true);
      std::mt19937 rng(static_cast<unsigned>(c + 1));
      auto& mine = latencies[static_cast<std::size_t>(c)];
      while (Clock::now() < until) {
        std::string path;
        if (kind == "static") {
          path = "/static/ping.txt";
        } else if (kind == "at") {
          const std::size_t r = rng() % archive.asset_ids.size();
          const int s = static_cast<int>(rng() % static_cast<unsigned>(
                                             std::max<int64_t>(1, archive.durations_ms[r] / 1000)));
          char t[32];
          std::snprintf(t, sizeof t, "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60);
          path = "/api/at/" + archive.asset_ids[r] + "/" + t;
        } else {
          // Two real words (not the 20 function words) of one language.
          const auto& words = archive.languages[rng() % archive.languages.size()].words;
          auto word = [&] { return words[20 + rng() % (words.size() - 20)]; };
          path = "/api/search?q=" + timecite::PercentEncode(word()) + "%20" + timecite::PercentEncode(word());
        }
        const auto t0 = Clock::now();
        auto res = client.Get(path.c_str());
        const auto t1 = Clock::now();
        if (!res || res->status != 200) {
          ++errors;
          continue;
        }
        mine.push_back(std::chrono::duration<double, std::milli>(t1 - t0).count());
      }
    });
  }
  for (auto& t : threads) t.join();
  std::vector<double> all;
  for (auto& l : latencies) all.insert(all.end(), l.begin(), l.end());
  std::sort(all.begin(), all.end());
  Row row;
  row.errors = errors;
  if (all.empty()) return row;
  row.rps = static_cast<double>(all.size()) / seconds;
  row.p50_ms = all[all.size() / 2];
  row.p99_ms = all[std::min(all.size() - 1, all.size() * 99 / 100)];
  return row;
}

// The work of /api/at without HTTP: indexer::At and its JSON text, `n`
// random moments on one thread; microseconds per call (p50).
double HandlerAloneUs(const std::filesystem::path& db_dir, const ts::bench::ArchiveFacts& archive,
                      int n) {
  auto db = ts::store::Store::Open(db_dir, ts::store::OpenMode::kSecondary);
  auto links = ts::indexer::BuiltinProfile("webtv-asset");
  if (!db.ok() || !links.ok()) return -1;
  std::mt19937 rng(7);
  std::vector<double> us;
  std::size_t bytes = 0;
  for (int i = 0; i < n; ++i) {
    const std::size_t r = rng() % archive.asset_ids.size();
    const int64_t ms = static_cast<int64_t>(
        rng() % static_cast<unsigned>(std::max<int64_t>(1, archive.durations_ms[r] / 1000))) * 1000;
    const auto t0 = Clock::now();
    auto m = ts::indexer::At(**db, archive.asset_ids[r], ms, *links, "en");
    if (!m.ok()) return -1;
    bytes += ts::indexer::ToJson(*m).dump().size();
    us.push_back(std::chrono::duration<double, std::micro>(Clock::now() - t0).count());
  }
  std::sort(us.begin(), us.end());
  return bytes > 0 ? us[us.size() / 2] : -1;
}

}  // namespace

int main(int argc, char** argv) {
  std::optional<std::size_t> recordings_flag, segments_flag;
  double seconds = 3;
  std::filesystem::path kept;  // --dir
  std::string only;            // --only: one endpoint besides the static baseline
  std::vector<int> client_counts = {1, 8, 64};
  for (int i = 1; i < argc; i += 2) {
    const std::string flag = argv[i];
    if (i + 1 >= argc) return std::fprintf(stderr, "%s needs a value\n", flag.c_str()), 2;
    if (flag == "--recordings") recordings_flag = std::stoul(argv[i + 1]);
    else if (flag == "--segments") segments_flag = std::stoul(argv[i + 1]);
    else if (flag == "--seconds") seconds = std::atof(argv[i + 1]);
    else if (flag == "--dir") kept = argv[i + 1];
    else if (flag == "--only") only = argv[i + 1];
    else if (flag == "--clients") {
      client_counts.clear();
      std::string list = argv[i + 1];
      std::replace(list.begin(), list.end(), ',', ' ');
      for (const std::string& n : ts::bench::SplitWords(list))
        client_counts.push_back(std::max(1, std::atoi(n.c_str())));
    }
    else return std::fprintf(stderr, "unknown argument %s\n", flag.c_str()), 2;
  }
  const bool reuse = !kept.empty();
  const std::size_t recordings = recordings_flag.value_or(reuse ? 700 : 300);
  const std::size_t segments = segments_flag.value_or(reuse ? 2000000 : 100000);
  const auto dir = reuse ? kept / "db"
                         : std::filesystem::temp_directory_path() /
                               ("timecite-serve-bench-" + std::to_string(::getpid()));
  const auto index_dir = reuse ? kept / "index" : ts::search::IndexPathFor(dir);
  ts::bench::ArchiveFacts archive;
  if (reuse) {
    for (const auto& d : {dir, index_dir}) {
      if (!std::filesystem::is_directory(d))
        return std::fprintf(stderr, "no %s: give the --dir of a `search_bench --keep` run\n",
                            d.c_str()), 1;
    }
    auto db = ts::store::Store::Open(dir, ts::store::OpenMode::kSecondary);
    if (!db.ok()) return std::fprintf(stderr, "%s\n", db.status().ToString().c_str()), 1;
    auto facts = ts::bench::WriteArchive(**db, {recordings, segments, ts::bench::ArchiveOptions{}.seed, false});
    if (!facts.ok()) return std::fprintf(stderr, "%s\n", facts.status().ToString().c_str()), 1;
    archive = std::move(facts).value();
    // The archive generated again must be the one in the store.
    for (std::size_t r : {std::size_t{0}, archive.asset_ids.size() - 1}) {
      auto rec = (*db)->GetRecording(archive.asset_ids[r]);
      if (!rec.ok() || rec->duration_ms != archive.durations_ms[r])
        return std::fprintf(stderr, "%s does not hold the archive of --recordings %zu --segments "
                            "%zu (recording %s)\n", dir.c_str(), recordings, segments,
                            archive.asset_ids[r].c_str()), 1;
    }
  } else {
    auto db = ts::store::Store::Open(dir, ts::store::OpenMode::kReadWrite);
    if (!db.ok()) return std::fprintf(stderr, "%s\n", db.status().ToString().c_str()), 1;
    auto written = ts::bench::WriteArchive(**db, {recordings, segments});
    if (!written.ok()) return std::fprintf(stderr, "%s\n", written.status().ToString().c_str()), 1;
    archive = std::move(written).value();
    (void)(*db)->Compact();
    const auto t0 = Clock::now();
    auto built = ts::search::Rebuild(**db, ts::search::IndexPathFor(dir));
    if (!built.ok()) return std::fprintf(stderr, "%s\n", built.status().ToString().c_str()), 1;
    std::printf("search index: %zu segments in %.1f s\n", archive.segments,
                std::chrono::duration<double>(Clock::now() - t0).count());
  }
  ts::serve::ServeOptions o;
  o.db = dir;
  o.search_index = index_dir;
  o.port = 0;
  o.threads = 64;  // one per client at the largest count: no client waits for a worker
  o.rate_per_second = 0;
  auto server = ts::serve::Server::Create(o);
  if (!server.ok() || !(*server)->Start().ok()) {
    std::fprintf(stderr, "cannot start the server\n");
    return 1;
  }
  std::printf("archive: %zu recordings, %zu sentences in 6 languages%s%s; %.1f s per row; "
              "%u hardware threads\n",
              archive.recordings, archive.segments, reuse ? ", kept in " : "",
              reuse ? kept.c_str() : "", seconds, std::thread::hardware_concurrency());
  if (only.empty() || only == "at")
    std::printf("/api/at's work without HTTP (indexer::At + JSON, one thread): %.1f us p50\n",
                HandlerAloneUs(dir, archive, 20000));
  std::printf("%-8s %7s %10s %9s %9s %8s %7s\n", "endpoint", "clients", "req/s", "p50 ms",
              "p99 ms", "/static", "errors");
  for (int clients : client_counts) {
    const Row base = Run((*server)->port(), clients, seconds, "static", archive);
    for (const char* kind : {"static", "at", "search"}) {
      if (!only.empty() && only != kind && std::string(kind) != "static") continue;
      const Row r = std::string(kind) == "static"
                        ? base
                        : Run((*server)->port(), clients, seconds, kind, archive);
      std::printf("%-8s %7d %10.0f %9.2f %9.2f %8.3f %7ld\n", kind, clients, r.rps, r.p50_ms,
                  r.p99_ms, base.rps > 0 ? r.rps / base.rps : 0.0, r.errors);
      std::fflush(stdout);
    }
  }
  server->reset();
  std::error_code ec;
  if (!reuse) std::filesystem::remove_all(dir, ec);
  return 0;
}
