// The full-text index (search/search.h) with real text in the six languages:
// folding and stemming, CJK n-grams, each filter, query syntax, ranking,
// grouping and paging, snippets, re-indexing, readers reopening, status,
// rebuild from the store and the errors.
#include "search/search.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>

#include "common/test_util.h"
#include "common/utf8.h"
#include "store/store.h"
#include "store/test_db.h"

namespace timecite::search {
namespace {

using store::testing::TempDir;

store::Recording Rec(const std::string& id, const std::string& date,
                     const std::string& body = "Security Council") {
  store::Recording r;
  r.asset_id = id;
  r.player_id = "1_" + id.substr(2);
  r.entry_id = r.player_id;
  r.title = body + " meeting of " + date;
  r.body = body;
  r.date = date;
  r.meeting_symbol = "S/PV.9748";
  r.status = "ready";
  return r;
}

store::Segment Sentence(const std::string& id, int64_t start_ms, const std::string& lang,
                        const std::string& text, const std::string& country = "",
                        const std::string& function = "Representative") {
  store::Segment s;
  s.asset_id = id;
  s.kind = store::SegmentKind::kSentence;
  s.start_ms = start_ms;
  s.end_ms = start_ms + 4000;
  s.language = lang;
  s.text = text;
  s.affiliation = country;
  s.speaker_name = country.empty() ? "" : "Representative of " + country;
  if (!function.empty()) s.extra["function"] = function;
  s.source = "transcript";
  return s;
}

class SearchTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto w = SearchIndex::OpenWriter(tmp_.path() / "search");
    ASSERT_OK(w);
    writer_ = std::move(w).value();
  }
  void Index(const store::Recording& r, const std::vector<store::Segment>& s) {
    ASSERT_OK(writer_->IndexRecording(r, s));
  }
  // Matching (asset_id, start_ms) pairs, best first, all segments of each
  // recording (up to 100).
  std::vector<std::pair<std::string, int64_t>> Find(SearchRequest r) {
    r.segments_per_recording = 100;
    r.limit = 100;
    auto result = writer_->Search(r);
    EXPECT_OK(result);
    std::vector<std::pair<std::string, int64_t>> out;
    if (!result.ok()) return out;
    for (const RecordingHit& h : result->recordings)
      for (const SegmentHit& s : h.segments) out.emplace_back(h.recording.asset_id, s.segment.start_ms);
    return out;
  }
  std::vector<std::pair<std::string, int64_t>> Find(const std::string& query) {
    SearchRequest r;
    r.query = query;
    return Find(r);
  }
  using Hits = std::vector<std::pair<std::string, int64_t>>;

  TempDir tmp_;
  std::unique_ptr<SearchIndex> writer_;
};

TEST(FoldForIndex, AccentsArabicMarksAndDigits) {
  // Latin-1 and Cyrillic capitals come lower case (utf8::FoldForSearch).
  EXPECT_EQ(utf8::FoldForIndex("Élections présidentielles à São Tomé"),
            "elections presidentielles a Sao Tome");
  EXPECT_EQ(utf8::FoldForIndex("Łódź, Ørsted, Straße"), "Lodz, orsted, Straße");
  EXPECT_EQ(utf8::FoldForIndex("الاِنْتِخَابَات"), "الانتخابات");
  EXPECT_EQ(utf8::FoldForIndex("القرار ٢٣٣٤ أمن"), "القرار 2334 امن");
  EXPECT_EQ(utf8::FoldForIndex("ёлка Ёж"), "елка Еж");
  EXPECT_EQ(utf8::FoldForIndex("e\xCC\x81t\xC3\xA9"), "ete");  // combining acute, é
  EXPECT_EQ(utf8::FoldForIndex("AND OR NOT"), "AND OR NOT");    // operators keep their case
}

TEST_F(SearchTest, FrenchWithoutAccentsFindsElections) {
  Index(Rec("k1aaaaaaa1", "2024-10-21"),
        {Sentence("k1aaaaaaa1", 1000, "fr", "Les élections présidentielles auront lieu en mai.")});
  EXPECT_EQ(Find("elections"), (Hits{{"k1aaaaaaa1", 1000}}));
  EXPECT_EQ(Find("élection"), (Hits{{"k1aaaaaaa1", 1000}}));  // stem: singular
  EXPECT_EQ(Find("presidentielle"), (Hits{{"k1aaaaaaa1", 1000}}));
  EXPECT_TRUE(Find("referendum").empty());
}

TEST_F(SearchTest, ArabicDiacriticsHamzaAndDigitsAreFolded) {
  Index(Rec("k1aaaaaaa2", "2024-10-21"),
        {Sentence("k1aaaaaaa2", 2000, "ar", "نُؤَيِّدُ الاِنْتِخَابَاتِ الحُرَّة وفق القرار ٢٣٣٤"),
         Sentence("k1aaaaaaa2", 6000, "ar", "إن مجلس الأمن مسؤول عن السلم")});
  EXPECT_EQ(Find("الانتخابات"), (Hits{{"k1aaaaaaa2", 2000}}));
  EXPECT_EQ(Find("2334"), (Hits{{"k1aaaaaaa2", 2000}}));
  EXPECT_EQ(Find("٢٣٣٤"), (Hits{{"k1aaaaaaa2", 2000}}));
  EXPECT_EQ(Find("الامن"), (Hits{{"k1aaaaaaa2", 6000}}));  // written "الأمن"
}

TEST_F(SearchTest, ChineseByNgrams) {
  Index(Rec("k1aaaaaaa3", "2024-10-21"),
        {Sentence("k1aaaaaaa3", 3000, "zh", "安全理事会今天审议了气候变化问题。"),
         Sentence("k1aaaaaaa3", 9000, "zh", "我们欢迎大会通过这项决议。")});
  EXPECT_EQ(Find("气候变化"), (Hits{{"k1aaaaaaa3", 3000}}));
  EXPECT_EQ(Find("理事会"), (Hits{{"k1aaaaaaa3", 3000}}));
  EXPECT_EQ(Find("决议"), (Hits{{"k1aaaaaaa3", 9000}}));
  EXPECT_TRUE(Find("人权").empty());
}

TEST_F(SearchTest, RussianStemming) {
  Index(Rec("k1aaaaaaa4", "2024-10-21"),
        {Sentence("k1aaaaaaa4", 4000, "ru", "Совет Безопасности обсудил итоги выборов в стране."),
         Sentence("k1aaaaaaa4", 8000, "ru", "Мы приветствуем её решение.")});
  EXPECT_EQ(Find("выборы"), (Hits{{"k1aaaaaaa4", 4000}}));
  EXPECT_EQ(Find("безопасность"), (Hits{{"k1aaaaaaa4", 4000}}));
  EXPECT_EQ(Find("ее решения"), (Hits{{"k1aaaaaaa4", 8000}}));  // ё folded, stem
}

TEST_F(SearchTest, EnglishAndSpanishStemming) {
  Index(Rec("k1aaaaaaa5", "2024-10-21"),
        {Sentence("k1aaaaaaa5", 1000, "en", "The negotiations were negotiated in good faith."),
         Sentence("k1aaaaaaa5", 5000, "es", "Las negociaciones continúan en Ginebra.")});
  EXPECT_EQ(Find("negotiating"), (Hits{{"k1aaaaaaa5", 1000}}));
  EXPECT_EQ(Find("negociar continuar"), (Hits{{"k1aaaaaaa5", 5000}}));
  EXPECT_EQ(Find("negociaciones continuan"), (Hits{{"k1aaaaaaa5", 5000}}));  // accent typed or not
}

TEST_F(SearchTest, AQueryInOneLanguageMatchesTextInThatLanguage) {
  Index(Rec("k1aaaaaaa6", "2024-10-21"),
        {Sentence("k1aaaaaaa6", 1000, "en", "The elections were postponed."),
         Sentence("k1aaaaaaa6", 2000, "fr", "Les élections ont été reportées."),
         Sentence("k1aaaaaaa6", 3000, "ru", "Выборы были отложены.")});
  SearchRequest en;
  en.query = "elections";
  en.language = "en";
  EXPECT_EQ(Find(en), (Hits{{"k1aaaaaaa6", 1000}}));
  en.language = "fr";
  EXPECT_EQ(Find(en), (Hits{{"k1aaaaaaa6", 2000}}));
  // Latin letters: the three Latin-script languages; Cyrillic: Russian only.
  EXPECT_EQ(Find("elections").size(), 2u);
  EXPECT_EQ(Find("выборы"), (Hits{{"k1aaaaaaa6", 3000}}));
}

class FilterTest : public SearchTest {
 protected:
  void SetUp() override {
    SearchTest::SetUp();
    Index(Rec("k1bbbbbbb1", "2021-03-08", "Security Council"),
          {Sentence("k1bbbbbbb1", 1000, "en", "Climate change threatens peace.", "NGA"),
           Sentence("k1bbbbbbb1", 2000, "en", "Climate finance must grow.", "IRN", "President")});
    Index(Rec("k1bbbbbbb2", "2023-06-01", "General Assembly"),
          {Sentence("k1bbbbbbb2", 3000, "en", "Climate adaptation is urgent.", "NGA"),
           Sentence("k1bbbbbbb2", 4000, "fr", "Le réchauffement progresse.", "FRA")});
  }
};

TEST_F(FilterTest, EachFilter) {
  SearchRequest r;
  r.query = "climate";
  r.country = "NGA";
  EXPECT_EQ(Find(r), (Hits{{"k1bbbbbbb1", 1000}, {"k1bbbbbbb2", 3000}}));
  r.country = "nga";  // any case
  EXPECT_EQ(Find(r).size(), 2u);
  r = {};
  r.query = "climate";
  r.body = "general ASSEMBLY";
  EXPECT_EQ(Find(r), (Hits{{"k1bbbbbbb2", 3000}}));
  r = {};
  r.query = "climate";
  r.function = "president";
  EXPECT_EQ(Find(r), (Hits{{"k1bbbbbbb1", 2000}}));
  r = {};
  r.query = "rechauffement";
  r.language = "fr";
  EXPECT_EQ(Find(r), (Hits{{"k1bbbbbbb2", 4000}}));
  r = {};
  r.query = "climate";
  r.from_date = "2021-01-01";
  r.to_date = "2021-12-31";
  EXPECT_EQ(Find(r).size(), 2u);
  EXPECT_EQ(Find(r)[0].first, "k1bbbbbbb1");
  r.from_date = "2022-01-01";
  r.to_date = "";
  EXPECT_EQ(Find(r), (Hits{{"k1bbbbbbb2", 3000}}));
  r = {};
  r.query = "climate";
  r.recording = "k1bbbbbbb2";
  EXPECT_EQ(Find(r), (Hits{{"k1bbbbbbb2", 3000}}));
}

TEST_F(FilterTest, DateRangesWithinAYearAndAcrossYears) {
  // Whole years are read from the year terms; a range that starts or ends
  // inside a year also from the dates themselves.
  SearchRequest r;
  r.query = "climate";
  r.from_date = "2021-03-09";  // the day after the 2021 meeting
  r.to_date = "2023-06-01";
  EXPECT_EQ(Find(r), (Hits{{"k1bbbbbbb2", 3000}}));
  r.from_date = "2021-03-08";
  r.to_date = "2021-03-08";
  EXPECT_EQ(Find(r), (Hits{{"k1bbbbbbb1", 1000}, {"k1bbbbbbb1", 2000}}));
  r.from_date = "2021-01-01";
  r.to_date = "2023-05-31";  // the day before the 2023 meeting
  EXPECT_EQ(Find(r).size(), 2u);
  EXPECT_EQ(Find(r)[0].first, "k1bbbbbbb1");
  r.from_date = "";
  r.to_date = "2023-12-31";
  EXPECT_EQ(Find(r).size(), 3u);
  r.from_date = "2024-01-01";  // no year of the index
  r.to_date = "";
  EXPECT_TRUE(Find(r).empty());
}

TEST_F(SearchTest, PhrasesOfCommonWordsFindExactlyTheNeighbours) {
  // "of the", "de la", "в том": each phrase has a common word, so the index
  // also holds its pair terms; the answer must be the phrase's, no more (the
  // words apart) and no less (every place they stand together).
  Index(Rec("k1ccccccc1", "2024-01-10"),
        {Sentence("k1ccccccc1", 1000, "en", "The future of the Council was discussed."),
         Sentence("k1ccccccc1", 2000, "en", "The Council of Europe and the Union."),
         Sentence("k1ccccccc1", 3000, "en", "Of course, the end of the day came."),
         Sentence("k1ccccccc1", 4000, "fr", "La sécurité de la région est en jeu."),
         Sentence("k1ccccccc1", 5000, "fr", "La région de Paris."),
         Sentence("k1ccccccc1", 6000, "es", "El papel de la mujer."),
         Sentence("k1ccccccc1", 7000, "ru", "Мы говорим о том, что в том числе важно.")});
  Index(Rec("k1ccccccc2", "2024-01-11"),
        {Sentence("k1ccccccc2", 1000, "fr", "Il est à la tête de la délégation."),
         Sentence("k1ccccccc2", 2000, "ar", "رسالة إلى الأمم المتحدة."),
         Sentence("k1ccccccc2", 3000, "ar", "الأمم المتحدة ترسل إلى المنطقة.")});
  SearchRequest r;
  r.language = "en";
  auto sorted = [&](const SearchRequest& req) {
    Hits h = Find(req);
    std::sort(h.begin(), h.end());
    return h;
  };
  r.query = "\"of the\"";
  EXPECT_EQ(sorted(r), (Hits{{"k1ccccccc1", 1000}, {"k1ccccccc1", 3000}}));
  r.query = "\"the council\"";
  EXPECT_EQ(sorted(r), (Hits{{"k1ccccccc1", 1000}, {"k1ccccccc1", 2000}}));
  r.query = "\"council of europe\"";
  EXPECT_EQ(Find(r), (Hits{{"k1ccccccc1", 2000}}));
  r.query = "\"the of\"";  // both words, never together
  EXPECT_TRUE(Find(r).empty());
  // A phrase under OR is not required: the other side still finds.
  r.query = "\"of the\" OR union";
  EXPECT_EQ(Find(r).size(), 3u);
  r.language = "fr";
  r.query = "\"de la\"";
  EXPECT_EQ(sorted(r), (Hits{{"k1ccccccc1", 4000}, {"k1ccccccc2", 1000}}));
  r.query = "\"de la region\"";  // without its accent
  EXPECT_EQ(Find(r), (Hits{{"k1ccccccc1", 4000}}));
  r.query = "\"la de\"";  // "de la" the wrong way round; "la région de Paris" apart
  EXPECT_TRUE(Find(r).empty());
  r.query = "\"la region\"";
  EXPECT_EQ(Find(r).size(), 2u);
  r.query = "\"a la tete\"";  // "à", folded as the index folds it
  EXPECT_EQ(Find(r), (Hits{{"k1ccccccc2", 1000}}));
  r.language = "ar";
  r.query = "\"الى الامم\"";  // "إلى الأمم" without hamza
  EXPECT_EQ(Find(r), (Hits{{"k1ccccccc2", 2000}}));
  r.language = "es";
  r.query = "\"de la mujer\"";
  EXPECT_EQ(Find(r), (Hits{{"k1ccccccc1", 6000}}));
  r.language = "ru";
  r.query = "\"в том\"";
  EXPECT_EQ(Find(r), (Hits{{"k1ccccccc1", 7000}}));
  r.query = "\"о том\"";
  EXPECT_EQ(Find(r), (Hits{{"k1ccccccc1", 7000}}));
  r.query = "\"том в\"";
  EXPECT_TRUE(Find(r).empty());
}

TEST_F(FilterTest, QuerySyntaxPhrasesOrNotPrefixesAndFields) {
  EXPECT_EQ(Find("\"climate change\""), (Hits{{"k1bbbbbbb1", 1000}}));
  EXPECT_EQ(Find("\"change climate\"").size(), 0u);
  EXPECT_EQ(Find("finance OR adaptation").size(), 2u);
  SearchRequest en;
  en.language = "en";
  en.query = "climate NOT finance NOT adaptation";
  EXPECT_EQ(Find(en), (Hits{{"k1bbbbbbb1", 1000}}));
  en.query = "climate -finance -adaptation";
  EXPECT_EQ(Find(en), (Hits{{"k1bbbbbbb1", 1000}}));
  EXPECT_EQ(Find("adapt*"), (Hits{{"k1bbbbbbb2", 3000}}));
  EXPECT_EQ(Find("climate country:irn"), (Hits{{"k1bbbbbbb1", 2000}}));
  EXPECT_EQ(Find("climate body:\"general assembly\" lang:en"), (Hits{{"k1bbbbbbb2", 3000}}));
  EXPECT_EQ(Find("climate year:2023 country:NGA"), (Hits{{"k1bbbbbbb2", 3000}}));
  EXPECT_EQ(Find("speaker:IRN"), (Hits{{"k1bbbbbbb1", 2000}}));
  EXPECT_EQ(Find("climate symbol:s/pv.9748").size(), 3u);
  EXPECT_TRUE(Find("climate symbol:a/res/1").empty());
}

TEST_F(FilterTest, FacetsCountEveryMatch) {
  SearchRequest r;
  r.query = "climate OR rechauffement";
  r.facets = true;
  r.limit = 1;
  auto res = writer_->Search(r);
  ASSERT_OK(res);
  EXPECT_EQ(res->matching_segments, 4u);
  EXPECT_EQ(res->by_country,
            (std::map<std::string, uint64_t>{{"FRA", 1}, {"IRN", 1}, {"NGA", 2}}));
  EXPECT_EQ(res->by_body, (std::map<std::string, uint64_t>{{"General Assembly", 2},
                                                            {"Security Council", 2}}));
  EXPECT_EQ(res->by_year, (std::map<std::string, uint64_t>{{"2021", 2}, {"2023", 2}}));
}

TEST_F(SearchTest, RankingBm25ThenByDate) {
  Index(Rec("k1ccccccc1", "2020-01-10"),
        {Sentence("k1ccccccc1", 1000, "en",
                  "Many topics were raised today, from budgets to staffing, and drought once.")});
  Index(Rec("k1ccccccc2", "2019-05-05"),
        {Sentence("k1ccccccc2", 1000, "en", "Drought, drought and more drought.")});
  Index(Rec("k1ccccccc3", "2022-02-02"),
        {Sentence("k1ccccccc3", 1000, "en", "A drought hit the region, the third drought.")});
  SearchRequest r;
  r.query = "drought";
  auto hits = Find(r);
  ASSERT_EQ(hits.size(), 3u);
  EXPECT_EQ(hits[0].first, "k1ccccccc2");  // three times in five words
  EXPECT_EQ(hits[1].first, "k1ccccccc3");
  EXPECT_EQ(hits[2].first, "k1ccccccc1");
  r.sort = Sort::kDate;
  hits = Find(r);
  ASSERT_EQ(hits.size(), 3u);
  EXPECT_EQ(hits[0].first, "k1ccccccc3");
  EXPECT_EQ(hits[1].first, "k1ccccccc1");
  EXPECT_EQ(hits[2].first, "k1ccccccc2");
}

TEST_F(SearchTest, GroupedByRecordingWithBestSegmentsAndPaged) {
  std::vector<store::Segment> many;
  for (int i = 0; i < 6; ++i) {
    many.push_back(Sentence("k1ddddddd1", i * 1000, "en",
                            i == 4 ? "Sanctions, sanctions, sanctions." : "We discussed sanctions and other things at length."));
  }
  Index(Rec("k1ddddddd1", "2024-01-01"), many);
  Index(Rec("k1ddddddd2", "2024-01-02"),
        {Sentence("k1ddddddd2", 500, "en", "Sanctions were lifted after long talks here.")});
  SearchRequest r;
  r.query = "sanctions";
  r.limit = 1;
  r.segments_per_recording = 3;
  auto page1 = writer_->Search(r);
  ASSERT_OK(page1);
  EXPECT_EQ(page1->matching_recordings, 2u);
  EXPECT_EQ(page1->matching_segments, 7u);
  ASSERT_EQ(page1->recordings.size(), 1u);
  EXPECT_EQ(page1->recordings[0].recording.asset_id, "k1ddddddd1");
  EXPECT_EQ(page1->recordings[0].recording.date, "2024-01-01");
  ASSERT_EQ(page1->recordings[0].segments.size(), 3u);
  EXPECT_EQ(page1->recordings[0].segments[0].segment.start_ms, 4000);  // the best one first
  r.offset = 1;
  auto page2 = writer_->Search(r);
  ASSERT_OK(page2);
  ASSERT_EQ(page2->recordings.size(), 1u);
  EXPECT_EQ(page2->recordings[0].recording.asset_id, "k1ddddddd2");
  EXPECT_EQ(page2->matching_recordings, 2u);
  r.sort = Sort::kDate;  // newest first: the same two, in the other order
  auto by_date = writer_->Search(r);
  ASSERT_OK(by_date);
  EXPECT_EQ(by_date->matching_recordings, 2u);
  EXPECT_EQ(by_date->matching_segments, 7u);
  ASSERT_EQ(by_date->recordings.size(), 1u);
  EXPECT_EQ(by_date->recordings[0].recording.asset_id, "k1ddddddd1");
  r.sort = Sort::kRelevance;
  r.offset = 2;
  auto page3 = writer_->Search(r);
  ASSERT_OK(page3);
  EXPECT_TRUE(page3->recordings.empty());
}

TEST_F(SearchTest, SnippetsHighlightMatchedWordsAndCutLongText) {
  std::string long_text;
  for (int i = 0; i < 40; ++i) long_text += "filler words here ";
  long_text += "the élections matter ";
  for (int i = 0; i < 40; ++i) long_text += "more filler text ";
  Index(Rec("k1eeeeeee1", "2024-01-01"),
        {Sentence("k1eeeeeee1", 0, "fr", "Les élections et l'élection présidentielle."),
         Sentence("k1eeeeeee1", 9000, "fr", long_text),
         Sentence("k1eeeeeee1", 12000, "zh", "我们讨论了气候变化问题。")});
  SearchRequest r;
  r.query = "elections";
  r.language = "fr";
  r.segments_per_recording = 5;
  r.highlight_open = "[";
  r.highlight_close = "]";
  auto res = writer_->Search(r);
  ASSERT_OK(res);
  ASSERT_EQ(res->recordings.size(), 1u);
  ASSERT_EQ(res->recordings[0].segments.size(), 2u);
  std::map<int64_t, std::string> snippets;
  for (const auto& s : res->recordings[0].segments) snippets[s.segment.start_ms] = s.snippet;
  EXPECT_EQ(snippets[0], "Les [élections] et l'[élection] présidentielle.");
  const std::string& cut = snippets[9000];
  EXPECT_EQ(cut.rfind("…", 0), 0u) << cut;
  EXPECT_NE(cut.find("the [élections] matter"), std::string::npos) << cut;
  EXPECT_EQ(cut.size() - cut.rfind("…"), std::string("…").size()) << cut;
  EXPECT_LT(utf8::CodePointCount(cut), 210u);
  r.query = "气候";
  r.language = "";
  res = writer_->Search(r);
  ASSERT_OK(res);
  ASSERT_EQ(res->recordings.size(), 1u);
  EXPECT_EQ(res->recordings[0].segments[0].snippet, "我们讨论了[气候]变化问题。");
}

TEST_F(SearchTest, ReindexLeavesNoStaleHit) {
  Index(Rec("k1fffffff1", "2024-01-01"),
        {Sentence("k1fffffff1", 0, "en", "Ceasefire negotiations began."),
         Sentence("k1fffffff1", 5000, "en", "Humanitarian corridors opened.")});
  EXPECT_EQ(Find("ceasefire").size(), 1u);
  Index(Rec("k1fffffff1", "2024-01-01"),
        {Sentence("k1fffffff1", 7000, "en", "Humanitarian access is still denied.")});
  EXPECT_TRUE(Find("ceasefire").empty());
  EXPECT_EQ(Find("humanitarian"), (Hits{{"k1fffffff1", 7000}}));
  EXPECT_EQ(writer_->documents(), 1u);
  ASSERT_OK(writer_->RemoveRecording("k1fffffff1"));
  EXPECT_TRUE(Find("humanitarian").empty());
  EXPECT_EQ(writer_->documents(), 0u);
}

TEST_F(SearchTest, AReaderSeesANewRecordingAfterReopenWithoutRestart) {
  Index(Rec("k1ggggggg1", "2024-01-01"), {Sentence("k1ggggggg1", 0, "en", "Opening remarks.")});
  auto reader = SearchIndex::OpenReader(tmp_.path() / "search");
  ASSERT_OK(reader);
  SearchRequest r;
  r.query = "vaccines";
  auto before = (*reader)->Search(r);
  ASSERT_OK(before);
  EXPECT_TRUE(before->recordings.empty());
  Index(Rec("k1ggggggg2", "2024-01-02"),
        {Sentence("k1ggggggg2", 0, "en", "Vaccines reached every district.")});
  ASSERT_OK((*reader)->Reopen());
  auto after = (*reader)->Search(r);
  ASSERT_OK(after);
  ASSERT_EQ(after->recordings.size(), 1u);
  EXPECT_EQ(after->recordings[0].recording.asset_id, "k1ggggggg2");
}

TEST_F(SearchTest, BadQueriesAndRequests) {
  Index(Rec("k1hhhhhhh1", "2024-01-01"), {Sentence("k1hhhhhhh1", 0, "en", "Text.")});
  SearchRequest r;
  r.query = "   ";
  auto empty = writer_->Search(r);
  ASSERT_FALSE(empty.ok());
  EXPECT_EQ(empty.status().code(), Status::Code::kInvalidArgument);
  EXPECT_EQ(empty.status().message(), "empty query: give the words to search for");
  r.query = "!!! ...";
  auto no_word = writer_->Search(r);
  ASSERT_FALSE(no_word.ok());
  EXPECT_EQ(no_word.status().message(), "query '!!! ...' has no word to search for");
  r.query = "text AND";
  auto malformed = writer_->Search(r);
  ASSERT_FALSE(malformed.ok());
  EXPECT_EQ(malformed.status().message(),
            "malformed query 'text AND': AND needs words on both sides (Xapian: Syntax: "
            "<expression> AND <expression>)");
  r.query = "text";
  r.from_date = "8 March 2021";
  auto bad_date = writer_->Search(r);
  ASSERT_FALSE(bad_date.ok());
  EXPECT_EQ(bad_date.status().message(), "date 8 March 2021 is not YYYY-MM-DD");
  r.from_date = "";
  r.limit = 0;
  EXPECT_EQ(writer_->Search(r).status().message(), "limit 0 is not in 1..1000");
}

TEST(SearchOpen, MissingAndDamagedIndexesSayHowToRebuild) {
  TempDir tmp;
  auto missing = SearchIndex::OpenReader(tmp.path() / "search");
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.status().code(), Status::Code::kNotFound);
  EXPECT_EQ(missing.status().message(), "no search index at " + (tmp.path() / "search").string() +
                                            "; rebuild it with `timecite index rebuild`");
  std::filesystem::create_directories(tmp.path() / "damaged");
  std::ofstream(tmp.path() / "damaged" / "iamglass") << "not a glass version file";
  std::ofstream(tmp.path() / "damaged" / "postlist.glass") << "garbage";
  auto damaged = SearchIndex::OpenReader(tmp.path() / "damaged");
  ASSERT_FALSE(damaged.ok());
  EXPECT_EQ(damaged.status().code(), Status::Code::kCorruption) << damaged.status().ToString();
  EXPECT_NE(damaged.status().message().find("rebuild it with `timecite index rebuild`"),
            std::string::npos);
}

TEST(SearchOpen, OneWriterAtATime) {
  TempDir tmp;
  auto first = SearchIndex::OpenWriter(tmp.path() / "search");
  ASSERT_OK(first);
  auto second = SearchIndex::OpenWriter(tmp.path() / "search");
  ASSERT_FALSE(second.ok());
  EXPECT_EQ(second.status().code(), Status::Code::kBusy);
}

class StoreSyncTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto db = store::Store::Open(tmp_.db(), store::OpenMode::kReadWrite);
    ASSERT_OK(db);
    db_ = std::move(db).value();
    ASSERT_OK(db_->PutRecording(Rec("k1iiiiiii1", "2024-02-01"),
                                {Sentence("k1iiiiiii1", 0, "en", "Famine warnings grew.", "SDN")}));
    ASSERT_OK(db_->PutRecording(Rec("k1iiiiiii2", "2024-02-02"),
                                {Sentence("k1iiiiiii2", 0, "en", "Famine relief arrived.", "ETH")}));
  }
  std::filesystem::path Dir() const { return IndexPathFor(tmp_.db()); }
  TempDir tmp_;
  std::unique_ptr<store::Store> db_;
};

TEST_F(StoreSyncTest, RebuildStatusAndPendingRepair) {
  EXPECT_EQ(IndexPathFor("/var/lib/timecite/db"), "/var/lib/timecite/db/search");
  auto built = Rebuild(*db_, Dir());
  ASSERT_OK(built);
  EXPECT_EQ(built->recordings, 2u);
  EXPECT_EQ(built->segments, 2u);
  {
    auto reader = SearchIndex::OpenReader(Dir());
    ASSERT_OK(reader);
    auto st = (*reader)->GetStatus(*db_);
    ASSERT_OK(st);
    EXPECT_TRUE(st->in_step());
    EXPECT_EQ(st->recordings_in_store, 2u);
    EXPECT_EQ(st->recordings_indexed, 2u);
    EXPECT_EQ(st->documents, 2u);
    EXPECT_GT(st->disk_bytes, 0u);
  }
  // The store moves on without the index: status says how far behind.
  ASSERT_OK(db_->PutRecording(Rec("k1iiiiiii3", "2024-02-03"),
                              {Sentence("k1iiiiiii3", 0, "en", "Famine declared.", "SOM")}));
  ASSERT_OK(db_->DeleteRecording("k1iiiiiii1"));
  {
    auto writer = SearchIndex::OpenWriter(Dir());
    ASSERT_OK(writer);
    ASSERT_OK((*writer)->BeginRecording("k1iiiiiii3"));  // then "killed"
    auto st = (*writer)->GetStatus(*db_);
    ASSERT_OK(st);
    EXPECT_FALSE(st->in_step());
    EXPECT_EQ(st->missing, std::vector<std::string>{"k1iiiiiii3"});
    EXPECT_EQ(st->extra, std::vector<std::string>{"k1iiiiiii1"});
    EXPECT_EQ(st->pending, std::vector<std::string>{"k1iiiiiii3"});
  }
  // The next writer given the store repairs what was pending.
  auto writer = SearchIndex::OpenWriter(Dir(), db_.get());
  ASSERT_OK(writer);
  auto st = (*writer)->GetStatus(*db_);
  ASSERT_OK(st);
  EXPECT_TRUE(st->missing.empty());
  EXPECT_TRUE(st->pending.empty());
  EXPECT_EQ(st->extra, std::vector<std::string>{"k1iiiiiii1"});  // not marked: status shows it
  SearchRequest r;
  r.query = "famine";
  r.country = "SOM";
  auto res = (*writer)->Search(r);
  ASSERT_OK(res);
  ASSERT_EQ(res->recordings.size(), 1u);
  EXPECT_EQ(res->recordings[0].recording.asset_id, "k1iiiiiii3");
  writer->reset();
  // Rebuild puts a whole new index in place.
  ASSERT_OK(Rebuild(*db_, Dir()));
  auto reader = SearchIndex::OpenReader(Dir());
  ASSERT_OK(reader);
  auto after = (*reader)->GetStatus(*db_);
  ASSERT_OK(after);
  EXPECT_TRUE(after->in_step());
  EXPECT_EQ(after->documents, 2u);
}

TEST_F(StoreSyncTest, FollowerKeepsTheIndexInStepWithTheStore) {
  {
    StoreFollower follower(*db_);
    follower.Before("k1iiiiiii2");
    ASSERT_OK(db_->PutRecording(Rec("k1iiiiiii2", "2024-02-02"),
                                {Sentence("k1iiiiiii2", 0, "en", "Locusts returned.", "ETH")}));
    follower.After("k1iiiiiii2");
    EXPECT_OK(follower.status());
  }
  auto reader = SearchIndex::OpenReader(Dir());
  ASSERT_OK(reader);
  SearchRequest r;
  r.query = "locusts";
  auto res = (*reader)->Search(r);
  ASSERT_OK(res);
  ASSERT_EQ(res->recordings.size(), 1u);
  EXPECT_EQ(res->recordings[0].segments[0].segment.affiliation, "ETH");
  r.query = "famine relief";
  res = (*reader)->Search(r);
  ASSERT_OK(res);
  EXPECT_TRUE(res->recordings.empty());  // replaced: no stale hit
}

}  // namespace
}  // namespace timecite::search
