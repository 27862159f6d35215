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

}  // namespace
}  // namespace timecite::linker
