#include "linker/citations/countries.h"

#include <cstring>

#include "test_util.h"

namespace timecite::linker {
namespace {

// A .mo catalogue built by hand, in either byte order (GNU gettext manual,
// "The Format of GNU MO Files").
std::string BuildMo(const std::vector<std::pair<std::string, std::string>>& entries,
                    bool big_endian = false) {
  auto word = [&](std::string* out, std::uint32_t v) {
    for (int i = 0; i < 4; ++i) {
      const int shift = big_endian ? 8 * (3 - i) : 8 * i;
      out->push_back(static_cast<char>((v >> shift) & 0xFF));
    }
  };
  const auto n = static_cast<std::uint32_t>(entries.size());
  const std::uint32_t originals = 28, translations = 28 + 8 * n;
  std::string head, tables, strings;
  word(&head, 0x950412de);
  word(&head, 0);
  word(&head, n);
  word(&head, originals);
  word(&head, translations);
  word(&head, 0);
  word(&head, 0);
  const std::uint32_t strings_at = 28 + 16 * n;
  std::string ids, strs;
  std::vector<std::uint32_t> id_off, str_off;
  for (const auto& [id, str] : entries) {
    id_off.push_back(static_cast<std::uint32_t>(strings.size()));
    strings += id + '\0';
  }
  for (const auto& [id, str] : entries) {
    str_off.push_back(static_cast<std::uint32_t>(strings.size()));
    strings += str + '\0';
  }
  for (std::uint32_t i = 0; i < n; ++i) {
    word(&tables, static_cast<std::uint32_t>(entries[i].first.size()));
    word(&tables, strings_at + id_off[i]);
  }
  for (std::uint32_t i = 0; i < n; ++i) {
    word(&tables, static_cast<std::uint32_t>(entries[i].second.size()));
    word(&tables, strings_at + str_off[i]);
  }
  return head + tables + strings;
}

TEST(MoCatalog, ReadsBothByteOrders) {
  const std::vector<std::pair<std::string, std::string>> entries = {
      {"", "Content-Type: text/plain; charset=UTF-8\n"},
      {"Germany", "Allemagne"},
      {"Iran, Islamic Republic of", "Iran, République islamique d'"}};
  for (bool big : {false, true}) {
    auto catalog = ParseMoCatalog(BuildMo(entries, big));
    ASSERT_OK(catalog);
    EXPECT_EQ(catalog->size(), 2u);  // the header entry is left out
    EXPECT_EQ(catalog->at("Germany"), "Allemagne");
    EXPECT_EQ(catalog->at("Iran, Islamic Republic of"), "Iran, République islamique d'");
  }
}

TEST(MoCatalog, PluralEntriesKeepTheFirstForm) {
  auto catalog = ParseMoCatalog(BuildMo({{std::string("day\0days", 8), std::string("jour\0jours", 10)}}));
  ASSERT_OK(catalog);
  EXPECT_EQ(catalog->at("day"), "jour");
}

TEST(MoCatalog, BadInputIsAnError) {
  EXPECT_FALSE(ParseMoCatalog("").ok());
  EXPECT_FALSE(ParseMoCatalog(std::string(28, '\0')).ok());  // bad magic
  std::string mo = BuildMo({{"Germany", "Allemagne"}});
  EXPECT_FALSE(ParseMoCatalog(mo.substr(0, 40)).ok());  // tables cut off
  // A string offset far outside the file.
  std::string bad = mo;
  bad[28 + 4 + 3] = '\x7f';
  auto r = ParseMoCatalog(bad);
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().message().find("outside the file"), std::string::npos);
  // An entry count that would put the tables past the end.
  std::string many = mo;
  many[8 + 3] = '\x01';
  EXPECT_FALSE(ParseMoCatalog(many).ok());
}

constexpr char kMiniJson[] = R"({"3166-1": [
  {"alpha_2": "IR", "alpha_3": "IRN", "name": "Iran, Islamic Republic of",
   "official_name": "Islamic Republic of Iran", "common_name": "Iran"},
  {"alpha_2": "KR", "alpha_3": "KOR", "name": "Korea, Republic of", "common_name": "South Korea"},
  {"alpha_2": "OM", "alpha_3": "OMN", "name": "Oman"},
  {"alpha_2": "RU", "alpha_3": "RUS", "name": "Russian Federation"}]})";

TEST(CountryTable, FromBytesWithTranslationsAndAliases) {
  const std::vector<std::pair<std::string, std::string>> mo = {
      {"zh_CN", BuildMo({{"Iran", "伊朗"}, {"Islamic Republic of Iran", "伊朗伊斯兰共和国"}})},
      {"ru", BuildMo({{"Russian Federation", "Российская Федерация"}})}};
  auto table = CountryTable::FromBytes(
      kMiniJson, mo, "[aliases]\nKOR = [\"Republic of Korea\", \"Korea\"]\n");
  ASSERT_OK(table);
  EXPECT_EQ(table->Lookup("伊朗伊斯兰共和国"), "IRN");
  EXPECT_EQ(table->Lookup("IRAN"), "IRN");
  EXPECT_EQ(table->Lookup("российская   федерация"), "RUS");
  EXPECT_EQ(table->Lookup("Atlantis"), std::nullopt);

  const std::string text = "Statements by the Republic of Korea, Oman and 伊朗伊斯兰共和国代表.";
  const auto found = table->FindCountries(text);
  ASSERT_EQ(found.size(), 3u);
  EXPECT_EQ(found[0].alpha3, "KOR");
  EXPECT_EQ(found[0].written, "Republic of Korea");  // longest match, not "Korea"
  EXPECT_EQ(text.substr(found[0].begin, found[0].end - found[0].begin), "Republic of Korea");
  EXPECT_EQ(found[1].alpha3, "OMN");
  EXPECT_EQ(found[2].alpha3, "IRN");
  EXPECT_EQ(found[2].written, "伊朗伊斯兰共和国");
}

TEST(CountryTable, WordBoundariesForAlphabeticScripts) {
  auto table = CountryTable::FromBytes(kMiniJson, {}, "");
  ASSERT_OK(table);
  EXPECT_TRUE(table->FindCountries("Iranian and Omani delegations").empty());
  const auto found = table->FindCountries("(Oman) Iran, Islamic Republic of;");
  ASSERT_EQ(found.size(), 2u);
  EXPECT_EQ(found[0].alpha3, "OMN");
  EXPECT_EQ(found[1].alpha3, "IRN");
  EXPECT_EQ(found[1].written, "Iran, Islamic Republic of");
  // A name wrapped over two lines (PDF text) is still one name.
  const auto wrapped = table->FindCountries("the Russian\nFederation said");
  ASSERT_EQ(wrapped.size(), 1u);
  EXPECT_EQ(wrapped[0].written, "Russian\nFederation");
}

TEST(CountryTable, BadSourcesAreErrors) {
  EXPECT_FALSE(CountryTable::FromBytes("not json", {}, "").ok());
  EXPECT_FALSE(CountryTable::FromBytes(R"({"3166-1": []})", {}, "").ok());
  auto bad_alias = CountryTable::FromBytes(kMiniJson, {}, "[aliases]\nIran = [\"x\"]\n");
  ASSERT_FALSE(bad_alias.ok());
  EXPECT_NE(bad_alias.status().message().find("alpha-3"), std::string::npos);
  EXPECT_FALSE(CountryTable::FromBytes(kMiniJson, {}, "[aliases\n").ok());
  EXPECT_FALSE(CountryTable::FromBytes(kMiniJson, {{"fr", "garbage"}}, "").ok());
}

TEST(CountryTable, MissingIsoCodesIsAClearError) {
  CountrySources sources;
  sources.iso_codes_json = "/nonexistent/iso-codes/json/iso_3166-1.json";
  auto table = CountryTable::Load(sources);
  ASSERT_FALSE(table.ok());
  EXPECT_TRUE(table.status().IsNotFound());
  EXPECT_NE(table.status().message().find("iso-codes"), std::string::npos);
}

// Debian's iso-codes, as installed, with the project's alias list.
class IsoCodes : public ::testing::Test {
 protected:
  void SetUp() override {
    if (!std::filesystem::exists("/usr/share/iso-codes/json/iso_3166-1.json")) {
      GTEST_SKIP() << "/usr/share/iso-codes is absent: install Debian's iso-codes package";
    }
  }
};

TEST_F(IsoCodes, TranslationsFromTheMoFilesAlone) {
  auto table = CountryTable::Load(CountrySources{});  // no aliases
  ASSERT_OK(table);
  EXPECT_GT(table->size(), 1000u);
  EXPECT_EQ(table->Lookup("伊朗伊斯兰共和国"), "IRN");  // zh_CN, as DESIGN §1 says
  EXPECT_EQ(table->Lookup("德意志联邦共和国"), "DEU");
  EXPECT_EQ(table->Lookup("荷兰王国"), "NLD");
  EXPECT_EQ(table->Lookup("Российская Федерация"), "RUS");
  EXPECT_EQ(table->Lookup("Соединенное Королевство"), "GBR");  // "ё" written as "е"
  EXPECT_EQ(table->Lookup("الاتحاد الروسي"), "RUS");  // iso-codes writes it with shadda
  EXPECT_EQ(table->Lookup("Allemagne"), "DEU");
  EXPECT_EQ(table->Lookup("Países Bajos"), "NLD");
  EXPECT_EQ(table->Lookup("Türkiye"), "TUR");
}

TEST_F(IsoCodes, UnShortNamesFromTheAliasList) {
  CountrySources sources;
  sources.aliases = testing::SourceDir() / "configs" / "country-aliases.toml";
  auto table = CountryTable::Load(sources);
  ASSERT_OK(table);
  EXPECT_EQ(table->Lookup("Iran (Islamic Republic of)"), "IRN");
  EXPECT_EQ(table->Lookup("伊朗"), "IRN");
  EXPECT_EQ(table->Lookup("Netherlands (Kingdom of the)"), "NLD");
  EXPECT_EQ(table->Lookup("United Kingdom"), "GBR");
  EXPECT_EQ(table->Lookup("Russian Federation"), "RUS");

  const std::string text =
      "Statements: Iran (Islamic Republic of), Türkiye; 伊朗代表、荷兰王国; "
      "la Fédération de Russie, el Reino Unido, Российская Федерация, ومصر والاتحاد الروسي.";
  std::vector<std::string> codes;
  for (const auto& m : table->FindCountries(text)) codes.push_back(m.alpha3);
  EXPECT_EQ(codes, (std::vector<std::string>{"IRN", "TUR", "IRN", "NLD", "RUS", "GBR", "RUS",
                                             "EGY", "RUS"}));
}

TEST_F(IsoCodes, AliasTextInsteadOfAFile) {
  CountrySources sources;
  sources.aliases_toml = "[aliases]\nIRN = [\"Persia of the test\"]\n";
  auto table = CountryTable::Load(sources);
  ASSERT_OK(table);
  EXPECT_EQ(table->Lookup("persia of the test"), "IRN");
  EXPECT_EQ(table->Lookup("France"), "FRA");
}

TEST_F(IsoCodes, DefaultTableLoadsOnce) {
  const auto aliases = testing::SourceDir() / "configs" / "country-aliases.toml";
  const Result<CountryTable>& first = DefaultCountryTable(aliases);
  ASSERT_OK(first);
  EXPECT_EQ(&first, &DefaultCountryTable(aliases));
  EXPECT_EQ(first->Lookup("Türkiye"), "TUR");
}

}  // namespace
}  // namespace timecite::linker
