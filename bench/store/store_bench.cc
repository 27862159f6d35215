// Store benchmarks on a database of 1,000,000 segments across 500 recordings
// (2,000 each: 100 statements and 1,900 sentences over a 3-hour meeting):
//   - GetRecording: point get of a random recording;
//   - SegmentAt: the sentence covering a random (asset, ms);
//   - SegmentsAt: every kind covering a random (asset, ms);
//   - PutRecording: ingest of a new 3,000-segment recording as one batch,
//     and re-ingest (replace) of an existing one.
// Each read benchmark also reports p50/p99 latency per lookup (µs) as
// counters, to compare with RocksDB's published cached random-read figures.
//
// The database is built once (about a minute) in $TIMECITE_BENCH_DB or
// /tmp/timecite-store-bench and reused by later runs.
#include <benchmark/benchmark.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <random>
#include <string>
#include <vector>

#include <rocksdb/db.h>
#include <rocksdb/table.h>

#include "store/store.h"

namespace timecite::store {
namespace {

constexpr int kRecordings = 500;
constexpr int kSegmentsPerRecording = 2000;
constexpr int kStatements = 100;
constexpr int64_t kDurationMs = 3 * 3600 * 1000;

std::filesystem::path BenchDir() {
  const char* env = std::getenv("TIMECITE_BENCH_DB");
  return env && *env ? env : "/tmp/timecite-store-bench";
}

std::string AssetId(int i) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "k1%08d", i);
  return buf;
}

Recording MakeRecording(const std::string& asset, int i) {
  Recording r;
  r.asset_id = asset;
  r.player_id = "1_" + asset.substr(2);
  r.entry_id = r.player_id;
  r.title = "Security Council, " + std::to_string(9000 + i) + "th meeting";
  r.body = i % 3 ? "Security Council" : "General Assembly";
  char date[16];
  std::snprintf(date, sizeof date, "20%02d-%02d-%02d", 15 + i % 10, 1 + i % 12,
                1 + i % 28);
  r.date = date;
  r.start_utc_ms = 1615208400000 + int64_t{i} * 86400000;
  r.duration_ms = kDurationMs;
  r.languages = {"en", "fr", "es"};
  r.categories = {"Meetings & Events", r.body};
  r.meeting_symbol = "S/PV." + std::to_string(9000 + i);
  r.status = "ready";
  return r;
}

// `n` segments: n/20 statements tiling the meeting, the rest sentences.
std::vector<Segment> MakeSegments(const std::string& asset, int n) {
  static const char* kAffiliations[] = {"USA", "FRA", "CHN", "RUS", "GBR",
                                        "IRN", "BRA", "IND", "ZAF", "MEX"};
  std::vector<Segment> segs;
  const int statements = n / 20;
  const int sentences = n - statements;
  const int64_t statement_ms = kDurationMs / statements;
  const int64_t sentence_ms = kDurationMs / sentences;
  for (int i = 0; i < statements; ++i) {
    Segment s;
    s.asset_id = asset;
    s.kind = SegmentKind::kStatement;
    s.start_ms = i * statement_ms;
    s.end_ms = s.start_ms + statement_ms;
    s.affiliation = kAffiliations[i % 10];
    s.speaker_name = std::string("Representative of ") + s.affiliation;
    s.language = "en";
    s.source = "transcript";
    segs.push_back(std::move(s));
  }
  for (int i = 0; i < sentences; ++i) {
    Segment s;
    s.asset_id = asset;
    s.kind = SegmentKind::kSentence;
    s.start_ms = i * sentence_ms;
    s.end_ms = s.start_ms + sentence_ms - 200;
    s.language = "en";
    s.text = "Sentence " + std::to_string(i) +
             ": the Council reaffirms its commitment to the sovereignty and "
             "territorial integrity of the region.";
    s.source = "transcript";
    segs.push_back(std::move(s));
  }
  return segs;
}

Store& BenchStore() {
  static std::unique_ptr<Store> store = [] {
    const auto dir = BenchDir();
    const auto marker = dir / "timecite-bench-complete";
    if (!std::filesystem::exists(marker)) {
      std::filesystem::remove_all(dir);
      auto s = Store::Open(dir, OpenMode::kReadWrite);
      if (!s.ok()) {
        std::cerr << s.status().ToString() << "\n";
        std::abort();
      }
      std::cerr << "building " << dir << " (" << kRecordings << " recordings, "
                << kRecordings * kSegmentsPerRecording << " segments)...\n";
      for (int i = 0; i < kRecordings; ++i) {
        std::string asset = AssetId(i);
        Status st = (*s)->PutRecording(
            MakeRecording(asset, i), MakeSegments(asset, kSegmentsPerRecording),
            i + 1 == kRecordings);
        if (!st.ok()) {
          std::cerr << st.ToString() << "\n";
          std::abort();
        }
      }
      if (Status st = (*s)->Flush(); !st.ok()) std::abort();
      if (Status st = (*s)->Compact(); !st.ok()) std::abort();
      std::ofstream(marker) << "ok\n";
    }
    // A cache that holds the whole data set: RocksDB's published figures are
    // for cached random reads.
    StoreOptions options;
    options.block_cache_bytes = size_t{512} << 20;
    auto s = Store::Open(dir, OpenMode::kReadWrite, options);
    if (!s.ok()) {
      std::cerr << s.status().ToString() << "\n";
      std::abort();
    }
    // Warm the block cache: read every segment once.
    for (int i = 0; i < kRecordings; ++i) {
      auto segs = (*s)->SegmentsOf(AssetId(i));
      if (!segs.ok() || segs->size() != kSegmentsPerRecording) std::abort();
    }
    return std::move(*s);
  }();
  return *store;
}

// Times each call of `op` and reports p50/p99 (µs) as counters.
template <typename Op>
void RunTimed(benchmark::State& state, Op op) {
  std::vector<double> us;
  us.reserve(1 << 20);
  for (auto _ : state) {
    auto t0 = std::chrono::steady_clock::now();
    op();
    auto t1 = std::chrono::steady_clock::now();
    us.push_back(std::chrono::duration<double, std::micro>(t1 - t0).count());
  }
  if (us.empty()) return;
  std::sort(us.begin(), us.end());
  state.counters["p50_us"] = us[us.size() / 2];
  state.counters["p99_us"] = us[us.size() * 99 / 100];
}

void BM_GetRecording(benchmark::State& state) {
  Store& store = BenchStore();
  std::mt19937 rng(1);
  std::uniform_int_distribution<int> pick(0, kRecordings - 1);
  RunTimed(state, [&] {
    auto r = store.GetRecording(AssetId(pick(rng)));
    if (!r.ok()) state.SkipWithError(r.status().ToString().c_str());
    benchmark::DoNotOptimize(r);
  });
}
BENCHMARK(BM_GetRecording);

void BM_SegmentAt(benchmark::State& state) {
  Store& store = BenchStore();
  std::mt19937 rng(2);
  std::uniform_int_distribution<int> pick(0, kRecordings - 1);
  std::uniform_int_distribution<int64_t> at(0, kDurationMs - 1);
  int64_t found = 0;
  RunTimed(state, [&] {
    auto s =
        store.SegmentAt(AssetId(pick(rng)), SegmentKind::kSentence, at(rng));
    if (!s.ok()) {
      state.SkipWithError(s.status().ToString().c_str());
      return;
    }
    found += s->has_value();
    benchmark::DoNotOptimize(s);
  });
  state.counters["found_ratio"] = benchmark::Counter(
      static_cast<double>(found), benchmark::Counter::kAvgIterations);
}
BENCHMARK(BM_SegmentAt);

void BM_SegmentsAtAllKinds(benchmark::State& state) {
  Store& store = BenchStore();
  std::mt19937 rng(3);
  std::uniform_int_distribution<int> pick(0, kRecordings - 1);
  std::uniform_int_distribution<int64_t> at(0, kDurationMs - 1);
  RunTimed(state, [&] {
    auto s = store.SegmentsAt(AssetId(pick(rng)), at(rng));
    if (!s.ok()) state.SkipWithError(s.status().ToString().c_str());
    benchmark::DoNotOptimize(s);
  });
}
BENCHMARK(BM_SegmentsAtAllKinds);

// The peer of BM_SegmentAt: RocksDB's own seekrandom (db_bench's loop: a new
// iterator per seek, Seek to a random existing key, read key and value) on
// the same segments, opened read-only beside the Store with a block cache of
// the same size, warmed the same way.
void BM_RocksSeekRandom(benchmark::State& state) {
  (void)BenchStore();  // built and warm
  static rocksdb::DB* db = nullptr;
  static std::vector<rocksdb::ColumnFamilyHandle*> handles;
  if (db == nullptr) {
    rocksdb::ColumnFamilyOptions cf;
    rocksdb::BlockBasedTableOptions t;
    t.block_cache = rocksdb::NewLRUCache(size_t{512} << 20);
    cf.table_factory.reset(rocksdb::NewBlockBasedTableFactory(t));
    std::vector<rocksdb::ColumnFamilyDescriptor> descs = {
        {rocksdb::kDefaultColumnFamilyName, cf}, {"segments", cf}};
    rocksdb::Status st = rocksdb::DB::OpenForReadOnly(
        rocksdb::DBOptions(), BenchDir().string(), descs, &handles, &db);
    if (!st.ok()) {
      state.SkipWithError(st.ToString().c_str());
      return;
    }
    std::unique_ptr<rocksdb::Iterator> it(
        db->NewIterator(rocksdb::ReadOptions(), handles[1]));
    for (it->SeekToFirst(); it->Valid(); it->Next()) {
      benchmark::DoNotOptimize(it->value().size());
    }
  }
  std::mt19937 rng(2);
  std::uniform_int_distribution<int> pick(0, kRecordings - 1);
  std::uniform_int_distribution<int> seg(0, kSegmentsPerRecording - 1);
  const int64_t sentence_ms =
      kDurationMs / (kSegmentsPerRecording - kSegmentsPerRecording / 20);
  int64_t found = 0;
  RunTimed(state, [&] {
    // A sentence's key (asset, 0x00, kind, start_ms, seq), as keys.cc makes it.
    std::string key = AssetId(pick(rng));
    key.push_back('\0');
    key.push_back(static_cast<char>(SegmentKind::kSentence));
    const uint64_t start = static_cast<uint64_t>(seg(rng) * sentence_ms);
    for (int b = 7; b >= 0; --b) key.push_back(static_cast<char>(start >> (8 * b)));
    std::unique_ptr<rocksdb::Iterator> it(
        db->NewIterator(rocksdb::ReadOptions(), handles[1]));
    it->Seek(key);
    if (it->Valid()) {
      ++found;
      benchmark::DoNotOptimize(it->key().size() + it->value().size());
    }
  });
  state.counters["found_ratio"] = benchmark::Counter(
      static_cast<double>(found), benchmark::Counter::kAvgIterations);
}
BENCHMARK(BM_RocksSeekRandom);

// The value codec alone, to separate it from RocksDB's share.
void BM_DecodeRecording(benchmark::State& state) {
  std::string cbor = EncodeRecording(MakeRecording(AssetId(1), 1));
  for (auto _ : state) {
    auto r = DecodeRecording(cbor);
    benchmark::DoNotOptimize(r);
  }
}
BENCHMARK(BM_DecodeRecording);

void BM_DecodeSegment(benchmark::State& state) {
  std::string cbor = EncodeSegment(MakeSegments(AssetId(1), 40)[30]);
  for (auto _ : state) {
    auto r = DecodeSegment(cbor);
    benchmark::DoNotOptimize(r);
  }
}
BENCHMARK(BM_DecodeSegment);

void BM_IngestNewRecording3000(benchmark::State& state) {
  Store& store = BenchStore();
  static int next = 0;
  for (auto _ : state) {
    state.PauseTiming();
    std::string asset = "k2" + std::to_string(next++);
    Recording r = MakeRecording(asset, next);
    std::vector<Segment> segs = MakeSegments(asset, 3000);
    state.ResumeTiming();
    Status s = store.PutRecording(r, segs, /*sync=*/true);
    if (!s.ok()) state.SkipWithError(s.ToString().c_str());
    state.PauseTiming();
    if (Status d = store.DeleteRecording(asset); !d.ok()) {
      state.SkipWithError(d.ToString().c_str());
    }
    state.ResumeTiming();
  }
  state.SetItemsProcessed(state.iterations() * 3000);
}
BENCHMARK(BM_IngestNewRecording3000)->Unit(benchmark::kMillisecond);

void BM_ReingestRecording3000(benchmark::State& state) {
  Store& store = BenchStore();
  const std::string asset = "k3reingest";
  Recording r = MakeRecording(asset, 7);
  std::vector<Segment> segs = MakeSegments(asset, 3000);
  if (Status s = store.PutRecording(r, segs); !s.ok()) {
    state.SkipWithError(s.ToString().c_str());
  }
  for (auto _ : state) {
    Status s = store.PutRecording(r, segs, /*sync=*/true);
    if (!s.ok()) state.SkipWithError(s.ToString().c_str());
  }
  state.SetItemsProcessed(state.iterations() * 3000);
}
BENCHMARK(BM_ReingestRecording3000)->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace timecite::store

BENCHMARK_MAIN();
