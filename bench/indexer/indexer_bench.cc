// Parse + index throughput of one long meeting (issue 5): a 4-hour recording
// with 120 statements and 3,000 sentences, from the bytes of its asset page,
// Kaltura answer and UN Transcripts JSON to one PutRecording batch in a
// RocksDB store on the local disk. Reported as segments/s.
// And the latency of `timecite at` (indexer::At: recording, statement,
// sentence, deep links) on an index of 1,000,000 segments (334 recordings of
// 3,000 segments, built once in $TIMECITE_INDEXER_BENCH_DB or
// /tmp/timecite-indexer-bench-1m and reused).
//
//   cmake --preset bench -B build/bench && cmake --build build/bench --target indexer_bench
//   build/bench/bench/indexer/indexer_bench
#include <benchmark/benchmark.h>

#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <filesystem>
#include <random>
#include <string>

#include "indexer/asset_page.h"
#include "indexer/index_writer.h"
#include "indexer/kaltura.h"
#include "indexer/profile.h"
#include "indexer/catalog/query.h"
#include "indexer/transcript.h"
#include "store/store.h"

namespace timecite::indexer {
namespace {

constexpr int kStatements = 120;
constexpr int kSentences = 3000;
constexpr double kRecordingSeconds = 4 * 3600.0;

std::string TranscriptJson() {
  std::string out = R"({"video": {"id": "k1q/k1q2w3e4r5", "kaltura_id": "1_q2w3e4r5",
    "title": "General Assembly: 30th plenary meeting, 79th session", "duration": "04:00:00",
    "date": "2024-10-21T00:00:00.000Z", "body": "General Assembly", "pv_symbol": null},
    "transcript": {"language": "en", "data": [)";
  const double sentence_len = kRecordingSeconds / kSentences;
  int sentence = 0;
  for (int s = 0; s < kStatements; ++s) {
    if (s > 0) out += ',';
    const int first = sentence;
    const int last = (s + 1) * kSentences / kStatements;
    out += R"({"statement_number": )" + std::to_string(s + 1) +
           R"(, "start": )" + std::to_string(first * sentence_len) +
           R"(, "speaker": {"name": "Speaker )" + std::to_string(s) +
           R"(", "affiliation": ")" + (s % 2 ? std::string("IRN") : std::string("FRA")) +
           R"(", "function": "Representative"}, "paragraphs": [{"sentences": [)";
    for (; sentence < last; ++sentence) {
      if (sentence > first) out += ',';
      out += R"({"text": "The delegation of the speaker number )" + std::to_string(s) +
             R"( wishes to state its position on agenda item )" + std::to_string(sentence) +
             R"( in the clearest terms.", "start": )" + std::to_string(sentence * sentence_len) +
             R"(, "end": )" + std::to_string((sentence + 0.9) * sentence_len) + "}";
    }
    out += "]}]}";
  }
  out += "]}}";
  return out;
}

constexpr std::string_view kKaltura =
    R"([{"objectType": "KalturaStartWidgetSessionResponse", "ks": "x"},
        {"objectType": "KalturaBaseEntryListResponse", "totalCount": 1,
         "objects": [{"id": "1_q2w3e4r5", "name": "GA", "duration": 14400,
                      "msDuration": 14400000, "createdAt": 1729519200, "status": 2}]}])";

std::string AssetPageHtml() {
  return R"(<html><body><article class="node media-asset media-asset--full">
    <div class="field media-asset__title"><h2 class="field__item">General Assembly: 30th plenary meeting, 79th session</h2></div>
    <div class="field"><div class="field__label">Production Date</div><div class="field__item"><time datetime="2024-10-21T14:00:00Z">21 Oct 2024</time></div></div>
    <div class="field"><div class="field__label">Video Length</div><div class="field__item">04:00:00</div></div>
    <div class="field"><div class="field__label">Categories</div><div class="field__item"><a>Meetings &amp; Events</a> / <a>General Assembly</a></div></div>
    <div class="field"><div class="field__label">Related Sites and Documents</div><div class="field__item"><a href="https://undocs.org/a/79/pv.30">Record</a></div></div>
    <span data-a2a-url="https://webtv.un.org/en/asset/k1q/k1q2w3e4r5"></span>
    </article></body></html>)";
}

void BM_ParseAndIndexFourHourMeeting(benchmark::State& state) {
  const std::string transcript = TranscriptJson();
  const std::string page_html = AssetPageHtml();
  auto profile = BuiltinProfile("webtv-asset");
  const auto dir = std::filesystem::temp_directory_path() /
                   ("timecite-indexer-bench-" + std::to_string(::getpid()));
  std::filesystem::remove_all(dir);
  auto store = store::Store::Open(dir, store::OpenMode::kReadWrite);
  if (!profile.ok() || !store.ok()) {
    state.SkipWithError("cannot set up the profile or the store");
    return;
  }
  IndexWriter writer(store->get());
  int64_t segments = 0;
  for (auto _ : state) {
    RecordingSources sources;
    sources.asset_id = "k1q2w3e4r5";
    auto page = ParseAssetPage(page_html, *profile);
    auto kaltura = ParseKalturaMultirequest(kKaltura);
    auto parsed = ParseTranscript(transcript);
    if (!page.ok() || !kaltura.ok() || !parsed.ok()) {
      state.SkipWithError("parse failed");
      break;
    }
    sources.page = std::move(page).value();
    sources.kaltura = std::move(kaltura).value();
    sources.transcript = std::move(parsed).value();
    auto stats = writer.Index(sources);
    if (!stats.ok()) {
      state.SkipWithError(stats.status().ToString().c_str());
      break;
    }
    segments += static_cast<int64_t>(stats->statements + stats->sentences);
  }
  state.counters["segments/s"] =
      benchmark::Counter(static_cast<double>(segments), benchmark::Counter::kIsRate);
  state.SetBytesProcessed(state.iterations() * static_cast<int64_t>(transcript.size()));
  store->reset();
  std::filesystem::remove_all(dir);
}
BENCHMARK(BM_ParseAndIndexFourHourMeeting)->Unit(benchmark::kMillisecond)->UseRealTime();

// Parsing alone (no store), to tell the two costs apart.
void BM_ParseTranscriptOnly(benchmark::State& state) {
  const std::string transcript = TranscriptJson();
  int64_t segments = 0;
  for (auto _ : state) {
    auto parsed = ParseTranscript(transcript);
    benchmark::DoNotOptimize(parsed);
    if (parsed.ok()) segments += static_cast<int64_t>(parsed->statements.size() + parsed->sentences.size());
  }
  state.counters["segments/s"] =
      benchmark::Counter(static_cast<double>(segments), benchmark::Counter::kIsRate);
}
BENCHMARK(BM_ParseTranscriptOnly)->Unit(benchmark::kMillisecond)->UseRealTime();

// Parsing and conversion to store records, without the write.
void BM_ParseAndConvert(benchmark::State& state) {
  const std::string transcript = TranscriptJson();
  int64_t segments = 0;
  for (auto _ : state) {
    RecordingSources sources;
    sources.asset_id = "k1q2w3e4r5";
    auto kaltura = ParseKalturaMultirequest(kKaltura);
    auto parsed = ParseTranscript(transcript);
    if (!kaltura.ok() || !parsed.ok()) {
      state.SkipWithError("parse failed");
      break;
    }
    sources.kaltura = std::move(kaltura).value();
    sources.transcript = std::move(parsed).value();
    auto records = ToStoreRecords(sources);
    benchmark::DoNotOptimize(records);
    if (records.ok()) segments += static_cast<int64_t>(records->segments.size());
  }
  state.counters["segments/s"] =
      benchmark::Counter(static_cast<double>(segments), benchmark::Counter::kIsRate);
}
BENCHMARK(BM_ParseAndConvert)->Unit(benchmark::kMillisecond)->UseRealTime();

constexpr int kIndexRecordings = 334;  // x 3,000 segments ~ 1,000,000

std::string BenchAssetId(int i) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "k1b%07d", i);
  return buf;
}

std::filesystem::path MillionDir() {
  const char* env = std::getenv("TIMECITE_INDEXER_BENCH_DB");
  return env && *env ? env : "/tmp/timecite-indexer-bench-1m";
}

// Opens the 1M-segment index, building it on first use.
std::unique_ptr<store::Store> MillionSegmentIndex() {
  const auto dir = MillionDir();
  const bool fresh = !std::filesystem::exists(dir / "BUILT");
  if (fresh) std::filesystem::remove_all(dir);
  auto store = store::Store::Open(dir, store::OpenMode::kReadWrite);
  if (!store.ok()) return nullptr;
  if (fresh) {
    auto parsed = ParseTranscript(TranscriptJson(), int64_t{14400000});
    if (!parsed.ok()) return nullptr;
    parsed->asset_id.clear();  // the same transcript serves every recording
    IndexWriter writer(store->get());
    for (int i = 0; i < kIndexRecordings; ++i) {
      RecordingSources sources;
      sources.asset_id = BenchAssetId(i);
      sources.transcript = *parsed;
      KalturaAnswer k;
      k.kind = KalturaAnswer::Kind::kEntry;
      k.entry = {"1_" + sources.asset_id.substr(2), "GA", 14400000, 1729519200000, 2};
      sources.kaltura = k;
      if (!writer.Index(sources).ok()) return nullptr;
    }
    std::ofstream(dir / "BUILT") << "ok\n";
  }
  return std::move(store).value();
}

void BM_AtOnMillionSegments(benchmark::State& state) {
  static std::unique_ptr<store::Store> db = MillionSegmentIndex();
  auto profile = BuiltinProfile("webtv-asset");
  if (!db || !profile.ok()) {
    state.SkipWithError("cannot build the 1,000,000-segment index");
    return;
  }
  std::mt19937 rng(42);
  std::uniform_int_distribution<int> pick(0, kIndexRecordings - 1);
  std::uniform_int_distribution<int64_t> at(0, 14400000 - 1);
  int64_t found = 0;
  for (auto _ : state) {
    auto m = At(*db, BenchAssetId(pick(rng)), at(rng), *profile);
    if (!m.ok()) {
      state.SkipWithError(m.status().ToString().c_str());
      break;
    }
    found += m->sentence.has_value() ? 1 : 0;
  }
  state.counters["with_sentence"] =
      benchmark::Counter(static_cast<double>(found) / std::max<int64_t>(1, state.iterations()));
}
BENCHMARK(BM_AtOnMillionSegments)->Unit(benchmark::kMicrosecond);

}  // namespace
}  // namespace timecite::indexer
