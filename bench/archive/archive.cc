#include "bench/archive/archive.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>

#include "store/store.h"

namespace timecite::bench {
namespace {


// ---- languages ---------------------------------------------------------------
struct LanguageSpec {
  std::string code;
  std::vector<std::string> words;      // real words, most frequent first
  std::vector<std::string> syllables;  // for the long tail
  bool spaces = true;
};

std::vector<std::string> Split(const std::string& s) { return SplitWords(s); }

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

}  // namespace

const std::vector<std::string>& ArchiveBodies() {
  static const std::vector<std::string> kBodies = {
      "Security Council", "General Assembly", "Human Rights Council",
      "Economic and Social Council", "First Committee", "Third Committee"};
  return kBodies;
}

const std::vector<std::string>& ArchiveCountries() {
  static const std::vector<std::string> kCountries = {
      "NGA", "FRA", "USA", "CHN", "RUS", "GBR", "BRA", "IND", "EGY", "MEX", "ZAF", "DEU",
      "JPN", "IRN", "SAU", "ARG", "KEN", "PAK", "IDN", "TUR", "UKR", "SYR", "ESP", "DZA"};
  return kCountries;
}

std::vector<std::string> SplitWords(const std::string& s) {
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

Result<ArchiveFacts> WriteArchive(store::Store& db, const ArchiveOptions& options) {
  const std::size_t recordings = options.recordings, segments = options.segments;
  const std::vector<std::string>& kBodies = ArchiveBodies();
  const std::vector<std::string>& kCountries = ArchiveCountries();
  Rng rng(options.seed);
  const std::vector<LanguageSpec> specs = Specs();
  std::vector<Vocabulary> vocab;
  for (const auto& s : specs) vocab.emplace_back(s, 30000, rng);
  std::size_t written = 0;
  std::vector<std::string> sample_sentences[6];
  std::vector<std::string> asset_ids;
  std::vector<int64_t> durations_ms;
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
    if (options.write)
      if (Status s = db.PutRecording(rec, segs); !s.ok()) return s;
    asset_ids.push_back(rec.asset_id);
    durations_ms.push_back(rec.duration_ms);
    written += n;
  }
  ArchiveFacts facts;
  facts.recordings = recordings;
  facts.segments = written;
  for (std::size_t l = 0; l < specs.size(); ++l) {
    facts.languages.push_back({specs[l].code, specs[l].words, specs[l].spaces,
                               std::move(sample_sentences[l])});
  }
  facts.asset_ids = std::move(asset_ids);
  facts.durations_ms = std::move(durations_ms);
  return facts;
}

}  // namespace timecite::bench
