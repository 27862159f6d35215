#include "linker/citations/countries.h"

#include <nlohmann/json.hpp>
#include <toml++/toml.h>

#include <algorithm>
#include <cstring>

#include "common/file.h"
#include "common/utf8.h"
#include "linker/citations/timecode.h"
#include "timecite/country_aliases.h"

namespace timecite::linker {
namespace {

// ---- GNU .mo -----------------------------------------------------------------

constexpr std::uint32_t kMoMagic = 0x950412de;
constexpr std::size_t kMoHeaderBytes = 28;  // magic, revision, N, O, T, S, H

// Reads the 32-bit word at `at` in the catalogue's byte order.
// REQUIRES: at + 4 <= bytes.size().
std::uint32_t Word(std::string_view bytes, std::size_t at, bool swap) {
  std::uint32_t v;
  std::memcpy(&v, bytes.data() + at, 4);
  if (swap) v = __builtin_bswap32(v);
  return v;
}

// The string of table entry `index` (a (length, offset) pair at
// table + 8 * index), up to its first NUL (plural forms follow one).
Result<std::string_view> MoString(std::string_view bytes, std::uint32_t table, std::uint32_t index,
                                  bool swap) {
  const std::uint64_t entry = std::uint64_t{table} + 8u * std::uint64_t{index};
  if (entry + 8 > bytes.size()) {
    return Status::InvalidArgument("string table entry " + std::to_string(index) +
                                   " is outside the file");
  }
  const std::uint32_t length = Word(bytes, entry, swap);
  const std::uint32_t offset = Word(bytes, entry + 4, swap);
  if (std::uint64_t{offset} + length > bytes.size()) {
    return Status::InvalidArgument("string " + std::to_string(index) + " is outside the file");
  }
  std::string_view s = bytes.substr(offset, length);
  if (const std::size_t nul = s.find('\0'); nul != std::string_view::npos) s = s.substr(0, nul);
  return s;
}

// ---- folding -------------------------------------------------------------------

// How names and text are compared: FoldPhraseChar, minus combining accents,
// "ё" as "е", typographic apostrophes as "'", any white space as ' '.
// Returns 0 for dropped code points.
char32_t FoldNameChar(char32_t cp) {
  if (cp >= 0x0300 && cp <= 0x036F) return 0;  // combining accents ("Респу́блика")
  if (cp == U'\n' || cp == U'\t' || cp == U'\r') return U' ';
  cp = FoldPhraseChar(cp);
  if (cp == 0x0451 || cp == 0x0401) return 0x0435;  // ё, Ё
  if (cp == 0x2019 || cp == 0x2018 || cp == 0x02BC) return U'\'';
  return cp;
}

struct FoldedText {
  std::u32string cps;
  std::vector<std::size_t> begins, ends;  // bytes of each folded code point
};

// Folds `text`; runs of spaces become one; invalid bytes become U+FFFD.
FoldedText FoldText(std::string_view text) {
  FoldedText f;
  std::size_t i = 0;
  char32_t cp = 0;
  while (i < text.size()) {
    std::size_t n = utf8::Decode(text, i, &cp);
    if (n == 0) {
      n = 1;
      cp = 0xFFFD;
    }
    const char32_t c = FoldNameChar(cp);
    if (c != 0 && !(c == U' ' && !f.cps.empty() && f.cps.back() == U' ')) {
      f.cps.push_back(c);
      f.begins.push_back(i);
      f.ends.push_back(i + n);
    }
    i += n;
  }
  return f;
}

std::u32string FoldName(std::string_view name) {
  std::u32string folded = FoldText(name).cps;
  while (!folded.empty() && folded.back() == U' ') folded.pop_back();
  std::size_t lead = 0;
  while (lead < folded.size() && folded[lead] == U' ') ++lead;
  return folded.substr(lead);
}

// Letters of scripts that separate words with spaces: a name starting or
// ending with one needs a word boundary there.
bool IsWordLetter(char32_t c) {
  return (c >= U'a' && c <= U'z') || (c >= 0x00DF && c <= 0x024F && c != 0x00F7) ||
         (c >= 0x0400 && c <= 0x04FF) || (c >= 0x0620 && c <= 0x064A) ||
         (c >= 0x066E && c <= 0x06D3);
}

// Arabic one-letter proclitics written glued to the next word: و ف ب ل ك
// ("وإيران", "بالهند").
bool IsArabicProclitic(char32_t c) {
  return c == 0x0648 || c == 0x0641 || c == 0x0628 || c == 0x0644 || c == 0x0643;
}

bool WordStartsAt(const std::u32string& cps, std::size_t i) {
  if (i == 0 || !IsWordLetter(cps[i]) || !IsWordLetter(cps[i - 1])) return true;
  return IsArabicProclitic(cps[i - 1]) && (i == 1 || !IsWordLetter(cps[i - 2]));
}

// ---- files ---------------------------------------------------------------------

constexpr std::uintmax_t kMaxSourceBytes = 8u << 20;

Result<std::string> ReadSource(const std::filesystem::path& path, std::string_view what) {
  Result<std::string> bytes = ReadFile(path, kMaxSourceBytes);
  if (!bytes.ok() && bytes.status().IsNotFound()) {
    return Status::NotFound(std::string(what) + " not found: " + path.string());
  }
  return bytes;
}

bool IsAlpha3(std::string_view s) {
  return s.size() == 3 && std::all_of(s.begin(), s.end(), [](char c) { return c >= 'A' && c <= 'Z'; });
}

}  // namespace

Result<MoCatalog> ParseMoCatalog(std::string_view bytes) {
  if (bytes.size() > kMaxMoBytes) return Status::InvalidArgument("catalogue larger than 8 MiB");
  if (bytes.size() < kMoHeaderBytes) return Status::InvalidArgument("catalogue too short");
  bool swap = false;
  if (Word(bytes, 0, false) != kMoMagic) {
    if (Word(bytes, 0, true) != kMoMagic) {
      return Status::InvalidArgument("not a GNU .mo catalogue (bad magic number)");
    }
    swap = true;
  }
  const std::uint32_t revision = Word(bytes, 4, swap);
  if ((revision >> 16) > 1) {
    return Status::InvalidArgument("unknown .mo format revision " + std::to_string(revision >> 16));
  }
  const std::uint32_t count = Word(bytes, 8, swap);
  const std::uint32_t originals = Word(bytes, 12, swap);
  const std::uint32_t translations = Word(bytes, 16, swap);
  if (count > kMaxMoEntries) {
    return Status::InvalidArgument("too many entries (" + std::to_string(count) + ")");
  }
  for (const std::uint32_t table : {originals, translations}) {
    if (std::uint64_t{table} + 8u * std::uint64_t{count} > bytes.size()) {
      return Status::InvalidArgument("string table outside the file");
    }
  }
  MoCatalog catalog;
  for (std::uint32_t i = 0; i < count; ++i) {
    auto id = MoString(bytes, originals, i, swap);
    if (!id.ok()) return id.status();
    auto str = MoString(bytes, translations, i, swap);
    if (!str.ok()) return str.status();
    if (id->empty()) continue;  // the header entry
    catalog.emplace(std::string(*id), std::string(*str));
  }
  return catalog;
}

void CountryTable::Add(std::string_view name, std::string_view alpha3) {
  const std::u32string folded = FoldName(name);
  if (folded.empty()) return;
  std::uint32_t node = 0;
  for (const char32_t c : folded) {
    auto& children = nodes_[node].children;
    auto it = std::lower_bound(children.begin(), children.end(), c,
                               [](const auto& child, char32_t key) { return child.first < key; });
    if (it != children.end() && it->first == c) {
      node = it->second;
      continue;
    }
    const auto next = static_cast<std::uint32_t>(nodes_.size());
    children.insert(it, {c, next});  // `children` is not used after nodes_ grows
    nodes_.emplace_back();
    node = next;
  }
  if (nodes_[node].country >= 0) return;  // the first source wins
  auto code = std::find(codes_.begin(), codes_.end(), alpha3);
  if (code == codes_.end()) code = codes_.insert(codes_.end(), std::string(alpha3));
  nodes_[node].country = static_cast<std::int32_t>(code - codes_.begin());
  ++names_;
}

std::uint32_t CountryTable::Child(std::uint32_t node, char32_t c) const {
  const auto& children = nodes_[node].children;
  auto it = std::lower_bound(children.begin(), children.end(), c,
                             [](const auto& child, char32_t key) { return child.first < key; });
  return it != children.end() && it->first == c ? it->second : 0;
}

Result<CountryTable> CountryTable::FromBytes(
    std::string_view iso_json, const std::vector<std::pair<std::string, std::string>>& mo_files,
    std::string_view aliases_toml) {
  const nlohmann::json doc = nlohmann::json::parse(iso_json, nullptr, /*allow_exceptions=*/false);
  if (doc.is_discarded() || !doc.is_object() || !doc.contains("3166-1") ||
      !doc["3166-1"].is_array()) {
    return Status::InvalidArgument("iso_3166-1.json: not the iso-codes format (no \"3166-1\" array)");
  }
  std::vector<MoCatalog> catalogs;
  for (const auto& [language, bytes] : mo_files) {
    auto catalog = ParseMoCatalog(bytes);
    if (!catalog.ok()) return catalog.status().WithContext("iso_3166-1.mo (" + language + ")");
    catalogs.push_back(std::move(catalog).value());
  }
  CountryTable table;
  // Aliases first: where a name is ambiguous, the project's choice wins.
  if (!aliases_toml.empty()) {
    toml::table aliases;
    try {
      aliases = toml::parse(aliases_toml, std::string_view("country-aliases.toml"));
    } catch (const toml::parse_error& e) {
      return Status::InvalidArgument("country-aliases.toml:" +
                                     std::to_string(e.source().begin.line) + ": " +
                                     std::string(e.description()));
    }
    const toml::table* list = aliases["aliases"].as_table();
    if (list == nullptr) {
      return Status::InvalidArgument("country-aliases.toml: no [aliases] table");
    }
    for (auto&& [key, node] : *list) {
      const std::string code(key.str());
      const toml::array* names = node.as_array();
      if (!IsAlpha3(code) || names == nullptr) {
        return Status::InvalidArgument("country-aliases.toml: `" + code +
                                       "` must be an alpha-3 code with a list of names");
      }
      for (const toml::node& name : *names) {
        auto s = name.value<std::string>();
        if (!s) return Status::InvalidArgument("country-aliases.toml: " + code + ": not a string");
        table.Add(*s, code);
      }
    }
  }
  for (const nlohmann::json& entry : doc["3166-1"]) {
    if (!entry.is_object() || !entry.contains("alpha_3") || !entry["alpha_3"].is_string()) continue;
    const std::string code = entry["alpha_3"].get<std::string>();
    if (!IsAlpha3(code)) continue;
    for (const char* field : {"name", "official_name", "common_name"}) {
      if (!entry.contains(field) || !entry[field].is_string()) continue;
      const std::string english = entry[field].get<std::string>();
      table.Add(english, code);
      for (const MoCatalog& catalog : catalogs) {
        if (auto it = catalog.find(english); it != catalog.end()) table.Add(it->second, code);
      }
    }
  }
  if (table.names_ == 0) return Status::InvalidArgument("iso_3166-1.json: no countries");
  return table;
}

Result<CountryTable> CountryTable::Load(const CountrySources& sources) {
  auto json = ReadSource(sources.iso_codes_json, "iso-codes country list");
  if (!json.ok()) {
    if (json.status().IsNotFound()) {
      return Status::NotFound(json.status().message() +
                              " (install Debian's iso-codes package: apt-get install iso-codes)");
    }
    return json.status();
  }
  std::vector<std::pair<std::string, std::string>> mo_files;
  for (const std::string& language : sources.languages) {
    const auto path = sources.locale_dir / language / "LC_MESSAGES" / "iso_3166-1.mo";
    auto bytes = ReadSource(path, "iso-codes translations (" + language + ")");
    if (!bytes.ok()) return bytes.status();
    mo_files.emplace_back(language, std::move(bytes).value());
  }
  std::string aliases;
  if (!sources.aliases.empty()) {
    auto text = ReadSource(sources.aliases, "country alias list");
    if (!text.ok()) return text.status();
    aliases = std::move(text).value();
  } else {
    aliases = sources.aliases_toml;
  }
  return FromBytes(*json, mo_files, aliases);
}

std::vector<CountryMention> CountryTable::FindCountries(std::string_view text) const {
  const FoldedText f = FoldText(text);
  const std::u32string& cps = f.cps;
  std::vector<CountryMention> out;
  std::size_t i = 0;
  while (i < cps.size()) {
    if (cps[i] == U' ' || !WordStartsAt(cps, i)) {
      ++i;
      continue;
    }
    std::size_t best_end = 0;
    std::int32_t best = -1;
    std::uint32_t node = 0;
    for (std::size_t j = i; j < cps.size(); ++j) {
      node = Child(node, cps[j]);
      if (node == 0) break;
      const std::int32_t country = nodes_[node].country;
      const bool boundary =
          j + 1 == cps.size() || !IsWordLetter(cps[j]) || !IsWordLetter(cps[j + 1]);
      if (country >= 0 && boundary) {
        best = country;
        best_end = j + 1;
      }
    }
    if (best < 0) {
      ++i;
      continue;
    }
    CountryMention m;
    m.alpha3 = codes_[static_cast<std::size_t>(best)];
    m.begin = f.begins[i];
    m.end = f.ends[best_end - 1];
    m.written = std::string(text.substr(m.begin, m.end - m.begin));
    out.push_back(std::move(m));
    i = best_end;
  }
  return out;
}

std::optional<std::string> CountryTable::Lookup(std::string_view name) const {
  std::uint32_t node = 0;
  const std::u32string folded = FoldName(name);
  if (folded.empty()) return std::nullopt;
  for (const char32_t c : folded) {
    node = Child(node, c);
    if (node == 0) return std::nullopt;
  }
  const std::int32_t country = nodes_[node].country;
  if (country < 0) return std::nullopt;
  return codes_[static_cast<std::size_t>(country)];
}

const Result<CountryTable>& DefaultCountryTable(const std::filesystem::path& aliases) {
  static const Result<CountryTable> table = [&] {
    CountrySources sources;
    sources.aliases = aliases;
    if (aliases.empty()) sources.aliases_toml = std::string(kBuiltinCountryAliases);
    return CountryTable::Load(sources);
  }();
  return table;
}

Result<std::string> CountryCodeOf(std::string_view code_or_name) {
  const bool code = code_or_name.size() == 3 &&
                    std::all_of(code_or_name.begin(), code_or_name.end(), [](char c) {
                      return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
                    });
  if (code) {
    std::string upper(code_or_name);
    for (char& c : upper) c = static_cast<char>(c & ~0x20);
    return upper;
  }
  const auto& table = DefaultCountryTable();
  if (!table.ok()) return table.status();
  if (auto found = table->Lookup(code_or_name)) return *found;
  return Status::InvalidArgument(std::string(code_or_name) +
                                 ": not an ISO 3166-1 alpha-3 code or a country name");
}

}  // namespace timecite::linker
