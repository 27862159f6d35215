// Citation extraction throughput (issue 7).
//
//   linker_bench generate FILE MB   writes MB megabytes of generated reports:
//                                   footnoted prose in the six UN languages
//                                   with Web TV and document URLs, time
//                                   phrases, dates and meeting numbers
//   linker_bench extract FILE       reads FILE, splits it into its reports
//                                   (a form feed between two), runs
//                                   DocumentFromBytes + ExtractCitations on
//                                   each and prints bytes, seconds, MB/s and
//                                   the citations found (one line, key=value)
//   linker_bench [--benchmark_...]  Google Benchmark: the same on one report,
//                                   and the grammar alone
//
// bench/linker/extract_bench.sh runs `generate`, `extract` and grep on the
// same file and prints the ratio.
#include <benchmark/benchmark.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <string>
#include <string_view>
#include <vector>

#include "linker/citation.h"
#include "linker/context.h"
#include "linker/document.h"
#include "linker/timecode.h"
#include "linker/urls.h"

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

int Extract(const std::string& path) {
  const auto start = std::chrono::steady_clock::now();
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    std::cerr << "cannot read " << path << "\n";
    return 1;
  }
  // Read in 1 MiB chunks into a buffer that is reused, as grep reads its
  // input: reading the whole corpus into one string cost a page fault per
  // 4 KiB (a tenth of the run); an ostringstream copy cost a fifth.
  std::size_t bytes = 0, citations = 0, starts = 0, reports = 0;
  const auto extract = [&](std::string_view report) {
    auto doc = DocumentFromBytes("report-" + std::to_string(reports++) + ".txt",
                                 std::string(report));
    if (!doc.ok()) {
      std::cerr << doc.status().ToString() << "\n";
      return false;
    }
    for (const Citation& c : ExtractCitations(*doc)) {
      ++citations;
      if (c.start_ms) ++starts;
    }
    return true;
  };
  std::string pending;
  std::vector<char> chunk(1 << 20);
  while (in.read(chunk.data(), static_cast<std::streamsize>(chunk.size())) ||
         in.gcount() > 0) {
    const auto n = static_cast<std::size_t>(in.gcount());
    bytes += n;
    pending.append(chunk.data(), n);
    std::size_t at = 0;
    for (std::size_t end = pending.find('\f'); end != std::string::npos;
         end = pending.find('\f', at)) {
      if (!extract(std::string_view(pending).substr(at, end - at))) return 1;
      at = end + 1;
    }
    pending.erase(0, at);
  }
  if (in.bad()) {
    std::cerr << "cannot read " << path << "\n";
    return 1;
  }
  if (!pending.empty() && !extract(pending)) return 1;
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start)
          .count();
  std::printf(
      "bytes=%zu seconds=%.3f mbps=%.1f reports=%zu citations=%zu starts=%zu\n",
      bytes, seconds, static_cast<double>(bytes) / 1e6 / seconds, reports,
      citations, starts);
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
  if (mode == "extract" && argc == 3) return timecite::linker::Extract(argv[2]);
  if (mode == "generate" || mode == "extract") {
    std::cerr << "usage: linker_bench generate FILE MB | extract FILE | "
                 "[benchmark flags]\n";
    return 3;
  }
  benchmark::Initialize(&argc, argv);
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
