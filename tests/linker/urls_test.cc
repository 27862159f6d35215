#include "linker/document/urls.h"

#include "test_util.h"

namespace timecite::linker {
namespace {

std::vector<std::string> Urls(std::string_view text) {
  std::vector<std::string> out;
  for (const auto& u : FindUrls(text)) out.push_back(u.url);
  return out;
}
using V = std::vector<std::string>;

TEST(Urls, EndsAtWhitespaceAndAngleBracket) {
  EXPECT_EQ(Urls("see <https://undocs.org/a/res/75/282>。next"), V{"https://undocs.org/a/res/75/282"});
  EXPECT_EQ(Urls("a https://a.org/x b"), V{"https://a.org/x"});
}

TEST(Urls, EndsAtCjkPunctuation) {
  EXPECT_EQ(Urls("网址https://a.org/x，下一个"), V{"https://a.org/x"});
  EXPECT_EQ(Urls("（https://a.org/y）"), V{"https://a.org/y"});
  EXPECT_EQ(Urls("「https://a.org/z」"), V{"https://a.org/z"});
  EXPECT_EQ(Urls("https://a.org/w；"), V{"https://a.org/w"});
}

TEST(Urls, UnbalancedParenthesisEnds) {
  EXPECT_EQ(Urls("(see https://a.org/x)"), V{"https://a.org/x"});
  EXPECT_EQ(Urls("https://en.wikipedia.org/wiki/Foo_(bar) and"),
            V{"https://en.wikipedia.org/wiki/Foo_(bar)"});
  EXPECT_EQ(Urls("[https://a.org/q]"), V{"https://a.org/q"});
  EXPECT_EQ(Urls("[text](https://a.org/md)"), V{"https://a.org/md"});
}

TEST(Urls, TrailingProsePunctuationTrimmedQueryKept) {
  EXPECT_EQ(Urls("at https://a.org/x. Then"), V{"https://a.org/x"});
  EXPECT_EQ(Urls("https://a.org/x?s=20, and"), V{"https://a.org/x?s=20"});
  EXPECT_EQ(Urls("https://documents-dds-ny.un.org/N1501402.pdf?OpenElement"),
            V{"https://documents-dds-ny.un.org/N1501402.pdf?OpenElement"});
  EXPECT_EQ(Urls("<https://a.org/x.>"), V{"https://a.org/x."});
}

TEST(Urls, ZeroWidthAndSoftHyphenRemoved) {
  EXPECT_EQ(Urls("https://media.un.org/en/asset/k1o/k1o\u200Bbxycc3u"),
            V{"https://media.un.org/en/asset/k1o/k1obxycc3u"});
  EXPECT_EQ(Urls("https://front.un-arm.org/a\u00ADb.pdf"), V{"https://front.un-arm.org/ab.pdf"});
}

TEST(Urls, SuperscriptReferenceEnds) {
  EXPECT_EQ(Urls("https://a.org/x¹²"), V{"https://a.org/x"});
}

TEST(Urls, OffsetsPointAtTheText) {
  const std::string text = "¹³ <https://a.org/x>";
  auto found = FindUrls(text);
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(text.substr(found[0].begin, found[0].end - found[0].begin), "https://a.org/x");
  EXPECT_TRUE(found[0].angle_brackets);
}

TEST(Urls, SchemeInsideWordOrAloneIsNoUrl) {
  EXPECT_TRUE(Urls("xhttps://a.org").empty());
  EXPECT_TRUE(Urls("https:// alone").empty());
  EXPECT_EQ(Urls("HTTPS://A.ORG/X"), V{"HTTPS://A.ORG/X"});
}

// The eval set's glued-comma trap (tests/eval, #14 of every report).
TEST(Urls, CommaGluedBeforeAnotherUrlSplitsThem) {
  EXPECT_EQ(Urls("(A/78/803, A/75/804), https://docs.un.org/A/78/803,https://docs.un.org/A/75/804"),
            (V{"https://docs.un.org/A/78/803", "https://docs.un.org/A/75/804"}));
  // A CSV row: the fields between the URLs are not part of either.
  EXPECT_EQ(Urls("https://www.un.org/en/ga/78/resolutions-1.shtml,plenary,"
                 "https://news.un.org/en/story/2023/09/1087028"),
            (V{"https://www.un.org/en/ga/78/resolutions-1.shtml",
               "https://news.un.org/en/story/2023/09/1087028"}));
  EXPECT_EQ(Urls("a,HTTP://a.org/x,HTTPS://b.org/y."), (V{"HTTP://a.org/x", "HTTPS://b.org/y"}));
  // A comma inside a URL with no URL glued after it stays.
  EXPECT_EQ(Urls("https://a.org/x,y,z next"), V{"https://a.org/x,y,z"});
  const std::string text = "https://a.org/1,https://b.org/2";
  auto found = FindUrls(text);
  ASSERT_EQ(found.size(), 2u);
  EXPECT_EQ(found[0].end, 15u);
  EXPECT_EQ(found[1].begin, 16u);
  EXPECT_EQ(found[1].end, text.size());
}

// The eval set's Arabic trailing-punctuation trap (ar.md#9, #10, ...).
TEST(Urls, ArabicPunctuationAfterAUrlIsCut) {
  EXPECT_EQ(Urls("أخبار، https://news.un.org/ar/story/2022/11/1087378،"),
            V{"https://news.un.org/ar/story/2022/11/1087378"});
  EXPECT_EQ(Urls("https://news.un.org/ar/story/2023/06/1087385؛ التالي"),
            V{"https://news.un.org/ar/story/2023/06/1087385"});
  EXPECT_EQ(Urls("https://a.org/x؟"), V{"https://a.org/x"});
  EXPECT_EQ(Urls("https://a.org/x۔"), V{"https://a.org/x"});
  EXPECT_EQ(Urls("https://a.org/x.،"), V{"https://a.org/x"});
  const std::string text = "https://a.org/x،";
  auto found = FindUrls(text);
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].end, 15u);  // the two bytes of '،' are not the URL's
  EXPECT_EQ(found[0].alternative, "https://a.org/x،");
}

// The eval set's punctuation-belongs trap: the cut reading is the URL, the
// one with the punctuation its alternative, for the online check to settle.
TEST(Urls, TheReadingWithTheCutPunctuationIsTheAlternative) {
  auto found = FindUrls("Naciones Unidas, https://www.un.org/es/academic-impact/act-now-2.");
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].url, "https://www.un.org/es/academic-impact/act-now-2");
  EXPECT_EQ(found[0].alternative, "https://www.un.org/es/academic-impact/act-now-2.");
  EXPECT_EQ(found[0].alternative_kind, FoundUrl::Alternative::kTrailingPunctuation);
  found = FindUrls("https://a.org/act-now-25!");
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].alternative, "https://a.org/act-now-25!");
  found = FindUrls("https://a.org/x and <https://a.org/y.>");
  ASSERT_EQ(found.size(), 2u);
  EXPECT_EQ(found[0].alternative, "");  // nothing cut
  EXPECT_EQ(found[0].alternative_kind, FoundUrl::Alternative::kNone);
  EXPECT_EQ(found[1].alternative, "");  // angle brackets: nothing cut
}

// The eval set's wrapped-url trap (text and Markdown, also inside <...>).
TEST(Urls, AUrlWrappedOntoTheNextLineIsJoined) {
  const std::string text =
      "19. UN News, 15 January 2024, https://news.un.org/en/story/2022/11/\n1087042\n20. next";
  auto found = FindUrls(text);
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].url, "https://news.un.org/en/story/2022/11/1087042");
  EXPECT_EQ(found[0].alternative, "https://news.un.org/en/story/2022/11/");
  EXPECT_EQ(found[0].alternative_kind, FoundUrl::Alternative::kLineWrap);
  EXPECT_EQ(text.substr(found[0].begin, found[0].end - found[0].begin),
            "https://news.un.org/en/story/2022/11/\n1087042");
  EXPECT_EQ(Urls("[^19]: UN News, <https://news.un.org/en/story/2022/02/\n1087273>"),
            V{"https://news.un.org/en/story/2022/02/1087273"});
  EXPECT_EQ(Urls("x https://news.un.org/ar/story/2022/02/\n1087189.\n"),
            V{"https://news.un.org/ar/story/2022/02/1087189"});
  // Prose on the next line is not read into the URL.
  EXPECT_EQ(Urls("https://a.org/news/\nThe next sentence."), V{"https://a.org/news/"});
  EXPECT_EQ(Urls("https://a.org/news\n2024 was a year."), V{"https://a.org/news"});
  EXPECT_EQ(Urls("<https://a.org/x/\n1087 more>"), V{"https://a.org/x/"});
  EXPECT_EQ(Urls("https://a.org/x/\n\n1087042"), V{"https://a.org/x/"});
}

// The eval set's no-scheme trap (#11 of every report) and the hosts it reads.
TEST(Urls, LinksWrittenWithoutASchemeToUnAndWwwHosts) {
  EXPECT_EQ(Urls("Report (A/77/802), undocs.org/A/77/802"), V{"undocs.org/A/77/802"});
  EXPECT_EQ(Urls("Nations Unies, www.un.org/disarmament/ict-security-fr-1/."),
            V{"www.un.org/disarmament/ict-security-fr-1/"});
  EXPECT_EQ(Urls("UN Web TV (starting at 25:02), media.un.org/es/asset/k1u/k1uf15d81q"),
            V{"media.un.org/es/asset/k1u/k1uf15d81q"});
  EXPECT_EQ(Urls("见docs.un.org/A/77/830。"), V{"docs.un.org/A/77/830"});
  EXPECT_EQ(Urls("see www.example.com/page and https://a.org/x"),
            (V{"www.example.com/page", "https://a.org/x"}));
  // Not a citation: an e-mail address, a bare host, an unknown host, a part
  // of a URL or path, a host inside a word.
  EXPECT_TRUE(Urls("write to press@un.org/ or visit un.org").empty());
  EXPECT_TRUE(Urls("example.org/page and www.un.org").empty());
  EXPECT_EQ(Urls("https://www.un.org/en/x and https://a.org/?u=undocs.org/A/1"),
            (V{"https://www.un.org/en/x", "https://a.org/?u=undocs.org/A/1"}));
  EXPECT_TRUE(Urls("fooundocs.org/A/1 /www.un.org/x").empty());
  auto found = FindUrls("x undocs.org/A/77/802, y");
  ASSERT_EQ(found.size(), 1u);
  EXPECT_FALSE(found[0].scheme_written);
  EXPECT_EQ(found[0].begin, 2u);
  EXPECT_EQ(found[0].end, 21u);
  EXPECT_TRUE(FindUrls("https://a.org/x")[0].scheme_written);
  // Two links in a row, and a host too long to be one.
  EXPECT_EQ(Urls("undocs.org/A/1 and www.un.org/b"), (V{"undocs.org/A/1", "www.un.org/b"}));
  EXPECT_TRUE(Urls(std::string(300, 'a') + ".un.org/x").empty());
  // A text of nothing but candidates is read in linear time (a quadratic
  // walk back would take minutes here), and finds none.
  std::string many;
  for (int i = 0; i < 200000; ++i) many += "www.";
  EXPECT_TRUE(Urls(many).empty());
}

TEST(Urls, WithDefaultSchemeAddsHttpsOnlyWhenThereIsNone) {
  EXPECT_EQ(WithDefaultScheme("undocs.org/A/75/816"), "https://undocs.org/A/75/816");
  EXPECT_EQ(WithDefaultScheme("www.un.org/x?u=http://a"), "https://www.un.org/x?u=http://a");
  EXPECT_EQ(WithDefaultScheme("HTTP://a.org/x"), "HTTP://a.org/x");
  EXPECT_EQ(WithDefaultScheme("https://a.org/x"), "https://a.org/x");
  EXPECT_EQ(WithDefaultScheme("ftp://a.org/x"), "ftp://a.org/x");
}

}  // namespace
}  // namespace timecite::linker
