#include "linker/document/reader_html.h"

#include "linker/citations/citation.h"
#include "test_util.h"

namespace timecite::linker {
namespace {

// Pandoc's footnote markup, a Word-exported note, a script and a style.
constexpr const char* kPandoc = R"(<!DOCTYPE html>
<html><head><title>Report</title>
<style>p { color: red }</style>
<script>var u = "https://script.example/not-a-citation";</script>
</head>
<body>
<h1>UN Update</h1>
<p>The Chair opened the session.<sup><a href="#fn1" class="footnote-ref" id="fnref1"
role="doc-noteref">1</a></sup> Delegations spoke.<a href="#fn2" role="doc-noteref"><sup>2</sup></a></p>
<p>See the <a href="https://undocs.org/A/RES/75/282">resolution</a>.</p>
<section class="footnotes" role="doc-endnotes"><hr><ol>
<li id="fn1" role="doc-endnote"><p>UN Web TV, Security Council, 9748th meeting, 8 March 2021,
<a href="https://media.un.org/en/asset/k1o/k1obxycc3u">https://media.un.org/en/asset/k1o/k1obxycc3u</a>
(starting at 1:29:40). <a href="#fnref1" class="footnote-back" role="doc-backlink">↩︎</a></p></li>
<li id="fn2" role="doc-endnote"><p><a href="https://webtv.un.org/en/asset/k1x/k1xyzabcd1">Open-ended
working group, 2nd meeting</a> (from 38:20).</p>
<p>Second paragraph, <a href="https://undocs.org/A/AC.290/2021/CRP.2">https://undocs.org/a/ac.290/2021/crp.2</a></p></li>
</ol></section>
</body></html>
)";

TEST(HtmlReader, PandocFootnotesLinksAndOrigins) {
  auto doc = ReadHtml("r.html", kPandoc);
  ASSERT_OK(doc);
  EXPECT_EQ(doc->format, DocumentFormat::kHtml);
  EXPECT_EQ(doc->text.find("script.example"), std::string::npos);
  EXPECT_EQ(doc->text.find("color"), std::string::npos);
  EXPECT_NE(doc->text.find("The Chair opened the session.[^1] Delegations spoke.[^2]"),
            std::string::npos)
      << doc->text;
  EXPECT_NE(doc->text.find("resolution <https://undocs.org/A/RES/75/282>."), std::string::npos);
  EXPECT_EQ(doc->text.find("↩"), std::string::npos);
  ASSERT_EQ(doc->line_origins.size(), doc->line_count());

  const auto cits = ExtractCitations(*doc);
  ASSERT_EQ(cits.size(), 4u);
  EXPECT_EQ(cits[0].footnote, 0);
  EXPECT_EQ(cits[0].url_written, "https://undocs.org/A/RES/75/282");
  EXPECT_EQ(cits[0].origin, "paragraph 3, HTML line 10");

  EXPECT_EQ(cits[1].footnote, 1);
  EXPECT_EQ(cits[1].url_written, "https://media.un.org/en/asset/k1o/k1obxycc3u");
  ASSERT_TRUE(cits[1].start_ms.has_value());
  EXPECT_EQ(*cits[1].start_ms, 5'380'000);
  EXPECT_EQ(cits[1].date, "2021-03-08");
  EXPECT_EQ(cits[1].meeting_number, 9748);
  EXPECT_EQ(cits[1].origin, "footnote 1, paragraph 1, HTML line 12");
  EXPECT_EQ(cits[1].citing_sentence, "The Chair opened the session.");

  EXPECT_EQ(cits[2].footnote, 2);
  EXPECT_EQ(cits[2].url_written, "https://webtv.un.org/en/asset/k1x/k1xyzabcd1");
  ASSERT_TRUE(cits[2].start_ms.has_value());
  EXPECT_EQ(*cits[2].start_ms, 2'300'000);
  EXPECT_EQ(cits[2].origin, "footnote 2, paragraph 1, HTML line 15");

  // The href beats a visible URL that differs from it.
  EXPECT_EQ(cits[3].footnote, 2);
  EXPECT_EQ(cits[3].url_written, "https://undocs.org/A/AC.290/2021/CRP.2");
  EXPECT_EQ(cits[3].origin, "footnote 2, paragraph 2, HTML line 17");
}

TEST(HtmlReader, WordAndWikipediaFootnotes) {
  const std::string html =
      "<html><body><p>First claim<a href=\"#_ftn1\" name=\"_ftnref1\"><sup>[1]</sup></a> and "
      "second<sup class=\"reference\"><a href=\"#cite_note-2\">[2]</a></sup>.</p>"
      "<div id=\"ftn1\"><p><a href=\"#_ftnref1\" name=\"_ftn1\"><sup>[1]</sup></a> UN Web TV, "
      "https://media.un.org/en/asset/k1o/k1obxycc3u (from 38:20)</p></div>"
      "<ol class=\"references\"><li id=\"cite_note-2\"><a href=\"#cite_ref-2\">^</a> "
      "<a href=\"https://undocs.org/S/PV.9748\">S/PV.9748</a></li></ol></body></html>";
  auto doc = ReadHtml("w.htm", html);
  ASSERT_OK(doc);
  EXPECT_NE(doc->text.find("First claim[^1] and second[^2]."), std::string::npos) << doc->text;
  const auto cits = ExtractCitations(*doc);
  ASSERT_EQ(cits.size(), 2u) << doc->text;
  EXPECT_EQ(cits[0].footnote, 1);
  EXPECT_EQ(cits[0].url_written, "https://media.un.org/en/asset/k1o/k1obxycc3u");
  EXPECT_EQ(cits[0].start_ms, 2'300'000);
  EXPECT_EQ(cits[0].origin, "footnote 1, paragraph 1, HTML line 1");
  EXPECT_EQ(cits[1].footnote, 2);
  EXPECT_EQ(cits[1].url_written, "https://undocs.org/S/PV.9748");
  EXPECT_EQ(cits[1].url_symbol, "S/PV.9748");
}

TEST(HtmlReader, MalformedMarkupIsReadAsABrowserWould) {
  const std::string html =
      "<!doctype html><p>Unclosed <b>bold <a href=\"https://undocs.org/S/PV.9748\">record</a>"
      "<p>Next <i>para<div>block</p></table></span>\n<p>last <a href=\"https://undocs.org/A/69/723\">"
      "letter";
  auto doc = ReadHtml("m.html", html);
  ASSERT_OK(doc);
  const auto cits = ExtractCitations(*doc);
  ASSERT_EQ(cits.size(), 2u) << doc->text;
  EXPECT_EQ(cits[0].url_written, "https://undocs.org/S/PV.9748");
  EXPECT_EQ(cits[0].origin, "paragraph 1, HTML line 1");
  // An unclosed link at the end of the file still has its URL.
  EXPECT_EQ(cits[1].url_written, "https://undocs.org/A/69/723");
  EXPECT_EQ(cits[1].origin, "paragraph 4, HTML line 2");
}

TEST(HtmlReader, InvalidUtf8IsAnErrorWithLineAndColumn) {
  auto doc = ReadHtml("bad.html", std::string("<html>\n<p>caf\xE9 au lait</p>"));
  ASSERT_FALSE(doc.ok());
  EXPECT_EQ(doc.status().code(), Status::Code::kInvalidArgument);
  EXPECT_NE(doc.status().message().find("bad.html:2:7: invalid UTF-8"), std::string::npos)
      << doc.status().message();
}

TEST(HtmlReader, DeepNestingIsRefused) {
  std::string html = "<html><body>";
  for (int i = 0; i < 3000; ++i) html += "<span>";
  auto doc = ReadHtml("deep.html", html);
  ASSERT_FALSE(doc.ok());
  EXPECT_EQ(doc.status().message(), "deep.html: HTML nests elements deeper than 512 levels");
}

TEST(HtmlReader, NestingUpToTheLimitIsRead) {
  // 500 <div>s (gumbo adds html and body): the citation at the bottom is found.
  std::string html = "<html><body>";
  for (int i = 0; i < 500; ++i) html += "<div>";
  html += "UN Web TV https://webtv.un.org/en/asset/k1o/k1obxycc3u";
  for (int i = 0; i < 500; ++i) html += "</div>";
  auto doc = ReadHtml("deep.html", html);
  ASSERT_OK(doc);
  const auto cits = ExtractCitations(*doc);
  ASSERT_EQ(cits.size(), 1u) << doc->text;
  EXPECT_EQ(cits[0].url_written, "https://webtv.un.org/en/asset/k1o/k1obxycc3u");
}

TEST(HtmlReader, TablesNestedDeeperThanTheirTagsSayAreRefusedNotCut) {
  // 200 nested tables: 200 counted tags, but table > tbody > tr > td is four
  // levels of gumbo's tree each (800). The citation inside must not be
  // dropped silently: the whole file is an error.
  std::string html = "<html><body>";
  for (int i = 0; i < 200; ++i) html += "<table><tr><td>";
  html += "https://undocs.org/S/PV.9748";
  for (int i = 0; i < 200; ++i) html += "</td></tr></table>";
  auto doc = ReadHtml("tables.html", html);
  ASSERT_FALSE(doc.ok());
  EXPECT_EQ(doc.status().code(), Status::Code::kInvalidArgument);
  EXPECT_EQ(doc.status().message(),
            "tables.html: HTML nests elements deeper than 512 levels");
}

TEST(HtmlReader, FootnoteNumbersFromListPositionAndNotFromLookalikeIds) {
  const std::string html =
      "<html><body><ul><li id=\"fnord\">menu https://un.org/menu</li></ul>"
      "<p>Claim<sup>6</sup></p><ol start=\"5\"><li id=\"fn-a\">first</li>"
      "<li id=\"fn-b\">UN Web TV<br>https://media.un.org/en/asset/k1o/k1obxycc3u</li></ol>"
      "</body></html>";
  auto doc = ReadHtml("n.html", html);
  ASSERT_OK(doc);
  const auto cits = ExtractCitations(*doc);
  ASSERT_EQ(cits.size(), 2u) << doc->text;
  EXPECT_EQ(cits[0].footnote, 0);
  EXPECT_EQ(cits[0].url_written, "https://un.org/menu");
  EXPECT_EQ(cits[1].footnote, 6);
  EXPECT_EQ(cits[1].origin, "footnote 6, paragraph 2, HTML line 1");
  EXPECT_EQ(cits[1].citing_sentence, "Claim");
}

TEST(HtmlReader, EmptyPageGivesAnEmptyDocument) {
  auto doc = ReadHtml("e.html", "<html><body></body></html>");
  ASSERT_OK(doc);
  EXPECT_TRUE(ExtractCitations(*doc).empty());
}

}  // namespace
}  // namespace timecite::linker
