// Country names → ISO 3166-1 alpha-3 codes, in the six UN languages.
//
// Speakers in UN recordings are countries (UN Transcripts gives each
// statement's `affiliation` as an alpha-3 code); footnotes name them as
// written in the report's language. This table reads them back.
//
// Sources, all read from disk once:
//  - Debian's iso-codes package: /usr/share/iso-codes/json/iso_3166-1.json
//    (each entry's `name`, `official_name` and `common_name`, in English) and
//    the GNU gettext catalogues /usr/share/locale/<lang>/LC_MESSAGES/
//    iso_3166-1.mo for ar, zh_CN, fr, ru and es, whose msgids are those
//    English names (ParseMoCatalog reads them).
//  - configs/country-aliases.toml: names iso-codes lacks, chiefly the UN's
//    short names ("Iran (Islamic Republic of)", "Türkiye", "荷兰王国").
//
// Matching folds case, width, digits, Arabic harakat and hamza forms, Latin
// and Cyrillic combining accents, "ё" and runs of white space, so "IRAN" and
// "Iran" match, and so do "الاتّحاد الرّوسي" and "الاتحاد الروسي".
//
// Thread safety: a CountryTable is immutable after loading; FindCountries and
// Lookup may be called from any number of threads.
#pragma once

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "common/status.h"

namespace timecite::linker {

// A gettext message catalogue: msgid → msgstr (the first form of plural
// entries; the header entry, whose msgid is empty, is left out).
using MoCatalog = std::map<std::string, std::string, std::less<>>;

// Largest .mo file ParseMoCatalog accepts, in bytes (8 MiB), and most entries.
inline constexpr std::size_t kMaxMoBytes = 8u << 20;
inline constexpr std::uint32_t kMaxMoEntries = 1u << 20;

// Parses a GNU gettext binary catalogue (.mo), as documented in the GNU
// gettext manual, "The Format of GNU MO Files": a magic number 0x950412de in
// either byte order, a format revision (major 0 or 1), the entry count N and
// the offsets of two tables of N (length, offset) pairs, for the original and
// the translated strings. Every offset and length is checked against the
// input before use. Errors: InvalidArgument naming the problem (bad magic,
// unknown revision, a table or string outside the file, too many entries).
Result<MoCatalog> ParseMoCatalog(std::string_view bytes);

struct CountryMention {
  std::string alpha3;          // ISO 3166-1 alpha-3, e.g. "IRN"
  std::size_t begin = 0;       // bytes of the name in the searched text
  std::size_t end = 0;
  std::string written;         // the name as written in the text
};

// Where the sources are. The defaults are Debian's paths and the project's
// alias file (empty `aliases`: no aliases).
struct CountrySources {
  std::filesystem::path iso_codes_json = "/usr/share/iso-codes/json/iso_3166-1.json";
  std::filesystem::path locale_dir = "/usr/share/locale";
  std::filesystem::path aliases;  // configs/country-aliases.toml
  std::string aliases_toml;       // the alias text itself, when `aliases` is empty
  // The gettext locales read, besides the English names of the JSON file.
  std::vector<std::string> languages = {"ar", "zh_CN", "fr", "ru", "es"};
};

class CountryTable {
 public:
  // Reads the sources. Errors: NotFound when the iso-codes JSON file is
  // missing ("install Debian's iso-codes package"), or a catalogue of
  // `languages` is; IoError when one cannot be read; InvalidArgument when
  // one is malformed (the file named), or larger than 8 MiB.
  static Result<CountryTable> Load(const CountrySources& sources);

  // Builds the table from bytes in memory: the iso_3166-1.json text, the .mo
  // catalogues by language, and the alias TOML text (may be empty). Errors
  // as Load, with `origin` strings for the messages.
  static Result<CountryTable> FromBytes(
      std::string_view iso_json, const std::vector<std::pair<std::string, std::string>>& mo_files,
      std::string_view aliases_toml);

  // Every country name in `text` (UTF-8; invalid bytes match nothing), in
  // order, not overlapping. At each position the longest name wins
  // ("Republic of Korea" over "Korea"). A name that begins or ends with a
  // letter of an alphabetic script (Latin, Cyrillic, Arabic) must do so at a
  // word boundary: "Iran" is not found in "Iranian"; Chinese names need none
  // ("伊朗" in "伊朗代表").
  std::vector<CountryMention> FindCountries(std::string_view text) const;

  // The alpha-3 code of exactly `name` (folded as above), or nullopt.
  std::optional<std::string> Lookup(std::string_view name) const;

  // Number of distinct folded names in the table.
  std::size_t size() const { return names_; }

 private:
  struct Node {
    std::vector<std::pair<char32_t, std::uint32_t>> children;  // sorted by code point
    std::int32_t country = -1;                                 // index into codes_
  };
  void Add(std::string_view name, std::string_view alpha3);
  std::uint32_t Child(std::uint32_t node, char32_t c) const;  // 0: none

  std::vector<Node> nodes_ = std::vector<Node>(1);  // nodes_[0] is the root
  std::vector<std::string> codes_;
  std::size_t names_ = 0;
};

// The table from the default sources with `aliases` (usually
// configs/country-aliases.toml; empty: the copy of that file compiled into
// timecite), loaded on the first call and kept for the process. Later calls
// return the same result, whatever their argument.
const Result<CountryTable>& DefaultCountryTable(const std::filesystem::path& aliases = {});

// The ISO 3166-1 alpha-3 code a user typed: three ASCII letters in any case
// (upper-cased, "nga" -> "NGA"), or a country name in one of the six languages
// as DefaultCountryTable knows it ("Nigeria", "nigeria", "尼日利亚"). What
// `timecite search --country` and serve's country= take. Errors:
// InvalidArgument "VALUE: not an ISO 3166-1 alpha-3 code or a country name";
// the table's own load errors.
Result<std::string> CountryCodeOf(std::string_view code_or_name);

}  // namespace timecite::linker
