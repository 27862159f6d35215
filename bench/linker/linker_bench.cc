// Citation extraction throughput (issue 7).
//
//   linker_bench generate FILE MB   writes MB megabytes of generated reports:
//                                   footnoted prose in the six UN languages
//                                   with Web TV and document URLs, time
//                                   phrases, dates and meeting numbers
//   linker_bench extract FILE [JOBS]
//                                   maps FILE, splits it into its reports
//                                   (a form feed between two), runs
//                                   DocumentFromBytes + ExtractCitations on
//                                   each (on JOBS threads, default 1; 0 =
//                                   one per core) and prints bytes, seconds,
//                                   MB/s and the citations found (one line,
//                                   key=value)
//   linker_bench dump FILE          the same, printing every citation (all
//                                   fields, one line each) instead of the
//                                   summary: two builds must print the same
//   linker_bench [--benchmark_...]  Google Benchmark: the same on one report,
//                                   and the grammar alone
//
// bench/linker/extract_bench.sh runs `generate`, `extract` and grep on the
// same file and prints the ratio.
#include <benchmark/benchmark.h>
#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <string>
#include <string_view>
#include <vector>

#include "common/parallel.h"
#include "linker/citations/citation.h"
#include "linker/citations/context.h"
#include "linker/document/document.h"
#include "linker/citations/timecode.h"
#include "linker/document/urls.h"

namespace timecite::linker {
namespace {

// A deterministic pseudo-random sequence (64-bit LCG), so the corpus is the
// same on every run.
class Lcg {
 public:
  explicit Lcg(std::uint64_t seed) : x_(seed) {}
  unsigned Next(unsigned bound) {
    x_ = x_ * 6364136223846793005ull + 1442695040888963407ull;
    return static_cast<unsigned>((x_ >> 33) % bound);
  }

 private:
  std::uint64_t x_;
};

std::string Superscript(int n) {
  static constexpr std::string_view kDigits[] = {"⁰", "¹", "²", "³", "⁴",
                                                 "⁵", "⁶", "⁷", "⁸", "⁹"};
  std::string digits = std::to_string(n), out;
  for (char d : digits) out += kDigits[d - '0'];
  return out;
}

std::string Two(unsigned v) {
  char buf[8];
  std::snprintf(buf, sizeof buf, "%02u", v % 100);
  return buf;
}

std::string AssetUrl(Lcg& rng, std::string_view lang) {
  static constexpr char kAlphabet[] = "0123456789abcdefghijklmnopqrstuvwxyz";
  std::string id = "k1";
  for (int i = 0; i < 8; ++i) id += kAlphabet[rng.Next(36)];
  return "https://media.un.org/" + std::string(lang) + "/asset/" +
         id.substr(0, 3) + "/" + id;
}

// Body prose, one sentence per language, cycled.
constexpr std::string_view kProse[] = {
    "The Working Group continued its discussion of existing and potential "
    "threats in the "
    "sphere of information security, and several delegations stressed the role "
    "of capacity "
    "building in implementing the agreed norms of responsible State behaviour.",
    "Le Groupe de travail a poursuivi l'examen des menaces existantes et "
    "potentielles dans le "
    "domaine de la sécurité de l'information, et plusieurs délégations ont "
    "souligné le rôle "
    "du renforcement des capacités.",
    "El Grupo de Trabajo continuó su examen de las amenazas existentes y "
    "potenciales en la "
    "esfera de la seguridad de la información, y varias delegaciones "
    "destacaron la función de "
    "la creación de capacidad.",
    "Рабочая группа продолжила обсуждение существующих и потенциальных угроз в "
    "сфере "
    "информационной безопасности, и ряд делегаций подчеркнули роль наращивания "
    "потенциала.",
    "وواصل الفريق العامل مناقشة التهديدات القائمة والمحتملة في مجال أمن "
    "المعلومات، وشدد عدد "
    "من الوفود على دور بناء القدرات في تنفيذ القواعد المتفق عليها.",
    "工作组继续讨论信息安全领域现有和潜在的威胁，若干代表团强调了能力建设在执行"
    "商定的国家负责任行为"
    "规范方面的作用。"};

std::string Footnote(Lcg& rng, int n) {
  const unsigned meeting = 1 + rng.Next(9800), day = 1 + rng.Next(28);
  const std::string h = std::to_string(rng.Next(4)), m = Two(rng.Next(60)),
                    s = Two(rng.Next(60));
  const std::string mark = Superscript(n) + " ";
  switch (rng.Next(8)) {
    case 0:
      return mark + "Security Council, " + std::to_string(meeting) +
             "th meeting, UN Web TV, " + std::to_string(day) +
             " March 2021 (starting at " + h + ":" + m + ":" + s + "), " +
             AssetUrl(rng, "en");
    case 1:
      return mark + "第" + std::to_string(meeting) +
             "次会议 - 开放式工作组，联合国网络电视，2021年3月" +
             std::to_string(day) + "日（" + h + ":" + m + ":" + s + "开始），" +
             AssetUrl(rng, "zh");
    case 2:
      return mark + "Conseil de sécurité, " + std::to_string(meeting) +
             "e séance, ONU Web TV, " + std::to_string(day) +
             " mars 2021, à partir de " + h + ":" + m + ":" + s + " : " +
             AssetUrl(rng, "fr");
    case 3:
      return mark + "Consejo de Seguridad, " + std::to_string(meeting) +
             ".ª sesión, " + std::to_string(day) +
             " de marzo de 2021, a partir del minuto " + m + ":" + s + ", " +
             AssetUrl(rng, "es");
    case 4:
      return mark + "Совет Безопасности, " + std::to_string(meeting) +
             "-е заседание, " + std::to_string(day) +
             " марта 2021 г., начиная с " + h + ":" + m + ":" + s + ", " +
             AssetUrl(rng, "ru");
    case 5:
      return mark + "مجلس الأمن، الجلسة " + std::to_string(meeting) + "، " +
             std::to_string(day) + " آذار/مارس 2021، ابتداء من الدقيقة " + m +
             ":" + s + "، " + AssetUrl(rng, "ar");
    case 6:
      return mark + "See S/PV." + std::to_string(meeting) +
             ", https://undocs.org/S/PV." + std::to_string(meeting) +
             " and the statement of " + std::to_string(day) +
             " March 2021, https://www.un.org/press/en/2021/sc" +
             std::to_string(meeting) + ".doc.htm";
    default:
      return mark + "YouTube video, " + m + ":" + s + ", from " + m + ":" + s +
             " to " + m + ":" + Two(rng.Next(60)) +
             ", https://www.youtube.com/watch?v=" + Two(rng.Next(100)) +
             "dQw4w9WgXcQ&t=" + std::to_string(rng.Next(3600)) + "s";
  }
}

// One report of about `bytes` bytes: paragraphs with footnote references,
// then a Notes section.
std::string Report(Lcg& rng, std::size_t bytes) {
  std::string body, notes = "\nNotes\n\n";
  int n = 0;
  while (body.size() + notes.size() < bytes) {
    std::string paragraph;
    for (int k = 0; k < 3; ++k) {
      paragraph += kProse[rng.Next(6)];
      if (rng.Next(2) == 0) {
        ++n;
        paragraph += Superscript(n);
        notes += Footnote(rng, n) + "\n";
      }
      paragraph += " ";
    }
    body += paragraph + "\n\n";
  }
  return body + notes;
}

void Generate(const std::string& path, std::size_t megabytes) {
  Lcg rng(7);
  std::ofstream out(path, std::ios::binary);
  std::size_t written = 0;
  const std::size_t total = megabytes << 20;
  while (written < total) {
    const std::string report = Report(rng, 512u << 10);
    out << report << "\f\n";
    written += report.size() + 2;
  }
  std::cout << "generated " << path << " bytes=" << written << "\n";
}

// One line per citation with every field ExtractCitations fills (to compare
// two builds' extraction of the same corpus byte for byte).
void Dump(const Citation& c) {
  std::cout << c.source << '\t' << c.footnote << '\t' << c.seq << '\t' << c.line
            << ':' << c.column << '\t' << c.origin << '\t' << c.url_written
            << '\t' << c.url_begin << '-' << c.url_end << '\t'
            << c.url_canonical << '\t' << c.url_error << '\t'
            << CitationKindName(c.kind) << '\t'
            << (c.asset ? c.asset->asset_id : "") << '\t'
            << (c.start_ms ? std::to_string(*c.start_ms) : "-") << '\t'
            << (c.end_ms ? std::to_string(*c.end_ms) : "-") << '\t'
            << c.time_written << '\t' << c.time_line << ':' << c.time_column
            << '\t';
  for (const auto& [written, error] : c.malformed_times)
    std::cout << written << '=' << error << ';';
  std::cout << '\t' << c.date << '\t' << c.meeting_number << '\t' << c.body
            << '\t';
  for (const auto& s : c.text_symbols) std::cout << s << ';';
  std::cout << '\t' << c.url_symbol << '\t' << c.context << '\t'
            << c.citing_sentence << '\n';
}

// Maps `path` and calls ExtractCitations on each of its reports (a form feed
// between two) on `jobs` threads (common/parallel.h ParallelFor, as
// `timecite check --jobs` runs its reports). The file is mapped, not read
// into a string: its pages come from the page cache as grep's do.
int Extract(const std::string& path, bool dump, unsigned jobs) {
  const auto start = std::chrono::steady_clock::now();
  const int fd = ::open(path.c_str(), O_RDONLY);
  struct stat st {};
  if (fd < 0 || ::fstat(fd, &st) != 0) {
    std::cerr << "cannot read " << path << "\n";
    return 1;
  }
  const auto bytes = static_cast<std::size_t>(st.st_size);
  void* map = bytes == 0
                  ? nullptr
                  : ::mmap(nullptr, bytes, PROT_READ, MAP_PRIVATE, fd, 0);
  ::close(fd);
  if (map == MAP_FAILED) {
    std::cerr << "cannot map " << path << "\n";
    return 1;
  }
  if (map) ::madvise(map, bytes, MADV_SEQUENTIAL);
  const std::string_view text(static_cast<const char*>(map), bytes);
  std::vector<std::string_view> reports;
  for (std::size_t at = 0; at < text.size();) {
    std::size_t end = text.find('\f', at);
    if (end == std::string_view::npos) end = text.size();
    if (end > at) reports.push_back(text.substr(at, end - at));
    at = end + 1;
  }
  struct Counts {
    std::size_t citations = 0, starts = 0;
    bool ok = true;
  };
  std::vector<Counts> counts(reports.size());
  std::vector<std::vector<Citation>> kept(dump ? reports.size() : 0);
  ParallelFor(reports.size(), jobs, [&](std::size_t i) {
    auto doc = DocumentFromBytes("report-" + std::to_string(i) + ".txt",
                                 std::string(reports[i]));
    if (!doc.ok()) {
      counts[i].ok = false;
      return;
    }
    std::vector<Citation> citations = ExtractCitations(*doc);
    counts[i].citations = citations.size();
    for (const Citation& c : citations) counts[i].starts += c.start_ms ? 1 : 0;
    if (dump) kept[i] = std::move(citations);
  });
  if (map) ::munmap(map, bytes);
  std::size_t citations = 0, starts = 0;
  for (std::size_t i = 0; i < counts.size(); ++i) {
    if (!counts[i].ok) {
      std::cerr << "report " << i << " is not valid UTF-8 text\n";
      return 1;
    }
    citations += counts[i].citations;
    starts += counts[i].starts;
  }
  if (dump) {
    for (const auto& list : kept) {
      for (const Citation& c : list) Dump(c);
    }
    return 0;
  }
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start)
          .count();
  std::printf(
      "bytes=%zu seconds=%.3f mbps=%.1f reports=%zu citations=%zu starts=%zu "
      "jobs=%u\n",
      bytes, seconds, static_cast<double>(bytes) / 1e6 / seconds,
      reports.size(), citations, starts, ThreadCount(jobs));
  return 0;
}

// ---- Google Benchmark
// --------------------------------------------------------

const std::string& OneReport() {
  static const std::string report = [] {
    Lcg rng(7);
    return Report(rng, 512u << 10);
  }();
  return report;
}

void BM_ExtractCitations(benchmark::State& state) {
  const std::string& text = OneReport();
  for (auto _ : state) {
    auto doc = DocumentFromBytes("report.txt", text);
    benchmark::DoNotOptimize(ExtractCitations(*doc));
  }
  state.SetBytesProcessed(
      static_cast<std::int64_t>(state.iterations() * text.size()));
}
BENCHMARK(BM_ExtractCitations)->Unit(benchmark::kMillisecond);

void BM_FindUrls(benchmark::State& state) {
  const std::string& text = OneReport();
  for (auto _ : state) benchmark::DoNotOptimize(FindUrls(text));
  state.SetBytesProcessed(
      static_cast<std::int64_t>(state.iterations() * text.size()));
}
BENCHMARK(BM_FindUrls)->Unit(benchmark::kMillisecond);

void BM_FindTimePhrases(benchmark::State& state) {
  const std::string& text = OneReport();
  for (auto _ : state) benchmark::DoNotOptimize(FindTimePhrases(text));
  state.SetBytesProcessed(
      static_cast<std::int64_t>(state.iterations() * text.size()));
}
BENCHMARK(BM_FindTimePhrases)->Unit(benchmark::kMillisecond);

void BM_FindDatesAndMeetings(benchmark::State& state) {
  const std::string& text = OneReport();
  for (auto _ : state) {
    benchmark::DoNotOptimize(FindDates(text));
    benchmark::DoNotOptimize(FindMeetingNumbers(text));
  }
  state.SetBytesProcessed(
      static_cast<std::int64_t>(state.iterations() * text.size()));
}
BENCHMARK(BM_FindDatesAndMeetings)->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace timecite::linker

int main(int argc, char** argv) {
  const std::string_view mode = argc > 1 ? argv[1] : "";
  if (mode == "generate" && argc == 4) {
    timecite::linker::Generate(argv[2], std::strtoul(argv[3], nullptr, 10));
    return 0;
  }
  if (mode == "extract" && (argc == 3 || argc == 4)) {
    const unsigned jobs =
        argc == 4 ? static_cast<unsigned>(std::strtoul(argv[3], nullptr, 10))
                  : 1;
    return timecite::linker::Extract(argv[2], /*dump=*/false, jobs);
  }
  if (mode == "dump" && argc == 3)
    return timecite::linker::Extract(argv[2], /*dump=*/true, 1);
  if (mode == "generate" || mode == "extract" || mode == "dump") {
    std::cerr << "usage: linker_bench generate FILE MB | extract FILE [JOBS] | "
                 "dump FILE | "
                 "[benchmark flags]\n";
    return 3;
  }
  benchmark::Initialize(&argc, argv);
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
