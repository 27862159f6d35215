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

}  // namespace
}  // namespace timecite::linker
