// The full-text index (search/) against the current scan search
// (indexer::Search) and SQLite FTS5 (unicode61 tokenizer, diacritics
// removed), all three over the same generated archive in the same run.
//
// The archive is generated deterministically by bench/archive/archive.h
// (shared with serve_bench): R recordings (default 700) and S segments
// (default 2,000,000) in the six languages, Zipf-distributed words over a
// 30,000-word vocabulary per language.
//
// Printed: build rate (segments/s) and disk per segment of each index; for a
// one-word, a three-word, a phrase and a filtered (country + one year) query,
// latency p50/p99 of each engine and the ratios. The scan runs twice: as
// `timecite search` did (it stops at its 10th hit, in archive order, unranked)
// and over every match (what a ranked answer with counts needs, as Xapian's
// and FTS5's give); it has no phrases (both words anywhere).
//
// Usage: search_bench [--recordings R] [--segments S] [--queries Q]
//                     [--scan-queries N] [--dir DIR] [--keep] [--reuse]
// --keep leaves the store and both indexes in DIR; --reuse times the queries
// over what an earlier --keep run of the same R and S left there (the archive
// is generated again in memory, for its sample sentences, but not written).
// Not run by ctest (minutes); see docs/search.md for figures.
#include <sqlite3.h>
#include <sys/stat.h>
#include <time.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <functional>
#include <iostream>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "bench/archive/archive.h"
#include "common/utf8.h"
#include "indexer/catalog/query.h"
#include "search/search.h"
#include "store/store.h"

namespace {

using namespace timecite;
namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;


// ---- measuring ---------------------------------------------------------------
double Ms(Clock::duration d) { return std::chrono::duration<double, std::milli>(d).count(); }

// CPU time of the process, s (the builds run on this thread alone).
double ProcessCpuS() {
  timespec ts;
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
  return ts.tv_sec + ts.tv_nsec / 1e9;
}

// CPU time of this thread, ms: what a query costs whatever else the machine
// runs (the wall time is printed beside it).
double CpuMs() {
  timespec ts;
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

struct Latency {
  double p50 = 0, p99 = 0;
  std::size_t n = 0;
};
Latency Percentiles(std::vector<double> v) {
  Latency l;
  l.n = v.size();
  if (v.empty()) return l;
  std::sort(v.begin(), v.end());
  auto at = [&](double q) {
    const std::size_t i = std::min(v.size() - 1, static_cast<std::size_t>(std::ceil(q * v.size())) - 1);
    return v[i];
  };
  l.p50 = at(0.50);
  l.p99 = at(0.99);
  return l;
}

uint64_t DiskBytes(const fs::path& p) {
  uint64_t total = 0;
  std::error_code ec;
  if (fs::is_regular_file(p, ec)) return fs::file_size(p, ec);
  for (auto it = fs::recursive_directory_iterator(p, ec); !ec && it != fs::recursive_directory_iterator();
       it.increment(ec)) {
    if (it->is_regular_file(ec)) total += it->file_size(ec);
  }
  return total;
}

void Die(const std::string& what) {
  std::cerr << "search_bench: " << what << "\n";
  std::exit(1);
}

struct Query {
  std::string kind;     // "one word", ...
  std::string lang;
  std::vector<std::string> words;
  bool phrase = false;
  std::string country, from, to;  // filtered
};

std::string XapianText(const Query& q) {
  std::string s;
  for (const auto& w : q.words) s += (s.empty() ? "" : " ") + w;
  return q.phrase ? "\"" + s + "\"" : s;
}

std::string Fts5Text(const Query& q) {
  std::string s;
  for (const auto& w : q.words) {
    std::string quoted = "\"";
    for (char c : w) quoted += c == '"' ? std::string("\"\"") : std::string(1, c);
    s += (s.empty() ? "" : " ") + quoted + "\"";
  }
  return q.phrase ? "\"" + [&] {
    std::string inner;
    for (const auto& w : q.words) inner += (inner.empty() ? "" : " ") + w;
    return inner;
  }() + "\"" : s;
}

}  // namespace

int main(int argc, char** argv) {
  std::setvbuf(stdout, nullptr, _IOLBF, 0);  // each line as it is measured
  std::size_t recordings = 700, segments = 2000000, queries = 200, scan_queries = 3;
  fs::path dir = fs::temp_directory_path() / "timecite-search-bench";
  bool keep = false, reuse = false;
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    auto next = [&]() -> std::string {
      if (i + 1 >= argc) Die(a + " needs a value");
      return argv[++i];
    };
    if (a == "--recordings") recordings = std::stoul(next());
    else if (a == "--segments") segments = std::stoul(next());
    else if (a == "--queries") queries = std::stoul(next());
    else if (a == "--scan-queries") scan_queries = std::stoul(next());
    else if (a == "--dir") dir = next();
    else if (a == "--keep") keep = true;
    else if (a == "--reuse") reuse = keep = true;
    else Die("unknown argument " + a);
  }
  if (!reuse) fs::remove_all(dir);
  fs::create_directories(dir);
  const fs::path db_dir = dir / "db", index_dir = dir / "index", fts_path = dir / "fts5.sqlite";

  // ---- the archive, into the store --------------------------------------------
  auto db = store::Store::Open(db_dir, store::OpenMode::kReadWrite);
  if (!db.ok()) Die(db.status().ToString());
  const auto t_gen = Clock::now();
  auto archive = bench::WriteArchive(**db, {recordings, segments, 20261207, !reuse});
  if (!archive.ok()) Die(archive.status().ToString());
  const std::size_t written = archive->segments;
  const std::vector<bench::ArchiveFacts::Language>& specs = archive->languages;
  const std::vector<std::string>& kCountries = bench::ArchiveCountries();
  if (!reuse)
    if (Status s = (*db)->Compact(); !s.ok()) Die(s.ToString());
  const double gen_s = Ms(Clock::now() - t_gen) / 1000;
  std::printf("archive: %zu recordings, %zu segments in 6 languages, %s in %.1f s\n", recordings,
              written, reuse ? "generated again (reused from an earlier run)" : "into the store", gen_s);
  const uint64_t store_bytes = DiskBytes(db_dir);
  sqlite3* fts = nullptr;
  if (!reuse) {

  // ---- Xapian ------------------------------------------------------------------
  const auto t_x = Clock::now();
  const double cpu_x0 = ProcessCpuS();
  auto built = search::Rebuild(**db, index_dir);
  if (!built.ok()) Die(built.status().ToString());
  const double x_s = Ms(Clock::now() - t_x) / 1000, x_cpu = ProcessCpuS() - cpu_x0;
  const uint64_t x_bytes = DiskBytes(index_dir);

  // ---- FTS5 --------------------------------------------------------------------
  if (sqlite3_open(fts_path.c_str(), &fts) != SQLITE_OK) Die("sqlite3_open");
  auto exec = [&](const char* sql) {
    char* err = nullptr;
    if (sqlite3_exec(fts, sql, nullptr, nullptr, &err) != SQLITE_OK) Die(std::string(sql) + ": " + err);
  };
  exec("PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;");
  exec("CREATE VIRTUAL TABLE seg USING fts5(text, asset UNINDEXED, start_ms UNINDEXED, "
       "country UNINDEXED, date UNINDEXED, tokenize='unicode61 remove_diacritics 2')");
  const auto t_f = Clock::now();
  const double cpu_f0 = ProcessCpuS();
  {
    exec("BEGIN");
    sqlite3_stmt* ins = nullptr;
    sqlite3_prepare_v2(fts, "INSERT INTO seg(text, asset, start_ms, country, date) VALUES (?,?,?,?,?)", -1,
                       &ins, nullptr);
    Status scan = (*db)->ScanRecordings([&](const store::Recording& r) {
      auto segs = (*db)->SegmentsOf(r.asset_id);
      if (!segs.ok()) Die(segs.status().ToString());
      for (const auto& s : *segs) {
        sqlite3_bind_text(ins, 1, s.text.data(), static_cast<int>(s.text.size()), SQLITE_STATIC);
        sqlite3_bind_text(ins, 2, r.asset_id.c_str(), -1, SQLITE_STATIC);
        sqlite3_bind_int64(ins, 3, s.start_ms);
        sqlite3_bind_text(ins, 4, s.affiliation.c_str(), -1, SQLITE_STATIC);
        sqlite3_bind_text(ins, 5, r.date.c_str(), -1, SQLITE_STATIC);
        if (sqlite3_step(ins) != SQLITE_DONE) Die(sqlite3_errmsg(fts));
        sqlite3_reset(ins);
      }
      return true;
    });
    if (!scan.ok()) Die(scan.ToString());
    sqlite3_finalize(ins);
    exec("COMMIT");
    exec("INSERT INTO seg(seg) VALUES('optimize')");
  }
  const double f_s = Ms(Clock::now() - t_f) / 1000, f_cpu = ProcessCpuS() - cpu_f0;
  sqlite3_close(fts);
  fts = nullptr;
  const uint64_t f_bytes = DiskBytes(fts_path) + DiskBytes(fts_path.string() + "-wal");

  std::printf("\nbuild            segments/s(wall) s(wall)  segments/s(CPU) s(CPU)  bytes/segment\n");
  std::printf("xapian (search/) %16.0f %7.1f %16.0f %7.1f %12.1f\n", written / x_s, x_s,
              written / x_cpu, x_cpu, static_cast<double>(x_bytes) / written);
  std::printf("sqlite fts5      %16.0f %7.1f %16.0f %7.1f %12.1f\n", written / f_s, f_s,
              written / f_cpu, f_cpu, static_cast<double>(f_bytes) / written);
  }  // !reuse
  sqlite3_open_v2(fts_path.c_str(), &fts, SQLITE_OPEN_READONLY, nullptr);
  std::printf("(store, for scale: %.1f bytes/segment; xapian now %.1f, fts5 now %.1f)\n",
              static_cast<double>(store_bytes) / written,
              static_cast<double>(DiskBytes(index_dir)) / written,
              static_cast<double>(DiskBytes(fts_path) + DiskBytes(fts_path.string() + "-wal")) / written);

  // ---- queries -----------------------------------------------------------------
  // Words of the real-word ranks 20..(size) (not the function words); the
  // phrase is two neighbouring words of a generated sentence.
  std::vector<Query> qs;
  bench::Rng qrng(7);
  auto word_of = [&](std::size_t lang) {
    const auto& w = specs[lang].words;
    return w[20 + qrng.Below(w.size() - 20)];
  };
  for (const char* kind : {"one word", "three words", "phrase", "filtered"}) {
    for (std::size_t i = 0; i < queries; ++i) {
      Query q;
      q.kind = kind;
      const std::size_t lang = qrng.Below(specs.size());
      q.lang = specs[lang].code;
      if (q.kind == "three words") {
        for (int k = 0; k < 3; ++k) q.words.push_back(word_of(lang));
      } else if (q.kind == "phrase") {
        const auto& samples = specs[lang].sample_sentences;
        const std::string& s = samples[qrng.Below(samples.size())];
        if (specs[lang].spaces) {
          auto ws = bench::SplitWords(s);
          const std::size_t at = qrng.Below(ws.size() - 1);
          q.words = {ws[at], ws[at + 1]};
          for (auto& w : q.words)
            while (!w.empty() && (w.back() == '.')) w.pop_back();
        } else {
          q.words = {word_of(lang), word_of(lang)};  // Chinese: two words together
        }
        q.phrase = true;
      } else {
        q.words.push_back(word_of(lang));
      }
      if (q.kind == "filtered") {
        q.country = kCountries[qrng.Below(kCountries.size())];
        const int year = 2015 + static_cast<int>(qrng.Below(10));
        q.from = std::to_string(year) + "-01-01";
        q.to = std::to_string(year) + "-12-31";
      }
      qs.push_back(std::move(q));
    }
  }

  auto reader = search::SearchIndex::OpenReader(index_dir);
  if (!reader.ok()) Die(reader.status().ToString());
  sqlite3_stmt* plain = nullptr;
  sqlite3_stmt* filtered = nullptr;
  sqlite3_prepare_v2(fts, "SELECT asset, start_ms FROM seg WHERE seg MATCH ? ORDER BY rank LIMIT 10", -1,
                     &plain, nullptr);
  sqlite3_prepare_v2(fts,
                     "SELECT asset, start_ms FROM seg WHERE seg MATCH ? AND country = ? AND date "
                     "BETWEEN ? AND ? ORDER BY rank LIMIT 10",
                     -1, &filtered, nullptr);

  // wall ms; CPU ms. scan: stops at 10 hits; scan_all: every match.
  std::map<std::string, std::vector<double>> t_xapian, t_fts, t_scan, t_scan_all;
  std::map<std::string, std::vector<double>> c_xapian, c_fts, c_scan, c_scan_all;
  std::map<std::string, uint64_t> hits_x, hits_f;
  std::map<std::string, std::size_t> scanned;
  for (const Query& q : qs) {
    search::SearchRequest r;
    r.query = XapianText(q);
    r.country = q.country;
    r.from_date = q.from;
    r.to_date = q.to;
    auto t0 = Clock::now();
    double c0 = CpuMs();
    auto res = (*reader)->Search(r);
    t_xapian[q.kind].push_back(Ms(Clock::now() - t0));
    c_xapian[q.kind].push_back(CpuMs() - c0);
    if (!res.ok()) Die(r.query + ": " + res.status().ToString());
    hits_x[q.kind] += res->matching_segments;

    const std::string text = Fts5Text(q);
    sqlite3_stmt* st = q.country.empty() ? plain : filtered;
    t0 = Clock::now();
    c0 = CpuMs();
    sqlite3_bind_text(st, 1, text.c_str(), -1, SQLITE_TRANSIENT);
    if (!q.country.empty()) {
      sqlite3_bind_text(st, 2, q.country.c_str(), -1, SQLITE_TRANSIENT);
      sqlite3_bind_text(st, 3, q.from.c_str(), -1, SQLITE_TRANSIENT);
      sqlite3_bind_text(st, 4, q.to.c_str(), -1, SQLITE_TRANSIENT);
    }
    int rc;
    uint64_t rows = 0;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) ++rows;
    if (rc != SQLITE_DONE) Die(text + ": " + sqlite3_errmsg(fts));
    sqlite3_reset(st);
    t_fts[q.kind].push_back(Ms(Clock::now() - t0));
    c_fts[q.kind].push_back(CpuMs() - c0);
    hits_f[q.kind] += rows;

    if (scanned[q.kind] < scan_queries) {
      ++scanned[q.kind];
      indexer::SearchQuery sq;
      for (const auto& w : q.words) sq.words += (sq.words.empty() ? "" : " ") + w;
      sq.affiliation = q.country;
      sq.from_date = q.from;
      sq.to_date = q.to;
      for (const std::size_t limit : {std::size_t{10}, std::size_t{0}}) {
        sq.limit = limit;
        t0 = Clock::now();
        c0 = CpuMs();
        auto sr = indexer::Search(**db, sq);
        (limit ? t_scan : t_scan_all)[q.kind].push_back(Ms(Clock::now() - t0));
        (limit ? c_scan : c_scan_all)[q.kind].push_back(CpuMs() - c0);
        if (!sr.ok()) Die(sr.status().ToString());
      }
    }
  }
  sqlite3_finalize(plain);
  sqlite3_finalize(filtered);
  sqlite3_close(fts);

  auto table = [&](const char* what, std::map<std::string, std::vector<double>>& tx,
                   std::map<std::string, std::vector<double>>& tf,
                   std::map<std::string, std::vector<double>>& ts,
                   std::map<std::string, std::vector<double>>& ta) {
    std::printf("\nquery latency, %s, ms (%zu queries each; scan: %zu)\n", what, queries,
                scan_queries);
    std::printf("%-12s %9s %9s %9s %9s %10s %10s %11s   %s  %s  %s\n", "query", "xapian50",
                "xapian99", "fts5_50", "fts5_99", "scan10_50", "scanall50", "scanall99",
                "scan10/xapian", "scanall/xapian", "fts5/xapian");
    std::printf("%-12s %9s %9s %9s %9s %10s %10s %11s   %13s  %14s  %11s\n", "", "", "", "", "",
                "", "", "", "p50", "p50", "p99");
    for (const char* kind : {"one word", "three words", "phrase", "filtered"}) {
      const Latency x = Percentiles(tx[kind]), f = Percentiles(tf[kind]), sc = Percentiles(ts[kind]),
                    sa = Percentiles(ta[kind]);
      std::printf("%-12s %9.2f %9.2f %9.2f %9.2f %10.1f %10.1f %11.1f   %12.0fx  %13.0fx  %10.2fx\n",
                  kind, x.p50, x.p99, f.p50, f.p99, sc.p50, sa.p50, sa.p99, sc.p50 / x.p50,
                  sa.p50 / x.p50, f.p99 / x.p99);
    }
  };
  table("wall clock", t_xapian, t_fts, t_scan, t_scan_all);
  table("CPU time of the thread", c_xapian, c_fts, c_scan, c_scan_all);
  std::printf("\nmean matching segments per query (xapian, all languages of the script): ");
  for (const char* kind : {"one word", "three words", "phrase", "filtered"})
    std::printf("%s %.0f; ", kind, static_cast<double>(hits_x[kind]) / queries);
  std::printf("\nmean rows per query (fts5, at most 10; unicode61 keeps a run of Chinese as one token): ");
  for (const char* kind : {"one word", "three words", "phrase", "filtered"})
    std::printf("%s %.1f; ", kind, static_cast<double>(hits_f[kind]) / queries);
  std::printf("\n");
  db->reset();
  if (!keep) fs::remove_all(dir);
  return 0;
}
