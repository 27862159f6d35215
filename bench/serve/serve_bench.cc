// serve_bench — requests/s and p50/p99 latency of `timecite serve` (not a
// ctest; docs/serve.md has the figures). One process: a synthetic archive
// (--recordings recordings of --sentences sentences each, speakers from 12
// delegations, a few hundred distinct words) is written to a scratch
// database, a timecite::serve::Server is started on loopback, and 1, 8 and
// 64 keep-alive clients (one thread and one cpp-httplib client each) ask for
//   static  /static/ping.txt            (a fixed 1 KiB answer: the baseline)
//   at      /api/at/{asset}/{h:mm:ss}   (a random recording and second)
//   search  /api/search?q={two words}   (a random pair, 20 recordings a page)
// for --seconds each. Printed per row: requests/s, p50 and p99 in ms, and the
// ratio of requests/s to the static answer's at the same client count.
//
//   build/bench/bench/serve/serve_bench [--recordings 300] [--sentences 400]
//                                       [--seconds 3]
#include <httplib.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <random>
#include <string>
#include <thread>
#include <vector>

#include "serve/server.h"
#include "store/store.h"

namespace {

using Clock = std::chrono::steady_clock;
namespace ts = timecite;

const char* kWords[] = {"security", "council", "peace", "cooperation", "water", "climate",
                        "resolution", "humanitarian", "ceasefire", "development", "women",
                        "children", "sanctions", "mandate", "mission", "region", "support",
                        "president", "delegation", "report", "secretary", "general",
                        "assembly", "rights", "human", "refugees", "border", "dialogue",
                        "agreement", "elections"};
const char* kCountries[] = {"NGA", "USA", "IRN", "BRA", "CHN", "FRA",
                            "RUS", "GBR", "IND", "ZAF", "MEX", "UKR"};

std::string AssetId(int i) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "k1b%07d", i);
  return buf;
}

ts::Status WriteArchive(ts::store::Store& db, int recordings, int sentences) {
  std::mt19937 rng(42);
  for (int r = 0; r < recordings; ++r) {
    ts::store::Recording rec;
    rec.asset_id = AssetId(r);
    rec.title = "Meeting " + std::to_string(r);
    rec.body = r % 3 == 0 ? "Security Council" : "General Assembly";
    rec.date = "20" + std::to_string(15 + r % 10) + "-0" + std::to_string(1 + r % 9) + "-1" +
               std::to_string(r % 10);
    rec.duration_ms = int64_t{sentences} * 10000;
    rec.status = "ready";
    std::vector<ts::store::Segment> segs;
    for (int s = 0; s < sentences; ++s) {
      ts::store::Segment seg;
      seg.asset_id = rec.asset_id;
      seg.kind = ts::store::SegmentKind::kSentence;
      seg.seq = static_cast<uint32_t>(s);
      seg.start_ms = int64_t{s} * 10000;
      seg.end_ms = seg.start_ms + 10000;
      seg.affiliation = kCountries[(s / 20) % 12];
      seg.speaker_name = "Speaker of " + seg.affiliation;
      seg.language = "en";
      for (int w = 0; w < 14; ++w) {
        seg.text += kWords[rng() % 30];
        seg.text += w == 13 ? "." : " ";
      }
      segs.push_back(std::move(seg));
      if (s % 20 == 0) {
        ts::store::Segment st = segs.back();
        st.kind = ts::store::SegmentKind::kStatement;
        st.end_ms = st.start_ms + 200000;
        st.text.clear();
        segs.push_back(std::move(st));
      }
    }
    if (ts::Status st = db.PutRecording(rec, segs); !st.ok()) return st;
  }
  return db.Flush();
}

struct Row {
  double rps = 0, p50_ms = 0, p99_ms = 0;
  long errors = 0;
};

Row Run(int port, int clients, double seconds, const std::string& kind, int recordings,
        int sentences) {
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
          const int s = static_cast<int>(rng() % static_cast<unsigned>(sentences * 10));
          char t[32];
          std::snprintf(t, sizeof t, "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60);
          path = "/api/at/" + AssetId(static_cast<int>(rng() % static_cast<unsigned>(recordings))) +
                 "/" + t;
        } else {
          path = std::string("/api/search?q=") + kWords[rng() % 30] + "%20" + kWords[rng() % 30];
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

}  // namespace

int main(int argc, char** argv) {
  int recordings = 300, sentences = 400;
  double seconds = 3;
  for (int i = 1; i + 1 < argc; i += 2) {
    const std::string flag = argv[i];
    if (flag == "--recordings") recordings = std::atoi(argv[i + 1]);
    else if (flag == "--sentences") sentences = std::atoi(argv[i + 1]);
    else if (flag == "--seconds") seconds = std::atof(argv[i + 1]);
  }
  const auto dir = std::filesystem::temp_directory_path() /
                   ("timecite-serve-bench-" + std::to_string(::getpid()));
  {
    auto db = ts::store::Store::Open(dir, ts::store::OpenMode::kReadWrite);
    if (!db.ok()) return std::fprintf(stderr, "%s\n", db.status().ToString().c_str()), 1;
    if (auto st = WriteArchive(**db, recordings, sentences); !st.ok())
      return std::fprintf(stderr, "%s\n", st.ToString().c_str()), 1;
    (void)(*db)->Compact();
  }
  ts::serve::ServeOptions o;
  o.db = dir;
  o.port = 0;
  o.threads = 64;  // one per client at the largest count: no client waits for a worker
  o.rate_per_second = 0;
  auto server = ts::serve::Server::Create(o);
  if (!server.ok() || !(*server)->Start().ok()) {
    std::fprintf(stderr, "cannot start the server\n");
    return 1;
  }
  std::printf("archive: %d recordings x %d sentences; %.1f s per row; %u hardware threads\n",
              recordings, sentences, seconds, std::thread::hardware_concurrency());
  std::printf("%-8s %7s %10s %9s %9s %8s %7s\n", "endpoint", "clients", "req/s", "p50 ms",
              "p99 ms", "/static", "errors");
  for (int clients : {1, 8, 64}) {
    const Row base = Run((*server)->port(), clients, seconds, "static", recordings, sentences);
    for (const char* kind : {"static", "at", "search"}) {
      const Row r = std::string(kind) == "static"
                        ? base
                        : Run((*server)->port(), clients, seconds, kind, recordings, sentences);
      std::printf("%-8s %7d %10.0f %9.2f %9.2f %8.3f %7ld\n", kind, clients, r.rps, r.p50_ms,
                  r.p99_ms, base.rps > 0 ? r.rps / base.rps : 0.0, r.errors);
      std::fflush(stdout);
    }
  }
  server->reset();
  std::error_code ec;
  std::filesystem::remove_all(dir, ec);
  return 0;
}
