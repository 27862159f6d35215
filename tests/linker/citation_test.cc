#include "linker/citations/citation.h"

#include "test_util.h"

namespace timecite::linker {
namespace {

std::vector<Citation> Extract(const std::string& text) {
  auto doc = DocumentFromBytes("t.md", text);
  EXPECT_TRUE(doc.ok());
  return ExtractCitations(*doc);
}

TEST(Citation, FootnoteWithUrlOnTheNextLine) {
  auto c = Extract(
      "Body.¹³\n\n"
      "¹³ 第1次会议 - 开放式工作组，联合国网络电视，2021年3月8日（1:29:40开始）\n\n"
      "<https://media.un.org/en/asset/k1o/k1obxycc3u>\n");
  ASSERT_EQ(c.size(), 1u);
  EXPECT_EQ(c[0].footnote, 13);
  EXPECT_EQ(c[0].line, 5);
  EXPECT_EQ(c[0].column, 2);
  EXPECT_EQ(c[0].kind, CitationKind::kRecording);
  EXPECT_EQ(c[0].asset->asset_id, "k1obxycc3u");
  EXPECT_EQ(c[0].start_ms, 5380000);
  EXPECT_EQ(c[0].time_line, 3);
  EXPECT_EQ(c[0].date, "2021-03-08");
  EXPECT_EQ(c[0].meeting_number, 1);
  EXPECT_EQ(c[0].body, "OEWG");
}

TEST(Citation, EnglishFootnoteWithTimeAfterTheUrl) {
  auto c = Extract(
      "[4] Security Council, 9748th meeting, UN Web TV, 8 March 2021, "
      "https://webtv.un.org/en/asset/k1o/k1obxycc3u (starting at 1:29:40).\n");
  ASSERT_EQ(c.size(), 1u);
  EXPECT_EQ(c[0].footnote, 4);
  EXPECT_EQ(c[0].url_written, "https://webtv.un.org/en/asset/k1o/k1obxycc3u");
  EXPECT_EQ(c[0].start_ms, 5380000);
  EXPECT_EQ(c[0].meeting_number, 9748);
  EXPECT_EQ(c[0].date, "2021-03-08");
  EXPECT_EQ(c[0].body, "SC");
}

TEST(Citation, EachUrlOfAMultiUrlFootnoteHasItsOwnMeeting) {
  auto c = Extract(
      "²⁶会议可在此查看：\n\n"
      "第一次会议：<https://media.un.org/en/asset/k1v/k1vgo4a624>（没有举行第二次会议）\n\n"
      "第三次会议：<https://media.un.org/en/asset/k1z/k1zsp4exqc>\n");
  ASSERT_EQ(c.size(), 2u);
  EXPECT_EQ(c[0].meeting_number, 1);
  EXPECT_EQ(c[1].meeting_number, 3);
  EXPECT_EQ(c[0].seq, 1);
  EXPECT_EQ(c[1].seq, 2);
  EXPECT_FALSE(c[0].start_ms.has_value());
}

TEST(Citation, TimeIsTiedOnlyToItsOwnFootnote) {
  auto c = Extract(
      "¹ UN Web TV (starting at 1:00:00) https://webtv.un.org/en/asset/k1o/k1obxycc3u\n"
      "² https://webtv.un.org/en/asset/k1r/k1rf2exuhz\n");
  ASSERT_EQ(c.size(), 2u);
  EXPECT_EQ(c[0].start_ms, 3600000);
  EXPECT_FALSE(c[1].start_ms.has_value());
}

TEST(Citation, BodyUrlTakesDateHeadingAndLabel) {
  auto c = Extract(
      "2021 年 3 月 8 日\n\n第 1 日：第 2 次会议\n\n<https://media.un.org/en/asset/k18/k1893g1q0h>\n");
  ASSERT_EQ(c.size(), 1u);
  EXPECT_EQ(c[0].footnote, 0);
  EXPECT_EQ(c[0].date, "2021-03-08");
  EXPECT_EQ(c[0].meeting_number, 2);
}

TEST(Citation, DocumentsAndSymbols) {
  auto c = Extract(
      "¹⁷ 主席总结，A/AC.290/2021/CRP.3*，<https://front.un-arm.org/wp-content/uploads/2021/03/"
      "Chairs-Summary-A-AC.290-2021-CRP.3-technical-reissue.pdf>\n"
      "³⁰ 决议 A/RES/75/282，<https://undocs.org/a/res/75/282>\n");
  ASSERT_EQ(c.size(), 2u);
  EXPECT_EQ(c[0].kind, CitationKind::kDocument);
  EXPECT_EQ(c[0].url_symbol, "A/AC.290/2021/CRP.3");
  EXPECT_EQ(c[0].text_symbols, std::vector<std::string>{"A/AC.290/2021/CRP.3"});
  EXPECT_EQ(c[1].url_symbol, "A/RES/75/282");
}

TEST(Citation, InvalidUrlIsKept) {
  auto c = Extract("¹ https://exa mple.org and https://[::1/x\n");
  ASSERT_GE(c.size(), 1u);
  EXPECT_EQ(c.back().kind, CitationKind::kInvalidUrl);
  EXPECT_FALSE(c.back().url_error.empty());
}

TEST(Citation, MalformedTimeRecorded) {
  auto c = Extract("¹ UN Web TV (starting at 1:75:00) https://webtv.un.org/en/asset/k1o/k1obxycc3u\n");
  ASSERT_EQ(c.size(), 1u);
  ASSERT_EQ(c[0].malformed_times.size(), 1u);
  EXPECT_EQ(c[0].malformed_times[0].first, "1:75:00");
  EXPECT_FALSE(c[0].start_ms.has_value());
}

TEST(Citation, NoUrlsNoCitations) {
  EXPECT_TRUE(Extract("Just prose, 1:29:40, 8 March 2021.\n").empty());
  EXPECT_TRUE(Extract("").empty());
}

}  // namespace
}  // namespace timecite::linker

namespace timecite::linker {
namespace {

// Hostile input: a 4 MiB line of prose, digits and URL starts; no crash, and
// the one real citation is found.
TEST(Citation, HugeLineWithNoise) {
  std::string text = "¹ ";
  for (int i = 0; i < 100000; ++i) text += "at 1:2 http 12:3 第次 ";
  text += "starting at 1:29:40 https://webtv.un.org/en/asset/k1o/k1obxycc3u\n";
  text += std::string(2u << 20, 'x') + "\n";
  auto c = Extract(text);
  ASSERT_EQ(c.size(), 1u);
  EXPECT_EQ(c[0].start_ms, 5380000);
}

// 20,000 footnotes, each citing one recording at its own second: every
// footnote number above 9,999 is read, so no footnote collects another's
// citations.
TEST(Citation, TwentyThousandFootnotesEachKeepTheirCitation) {
  std::string text;
  for (int n = 1; n <= 20000; ++n) {
    text += "[" + std::to_string(n) + "] UN Web TV, " +
            "https://webtv.un.org/en/asset/k1o/k1obxycc3u (starting at " +
            std::to_string(n / 3600) + ":" + (n / 60 % 60 < 10 ? "0" : "") +
            std::to_string(n / 60 % 60) + ":" + (n % 60 < 10 ? "0" : "") +
            std::to_string(n % 60) + ")\n\n";
  }
  auto c = Extract(text);
  ASSERT_EQ(c.size(), 20000u);
  for (int n = 1; n <= 20000; ++n) {
    const Citation& k = c[static_cast<std::size_t>(n - 1)];
    ASSERT_EQ(k.footnote, n);
    ASSERT_EQ(k.seq, 1) << n;
    ASSERT_EQ(k.line, 2 * n - 1);
    ASSERT_EQ(k.start_ms, n * 1000LL) << n;
  }
}

// One footnote block holding 200,000 citations on one line, each with its
// own time phrase: each citation has its own time and column, and the date
// of the note's first line (the block is read in linear time; its speed is
// measured in bench/linker, not here).
TEST(Citation, TwoHundredThousandCitationsInOneBlock) {
  constexpr int kCount = 200000;
  std::string text = "¹ Head of the note, 8 March 2021:\n";
  std::vector<int> columns;  // of each URL, in code points
  int column = 1;
  auto two = [](int v) { return (v < 10 ? "0" : "") + std::to_string(v); };
  for (int n = 0; n < kCount; ++n) {
    const int t = 1 + n % 10000;
    const std::string phrase = "at " + std::to_string(t / 3600) + ":" +
                               two(t / 60 % 60) + ":" + two(t % 60) + " é ";
    column += static_cast<int>(phrase.size()) - 1;  // "é" is 2 bytes
    columns.push_back(column);
    const std::string url = "https://webtv.un.org/en/asset/k1o/k1obxycc" +
                            std::to_string(10 + n % 90);
    text += phrase + url + "; ";
    column += static_cast<int>(url.size()) + 2;
  }
  text += "\n";
  auto c = Extract(text);
  ASSERT_EQ(c.size(), static_cast<std::size_t>(kCount));
  for (int n = 0; n < kCount; ++n) {
    const Citation& k = c[static_cast<std::size_t>(n)];
    ASSERT_EQ(k.footnote, 1);
    ASSERT_EQ(k.seq, n + 1);
    ASSERT_EQ(k.line, 2);
    ASSERT_EQ(k.column, columns[static_cast<std::size_t>(n)]) << n;
    ASSERT_EQ(k.start_ms, (1 + n % 10000) * 1000LL) << n;
    ASSERT_EQ(k.date, "2021-03-08") << n;
    ASSERT_EQ(k.url_written, "https://webtv.un.org/en/asset/k1o/k1obxycc" +
                                 std::to_string(10 + n % 90));
  }
  EXPECT_EQ(c[1].context.substr(0, 32), "Head of the note, 8 March 2021: ");
}

// The eval set's text-glued-after-id trap: a word glued after a well-formed
// asset id is not part of it (ru.txt#17, zh.html#17, ar.docx#16, en.html#18).
TEST(Citation, TextGluedAfterAnAssetIdIsNotTheId) {
  const std::string text =
      "17. UN Web TV, 24 июля 2024 г. (начиная с 33:23), "
      "https://media.un.org/ru/asset/k1f/k1frdg2urlВыступление\n"
      "18. 联合国网络电视，https://webtv.un.org/zh/asset/k1a/k1abcd1234发言\n"
      "19. https://webtv.un.org/ar/asset/k1b/k1bcde2345كلمة and "
      "https://webtv.un.org/en/asset/k1c/k1cdef3456Statement\n";
  auto c = Extract(text);
  ASSERT_EQ(c.size(), 4u);
  EXPECT_EQ(c[0].url_written, "https://media.un.org/ru/asset/k1f/k1frdg2url");
  EXPECT_EQ(c[0].kind, CitationKind::kRecording);
  ASSERT_TRUE(c[0].asset.has_value());
  EXPECT_TRUE(c[0].asset->id_well_formed);
  EXPECT_EQ(c[0].asset->asset_id, "k1frdg2url");
  EXPECT_EQ(c[0].start_ms, 2003000);
  // The span to rewrite is the URL only, not the glued word.
  EXPECT_EQ(text.substr(c[0].url_begin, c[0].url_end - c[0].url_begin),
            "https://media.un.org/ru/asset/k1f/k1frdg2url");
  EXPECT_EQ(c[1].asset->asset_id, "k1abcd1234");
  EXPECT_EQ(c[2].asset->asset_id, "k1bcde2345");
  EXPECT_EQ(c[3].url_written, "https://webtv.un.org/en/asset/k1c/k1cdef3456");
  EXPECT_TRUE(c[3].asset->id_well_formed);
}

TEST(Citation, IdsThatAreNotWellFormedKeepWhatFollows) {
  auto c = Extract(
      "1. https://webtv.un.org/en/asset/k1c/k1cdef34567 (11 characters)\n"
      "2. https://webtv.un.org/en/asset/k1c/k1cdef3456x\n"
      "3. https://example.org/k1cdef3456Statement\n");
  ASSERT_EQ(c.size(), 3u);
  EXPECT_FALSE(c[0].asset->id_well_formed);
  EXPECT_EQ(c[0].asset->asset_id, "k1cdef34567");
  EXPECT_FALSE(c[1].asset->id_well_formed);
  EXPECT_EQ(c[2].url_written, "https://example.org/k1cdef3456Statement");
  EXPECT_EQ(GluedAfterAssetId("https://webtv.un.org/en/asset/k1c/k1cdef3456Statement"),
            44u);
  EXPECT_EQ(GluedAfterAssetId("https://webtv.un.org/en/asset/k1c/k1cdef3456Statement?t=3"),
            std::string_view::npos);
  EXPECT_EQ(GluedAfterAssetId("https://webtv.un.org/en/asset/k1c/k1cdef3456"),
            std::string_view::npos);
}

// The other readings of a URL travel with the citation, with why.
TEST(Citation, GuessedUrlEndsCarryTheOtherReading) {
  const std::string text =
      "Notes\n\n"
      "1. Naciones Unidas, https://www.un.org/es/academic-impact/act-now-2.\n"
      "2. UN News, 15 January 2024, https://news.un.org/en/story/2022/11/\n"
      "1087042\n"
      "3. https://docs.un.org/A/78/803,https://docs.un.org/A/75/804\n";
  auto c = Extract(text);
  ASSERT_EQ(c.size(), 4u);
  EXPECT_EQ(c[0].url_written, "https://www.un.org/es/academic-impact/act-now-2");
  EXPECT_EQ(c[0].url_alternative, "https://www.un.org/es/academic-impact/act-now-2.");
  EXPECT_EQ(c[0].url_alternative_kind, UrlAlternative::kTrailingPunctuation);
  EXPECT_EQ(c[1].url_written, "https://news.un.org/en/story/2022/11/1087042");
  EXPECT_EQ(c[1].url_alternative, "https://news.un.org/en/story/2022/11/");
  EXPECT_EQ(c[1].url_alternative_kind, UrlAlternative::kLineWrap);
  EXPECT_EQ(c[1].footnote, 2);
  EXPECT_EQ(c[1].date, "2024-01-15");
  EXPECT_EQ(text.substr(c[1].url_begin, c[1].url_end - c[1].url_begin),
            "https://news.un.org/en/story/2022/11/\n1087042");
  EXPECT_EQ(c[2].url_written, "https://docs.un.org/A/78/803");
  EXPECT_EQ(c[2].footnote, 3);
  EXPECT_EQ(c[3].url_written, "https://docs.un.org/A/75/804");
  EXPECT_EQ(c[3].footnote, 3);
  EXPECT_EQ(c[2].url_alternative_kind, UrlAlternative::kNone);
}

TEST(Citation, ARecordingLinksOwnStartIsTheCitedMoment) {
  auto c = Extract(
      "12. UN Web TV, 3 January 2021, https://webtv.un.org/en/asset/k19/k19699ljj5?t=1h2m3s\n"
      "13. UN Web TV, https://media.un.org/fr/asset/k17/k17u2tbkzz#t=1:02:14\n"
      "14. UN Web TV (starting at 30:00), https://webtv.un.org/ar/asset/k15/k15b5r0ze8?start=3767\n"
      "15. A list, https://example.org/results?start=10\n");
  ASSERT_EQ(c.size(), 4u);
  EXPECT_EQ(c[0].start_ms, 3723000);
  EXPECT_EQ(c[0].time_written, "t=1h2m3s");
  EXPECT_EQ(c[0].date, "2021-01-03");
  EXPECT_EQ(c[1].start_ms, 3734000);
  EXPECT_EQ(c[2].start_ms, 1800000);  // the footnote's own start is kept
  EXPECT_FALSE(c[3].start_ms.has_value());  // not a recording: a page offset
}

TEST(Citation, ALinkWithoutASchemeIsReadAsHttpsAndReportedAsWritten) {
  auto c = Extract(
      "11. Report of the Secretary-General (A/77/802), undocs.org/A/77/802\n"
      "12. UN Web TV, 8 March 2021 (starting at 25:02), media.un.org/en/asset/k1e/k1eb9aoc5u\n");
  ASSERT_EQ(c.size(), 2u);
  EXPECT_EQ(c[0].url_written, "undocs.org/A/77/802");
  EXPECT_EQ(c[0].url_canonical, "https://undocs.org/A/77/802");
  EXPECT_EQ(c[0].kind, CitationKind::kDocument);
  EXPECT_EQ(c[0].url_symbol, "A/77/802");
  EXPECT_EQ(c[1].kind, CitationKind::kRecording);
  EXPECT_EQ(c[1].asset->asset_id, "k1eb9aoc5u");
  EXPECT_EQ(c[1].start_ms, 1502000);
  EXPECT_EQ(c[1].date, "2021-03-08");
}

}  // namespace
}  // namespace timecite::linker
