#include "linker/report/fix.h"

#include "test_util.h"

namespace timecite::linker {
namespace {

struct Checked {
  Document doc;
  std::vector<Citation> citations;
};

Checked Check(const std::string& path, const std::string& bytes) {
  auto doc = DocumentFromBytes(path, bytes);
  EXPECT_OK(doc);
  Checked c{*doc, {}};
  c.citations = ExtractCitations(c.doc);
  return c;
}

TEST(Fix, CitationCarriesTheByteSpanOfTheUrl) {
  const std::string text =
      "¹ Séance, 8 mars 2021 : https://webtv.un.org/fr/asset/k1o/k1obxycc3u\n";
  Checked c = Check("t.txt", text);
  ASSERT_EQ(c.citations.size(), 1u);
  EXPECT_EQ(c.citations[0].url_begin, text.find("https://"));
  EXPECT_EQ(c.citations[0].url_end, text.size() - 1);
  EXPECT_EQ(c.citations[0].column, 25);  // code points: the span is in bytes
}

TEST(Fix, ReplacesOnlyTheUrlAfterMultiByteText) {
  const std::string text =
      "Le Conseil s’est réuni¹.\n\n"
      "¹ 安理会第9748次会议，联合国网络电视，2021年3月8日 "
      "http://webtv.un.org/en/asset/k1o/"
      "k1obxycc3u?utm_source=x（1:29:40开始）\n";
  Checked c = Check("rapport.md", text);
  ASSERT_EQ(c.citations.size(), 1u);
  auto out = FixDocument(text, c.doc, c.citations,
                         {{0, "https://webtv.un.org/en/asset/k1o/k1obxycc3u"}});
  ASSERT_OK(out);
  EXPECT_EQ(*out,
            "Le Conseil s’est réuni¹.\n\n"
            "¹ 安理会第9748次会议，联合国网络电视，2021年3月8日 "
            "https://webtv.un.org/en/asset/k1o/k1obxycc3u（1:29:40开始）\n");
}

TEST(Fix, TwoCitationsInOneLineGivenInAnyOrder) {
  const std::string text =
      "[1] See https://a.test/old and <https://b.test/x?s=20>, then "
      "https://c.test/keep.\n";
  Checked c = Check("t.md", text);
  ASSERT_EQ(c.citations.size(), 3u);
  auto out = FixDocument(
      text, c.doc, c.citations,
      {{1, "https://b.test/y?s=20#t=90"}, {0, "https://a.test/new/longer"}});
  ASSERT_OK(out);
  EXPECT_EQ(*out,
            "[1] See https://a.test/new/longer and "
            "<https://b.test/y?s=20#t=90>, then "
            "https://c.test/keep.\n");
}

TEST(Fix, KeepsBomCrlfAndCodeBlocksByteExact) {
  const std::string text =
      "\xEF\xBB\xBF# Report\r\n\r\n"
      "```\r\nhttps://code.test/not-a-citation\r\n```\r\n"
      "<!-- https://comment.test/ -->\r\n"
      "[2] Markdown link [here](https://d.test/a), and https://e.test/b\r\n";
  Checked c = Check("t.md", text);
  ASSERT_EQ(c.citations.size(), 2u);
  auto out = FixDocument(text, c.doc, c.citations,
                         {{0, "https://d.test/A"}, {1, "https://e.test/B"}});
  ASSERT_OK(out);
  EXPECT_EQ(
      *out,
      "\xEF\xBB\xBF# Report\r\n\r\n"
      "```\r\nhttps://code.test/not-a-citation\r\n```\r\n"
      "<!-- https://comment.test/ -->\r\n"
      "[2] Markdown link [here](https://d.test/A), and https://e.test/B\r\n");
}

TEST(Fix, UrlWithAnInvisibleCharacterIsReplacedWhole) {
  // A soft hyphen (U+00AD) inside the URL: the span covers it.
  const std::string text = "[3] https://f.test/long\xC2\xADpath end\n";
  Checked c = Check("t.txt", text);
  ASSERT_EQ(c.citations.size(), 1u);
  EXPECT_EQ(c.citations[0].url_written, "https://f.test/longpath");
  auto out =
      FixDocument(text, c.doc, c.citations, {{0, "https://f.test/longpath"}});
  ASSERT_OK(out);
  EXPECT_EQ(*out, "[3] https://f.test/longpath end\n");
}

TEST(Fix, NoReplacementsIsTheOriginal) {
  const std::string text = "[1] https://a.test/\r\n";
  Checked c = Check("t.txt", text);
  auto out = FixDocument(text, c.doc, c.citations, {});
  ASSERT_OK(out);
  EXPECT_EQ(*out, text);
}

TEST(Fix, BadRequestsAreClearErrors) {
  const std::string text = "[1] https://a.test/x and https://b.test/y\n";
  Checked c = Check("t.txt", text);
  ASSERT_EQ(c.citations.size(), 2u);
  const std::pair<std::vector<UrlReplacement>, const char*> cases[] = {
      {{{2, "https://z.test/"}}, "out of range"},
      {{{0, ""}}, "is empty or has white space"},
      {{{0, "https://a.test/x y"}}, "is empty or has white space"},
      {{{0, "https://a.test/\n"}}, "is empty or has white space"},
      {{{0, "https://a.test/1"}, {0, "https://a.test/2"}},
       "two different replacements"},
  };
  for (const auto& [fixes, why] : cases) {
    auto out = FixDocument(text, c.doc, c.citations, fixes);
    ASSERT_FALSE(out.ok()) << why;
    EXPECT_NE(out.status().message().find(why), std::string::npos)
        << out.status().message();
  }
  // The same replacement twice is fine.
  auto twice = FixDocument(text, c.doc, c.citations,
                           {{1, "https://b.test/z"}, {1, "https://b.test/z"}});
  ASSERT_OK(twice);
  EXPECT_EQ(*twice, "[1] https://a.test/x and https://b.test/z\n");
}

TEST(Fix, AnotherFileIsRefused) {
  const std::string text = "[1] https://a.test/x\n";
  Checked c = Check("t.txt", text);
  auto shorter = FixDocument("[1] https://a.test/\n", c.doc, c.citations,
                             {{0, "https://n.test/"}});
  ASSERT_FALSE(shorter.ok());
  EXPECT_NE(shorter.status().message().find("not the one that was checked"),
            std::string::npos);
  auto moved = FixDocument("[1]  https://a.test/\n", c.doc, c.citations,
                           {{0, "https://n.test/"}});
  ASSERT_FALSE(moved.ok());
  EXPECT_NE(moved.status().message().find("is not where it was found"),
            std::string::npos)
      << moved.status().message();
}

TEST(Fix, RebuiltFormatsAreUnsupported) {
  const std::string text = "[1] https://a.test/x\n";
  Checked c = Check("t.txt", text);
  c.doc.format = DocumentFormat::kHtml;
  auto out = FixDocument(text, c.doc, c.citations, {{0, "https://n.test/"}});
  ASSERT_FALSE(out.ok());
  EXPECT_EQ(out.status().code(), Status::Code::kUnsupported);
}

}  // namespace
}  // namespace timecite::linker
