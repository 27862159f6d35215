#include "indexer/html.h"

#include "common/html_tree.h"
#include "test_util.h"

namespace timecite::indexer {
namespace {

TEST(Html, BuildsBrowserTreeWithDecodedText) {
  auto doc = ParseHtml("<p class=x>Meetings &amp; Events<br>next<p>two");
  ASSERT_OK(doc);
  pugi::xml_node html = (*doc)->child("html");
  ASSERT_TRUE(html);
  EXPECT_TRUE(html.child("head"));
  pugi::xml_node body = html.child("body");
  ASSERT_TRUE(body);
  pugi::xml_node p = body.child("p");
  EXPECT_STREQ(p.attribute("class").value(), "x");
  EXPECT_EQ(NodeText(p), "Meetings & Events next");
  EXPECT_EQ(NodeText(p.next_sibling("p")), "two");
}

TEST(Html, XPathOverAttributesAndScripts) {
  auto doc = ParseHtml(
      "<div><span data-a2a-url='https://webtv.un.org/en/asset/k1s/k1sjz1in6d'></span>"
      "<script>const kentryID = '1_abcdefgh';</script><style>p{}</style></div>");
  ASSERT_OK(doc);
  pugi::xpath_node url = (*doc)->select_node("//*[@data-a2a-url]/@data-a2a-url");
  EXPECT_EQ(NodeText(url), "https://webtv.un.org/en/asset/k1s/k1sjz1in6d");
  pugi::xpath_node script = (*doc)->select_node("//script");
  EXPECT_STREQ(script.node().child_value(), "const kentryID = '1_abcdefgh';");
  // Script and style are not reader-visible text.
  EXPECT_EQ(NodeText((*doc)->child("html")), "");
}

TEST(Html, UnknownTagsKeepTheirNames) {
  auto doc = ParseHtml("<x-player data-id=7>hi</x-player>");
  ASSERT_OK(doc);
  pugi::xml_node node = (*doc)->select_node("//x-player").node();
  ASSERT_TRUE(node);
  EXPECT_STREQ(node.attribute("data-id").value(), "7");
}

TEST(Html, CollapseWhitespaceHandlesNbsp) {
  EXPECT_EQ(CollapseWhitespace("  a \n\t b\xC2\xA0\xC2\xA0" "c  "), "a b c");
  EXPECT_EQ(CollapseWhitespace(""), "");
  EXPECT_EQ(CollapseWhitespace(" \n "), "");
}

TEST(Html, BadInputIsAStatusNotACrash) {
  // Invalid UTF-8, NUL bytes and unbalanced markup still parse.
  const std::string junk("<div \xFF\xFE>\0<a href='\x80'>x</b></table><<<>>", 40);
  auto doc = ParseHtml(junk);
  EXPECT_OK(doc);
  EXPECT_OK(ParseHtml(""));

  const std::string huge(kMaxHtmlBytes + 1, 'a');
  auto too_big = ParseHtml(huge);
  ASSERT_FALSE(too_big.ok());
  EXPECT_EQ(too_big.status().code(), Status::Code::kInvalidArgument);

  std::string deep;
  for (int i = 0; i < html::kMaxHtmlDepth + 10; ++i) deep += "<div>";
  auto too_deep = ParseHtml(deep);
  ASSERT_FALSE(too_deep.ok());
  EXPECT_NE(too_deep.status().message().find("deeper"), std::string::npos);

  // Tables nest four tree levels per <table> (table, tbody, tr, td): the
  // tags estimate 200 levels, the tree holds 800, and the tree decides.
  std::string tables;
  for (int i = 0; i < 200; ++i) tables += "<table><tr><td>";
  auto tables_deep = ParseHtml(tables);
  ASSERT_FALSE(tables_deep.ok());
  EXPECT_NE(tables_deep.status().message().find("deeper than 512"), std::string::npos)
      << tables_deep.status().message();
  std::string shallow_tables;
  for (int i = 0; i < 100; ++i) shallow_tables += "<table><tr><td>";
  EXPECT_OK(ParseHtml(shallow_tables));  // 400 levels

  // Many unclosed auto-closing elements are not "deep".
  std::string list = "<ul>";
  for (int i = 0; i < html::kMaxHtmlDepth + 10; ++i) list += "<li>x";
  EXPECT_OK(ParseHtml(list));
}

}  // namespace
}  // namespace timecite::indexer
