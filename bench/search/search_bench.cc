// The full-text index (search/) against the current scan search
// (indexer::Search) and SQLite FTS5 (unicode61 tokenizer, diacritics
// removed), all three over the same generated archive in the same run.
//
// The archive is generated deterministically: R recordings (default 700) and
// S segments (default 2,000,000) spread evenly over them and over the six
// languages (each recording in one language, dates 2015..2024, bodies and
// speaker countries drawn from short lists). A language's sentences draw
// their words from a Zipf distribution (s = 1) over a 30,000-word vocabulary
// whose most frequent ranks are real words of that language (function words,
// then the vocabulary of UN meetings) and whose long tail is made of
// syllables of its script; sentence lengths are normal around 22 words
// (sd 9; Chinese: 14 words of one or two characters, written without
// spaces).
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

#include "common/utf8.h"
#include "indexer/catalog/query.h"
#include "search/search.h"
#include "store/store.h"

namespace {

using namespace timecite;
namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

class Rng {
 public:
  explicit Rng(uint64_t seed) : x_(seed) {}
  uint64_t Next() {
    x_ ^= x_ << 13;
    x_ ^= x_ >> 7;
    x_ ^= x_ << 17;
    return x_;
  }
  double Uniform() { return static_cast<double>(Next() >> 11) / 9007199254740992.0; }
  std::size_t Below(std::size_t n) { return static_cast<std::size_t>(Next() % n); }
  double Normal(double mean, double sd) {
    const double u1 = std::max(Uniform(), 1e-12), u2 = Uniform();
    return mean + sd * std::sqrt(-2 * std::log(u1)) * std::cos(6.283185307179586 * u2);
  }

 private:
  uint64_t x_;
};

// ---- languages ---------------------------------------------------------------
struct LanguageSpec {
  std::string code;
  std::vector<std::string> words;      // real words, most frequent first
  std::vector<std::string> syllables;  // for the long tail
  bool spaces = true;
};

std::vector<std::string> Split(const std::string& s) {
  std::vector<std::string> out;
  std::size_t b = 0;
  while (b < s.size()) {
    std::size_t e = s.find(' ', b);
    if (e == std::string::npos) e = s.size();
    if (e > b) out.push_back(s.substr(b, e - b));
    b = e + 1;
  }
  return out;
}

std::vector<LanguageSpec> Specs() {
  return {
      {"en",
       Split("the of and to in a that is for on we this it as be with are by have our all "
             "will not has which its from at their an international security council "
             "united nations development support peace resolution people government "
             "countries human rights women children climate change humanitarian "
             "situation assistance cooperation efforts region sustainable committee "
             "assembly general secretary report process agenda draft delegation "
             "president conflict violence political economic social members important "
             "commitment implementation agreement elections ceasefire sanctions refugees "
             "migration health food crisis funding mandate mission negotiations dialogue "
             "protection civilians law justice accountability terrorism weapons nuclear "
             "disarmament Africa Sahel Ukraine Gaza Syria Afghanistan Haiti Sudan Yemen"),
       Split("ka ter mon sel vin dor al ex pro ran tis bel con gra lu mer ish ent ow ple"),
       true},
      {"fr",
       Split("de la le et les des à en que du un une pour est dans nous qui sur pas au "
             "par ce avec sont il plus Conseil sécurité Nations Unies développement paix "
             "résolution pays gouvernement droits homme femmes enfants changements "
             "climatiques humanitaire situation coopération région durable comité "
             "Assemblée générale secrétaire rapport ordre jour projet délégation président "
             "conflit violence politique économique sociale membres engagement mise œuvre "
             "accord élections cessez-le-feu sanctions réfugiés migrations santé "
             "alimentaire crise financement mandat mission négociations dialogue "
             "protection civils droit justice responsabilité terrorisme armes nucléaire "
             "désarmement Afrique Sahel Ukraine Gaza Syrie Afghanistan Haïti Soudan Yémen"),
       Split("ré ma po ten sé lu ri on ère teau mé gé vo ai ier ou cha pé"), true},
      {"es",
       Split("de la que el en y los del las un por con una para es se al lo como más "
             "Consejo Seguridad Naciones Unidas desarrollo paz resolución países gobierno "
             "derechos humanos mujeres niños cambio climático humanitaria situación "
             "cooperación región sostenible comité Asamblea General secretario informe "
             "programa proyecto delegación presidente conflicto violencia política "
             "económica social miembros compromiso aplicación acuerdo elecciones alto "
             "fuego sanciones refugiados migración salud alimentaria crisis financiación "
             "mandato misión negociaciones diálogo protección civiles derecho justicia "
             "rendición cuentas terrorismo armas nuclear desarme África Sahel Ucrania Gaza "
             "Siria Afganistán Haití Sudán Yemen"),
       Split("ca to ra mi ción ne lo sa dí gue ña ri te vez mo ba les"), true},
      {"ru",
       Split("и в не на что с по мы это к о для из как его все Совет Безопасности "
             "Организации Объединенных Наций развития мира резолюции стран правительства "
             "прав человека женщин детей изменения климата гуманитарной ситуации "
             "сотрудничества региона устойчивого комитета Генеральной Ассамблеи "
             "Генерального секретаря доклад повестки проекта делегации председателя "
             "конфликта насилия политического экономического социального членов "
             "обязательств осуществления соглашения выборов прекращения огня санкций "
             "беженцев миграции здравоохранения продовольственной кризиса "
             "финансирования мандата миссии переговоров диалога защиты гражданского "
             "населения права правосудия ответственности терроризма оружия ядерного "
             "разоружения Африки Сахеля Украины Газы Сирии Афганистана Гаити Судана Йемена"),
       Split("ка ра но ти ев ост ни ло ве ска ми да ен ую ли то"), true},
      {"ar",
       Split("في من على أن إلى الذي التي مع هذا عن ما كما قد كل بين مجلس الأمن الأمم "
             "المتحدة التنمية السلام القرار البلدان الحكومة حقوق الإنسان المرأة الأطفال "
             "تغير المناخ الإنسانية الحالة التعاون المنطقة المستدامة اللجنة الجمعية "
             "العامة الأمين العام التقرير جدول الأعمال مشروع الوفد الرئيس النزاع العنف "
             "السياسية الاقتصادية الاجتماعية الأعضاء الالتزام تنفيذ الاتفاق الانتخابات "
             "وقف إطلاق النار الجزاءات اللاجئين الهجرة الصحة الغذائي الأزمة التمويل "
             "الولاية البعثة المفاوضات الحوار حماية المدنيين القانون العدالة المساءلة "
             "الإرهاب الأسلحة النووية نزع السلاح أفريقيا الساحل أوكرانيا غزة سوريا "
             "أفغانستان هايتي السودان اليمن"),
       Split("ال مر كا تب سل عل ين ون ات حم دي قا فر نا"), true},
      {"zh",
       Split("的 在 和 是 我们 这 对 了 为 有 与 国际 安全 理事会 联合国 发展 和平 决议 "
             "国家 政府 人权 妇女 儿童 气候 变化 人道 局势 合作 区域 可持续 委员会 大会 "
             "秘书长 报告 议程 草案 代表团 主席 冲突 暴力 政治 经济 社会 成员 承诺 执行 "
             "协议 选举 停火 制裁 难民 移民 卫生 粮食 危机 资金 任务 特派团 谈判 对话 保护 "
             "平民 法治 司法 问责 恐怖主义 武器 核 裁军 非洲 萨赫勒 乌克兰 加沙 叙利亚 "
             "阿富汗 海地 苏丹 也门"),
       Split("中 国 人 民 大 会 年 上 工 作 地 方 部 生 时 行 出 面 公 动 业 分 机 关 "
             "成 进 实 要 高 理 开 事 力 新 全 题 问 制 重 度 建 作 员 组 表 现 领 导 "
             "基 利 各 务 体 加 解 决 平 权 物 主 提 向 量 支 持"),
       false},
  };
}

// A language's vocabulary and a Zipf sampler over it.
struct Vocabulary {
  const LanguageSpec* spec = nullptr;
  std::vector<std::string> words;  // by rank
  std::vector<double> cdf;

  Vocabulary(const LanguageSpec& s, std::size_t size, Rng& rng) : spec(&s) {
    words = s.words;
    std::map<std::string, bool> seen;
    for (const auto& w : words) seen[w] = true;
    // Two to five syllables (Chinese: one to three characters); the
    // inventories allow several times `size` distinct words.
    for (std::size_t tries = 0; words.size() < size && tries < 100 * size; ++tries) {
      std::string w;
      const std::size_t n = s.spaces ? 2 + rng.Below(4) : 1 + rng.Below(3);
      for (std::size_t i = 0; i < n; ++i) w += s.syllables[rng.Below(s.syllables.size())];
      if (seen.emplace(w, true).second) words.push_back(w);
    }
    double total = 0;
    cdf.resize(words.size());
    for (std::size_t r = 0; r < words.size(); ++r) cdf[r] = total += 1.0 / (r + 1.0);
    for (double& c : cdf) c /= total;
  }
  const std::string& Draw(Rng& rng) const {
    const double u = rng.Uniform();
    const auto it = std::lower_bound(cdf.begin(), cdf.end(), u);
    return words[std::min<std::size_t>(it - cdf.begin(), words.size() - 1)];
  }
  std::string Sentence(Rng& rng) const {
    const bool zh = !spec->spaces;
    const int n = std::clamp(static_cast<int>(std::lround(zh ? rng.Normal(14, 6) : rng.Normal(22, 9))), 3, 80);
    std::string s;
    for (int i = 0; i < n; ++i) {
      if (i > 0 && spec->spaces) s += ' ';
      s += Draw(rng);
    }
    s += zh ? "。" : ".";
    if (spec->spaces && !s.empty() && s[0] >= 'a' && s[0] <= 'z') s[0] = static_cast<char>(s[0] - 32);
    return s;
  }
};

const std::vector<std::string> kBodies = {"Security Council", "General Assembly",
                                          "Human Rights Council", "Economic and Social Council",
                                          "First Committee", "Third Committee"};
const std::vector<std::string> kCountries = {
    "NGA", "FRA", "USA", "CHN", "RUS", "GBR", "BRA", "IND", "EGY", "MEX", "ZAF", "DEU",
    "JPN", "IRN", "SAU", "ARG", "KEN", "PAK", "IDN", "TUR", "UKR", "SYR", "ESP", "DZA"};

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
  Rng rng(20261207);
  const std::vector<LanguageSpec> specs = Specs();
  std::vector<Vocabulary> vocab;
  for (const auto& s : specs) vocab.emplace_back(s, 30000, rng);
  auto db = store::Store::Open(db_dir, store::OpenMode::kReadWrite);
  if (!db.ok()) Die(db.status().ToString());
  const auto t_gen = Clock::now();
  std::size_t written = 0;
  std::vector<std::string> sample_sentences[6];
  for (std::size_t r = 0; r < recordings; ++r) {
    const std::size_t lang = r % specs.size();
    store::Recording rec;
    char id[32];
    std::snprintf(id, sizeof id, "k1b%07zu", r % 10000000);
    rec.asset_id = id;
    rec.player_id = rec.entry_id = "1_b" + rec.asset_id.substr(3);
    rec.body = kBodies[rng.Below(kBodies.size())];
    char date[48];
    std::snprintf(date, sizeof date, "%04zu-%02zu-%02zu", 2015 + rng.Below(10), 1 + rng.Below(12),
                  1 + rng.Below(28));
    rec.date = date;
    rec.title = rec.body + ", meeting of " + rec.date;
    rec.status = "ready";
    const std::size_t n = segments / recordings + (r < segments % recordings ? 1 : 0);
    std::vector<store::Segment> segs;
    segs.reserve(n);
    std::string country = kCountries[rng.Below(kCountries.size())];
    for (std::size_t k = 0; k < n; ++k) {
      if (k % 40 == 0) country = kCountries[rng.Below(kCountries.size())];  // a new speaker
      store::Segment s;
      s.asset_id = rec.asset_id;
      s.kind = store::SegmentKind::kSentence;
      s.start_ms = static_cast<int64_t>(k) * 6000;
      s.end_ms = s.start_ms + 5500;
      s.seq = 0;
      s.language = specs[lang].code;
      s.affiliation = country;
      s.speaker_name = "Representative of " + country;
      s.text = vocab[lang].Sentence(rng);
      s.source = "transcript";
      if (sample_sentences[lang].size() < 2000 && rng.Below(50) == 0) sample_sentences[lang].push_back(s.text);
      segs.push_back(std::move(s));
    }
    rec.duration_ms = static_cast<int64_t>(n) * 6000;
    if (!reuse)
      if (Status s = (*db)->PutRecording(rec, segs); !s.ok()) Die(s.ToString());
    written += n;
  }
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
  Rng qrng(7);
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
        const std::string& s = sample_sentences[lang][qrng.Below(sample_sentences[lang].size())];
        if (specs[lang].spaces) {
          auto ws = Split(s);
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
