#include "linker/document/reader_common.h"

#include <fstream>

#include "linker/citations/citation.h"
#include "test_util.h"

namespace timecite::linker {
namespace {

TEST(ReaderCommon, SniffsByContentThenName) {
  EXPECT_EQ(SniffFormat("PK\x03\x04rest", "a.txt"), DocumentFormat::kDocx);
  EXPECT_EQ(SniffFormat("%PDF-1.7\n", "report.md"), DocumentFormat::kPdf);
  EXPECT_EQ(SniffFormat("\xEF\xBB\xBF  <!DOCTYPE html><p>x", "x.txt"), DocumentFormat::kHtml);
  EXPECT_EQ(SniffFormat("<HTML><body>", "noext"), DocumentFormat::kHtml);
  EXPECT_EQ(SniffFormat("<p>fragment</p>", "page.htm"), DocumentFormat::kHtml);
  EXPECT_EQ(SniffFormat("<!-- note -->\n# Title <html>", "r.md"), DocumentFormat::kMarkdown);
  EXPECT_EQ(SniffFormat("# Title", "r.markdown"), DocumentFormat::kMarkdown);
  EXPECT_EQ(SniffFormat("plain", "r.txt"), DocumentFormat::kText);
  EXPECT_EQ(SniffFormat("", "-"), DocumentFormat::kText);
}

TEST(ReaderCommon, LinkUrlBeatsText) {
  std::string out;
  AppendLink("resolution", "https://undocs.org/A/RES/75/282", &out);
  EXPECT_EQ(out, "resolution <https://undocs.org/A/RES/75/282>");
  out.clear();
  AppendLink("https://undocs.org/A/69/723", "https://undocs.org/A/69/723", &out);
  EXPECT_EQ(out, "https://undocs.org/A/69/723");
  out.clear();
  AppendLink("see https://undocs.org/a/69/723 here", "https://undocs.org/en/A/69/723", &out);
  EXPECT_EQ(out, "see https://undocs.org/en/A/69/723 here");
  out.clear();
  AppendLink("mail us", "mailto:a@un.org", &out);
  EXPECT_EQ(out, "mail us");
  out.clear();
  AppendLink("", "https://a.org/x y>", &out);
  EXPECT_EQ(out, "<https://a.org/x%20y%3E>");
}

TEST(ReaderCommon, FootnoteRefAfterAUrlIsSpaced) {
  std::string out = "see https://a.org/x";
  AppendFootnoteRef(3, &out);
  EXPECT_EQ(out, "see https://a.org/x [^3]");
  out = "word";
  AppendFootnoteRef(12, &out);
  EXPECT_EQ(out, "word[^12]");
}

TEST(ReaderCommon, RebuiltTextHasOneOriginPerLine) {
  RebuiltText t;
  t.ParagraphBreak();
  t.AddLine("first\tline", "paragraph 1");
  t.AddLine("   ", "ignored");
  t.ParagraphBreak();
  t.ParagraphBreak();
  t.AddLine("[^1]: note", "footnote 1, paragraph 1");
  t.ParagraphBreak();
  auto doc = std::move(t).Finish("x", DocumentFormat::kHtml);
  ASSERT_OK(doc);
  EXPECT_EQ(doc->text, "first line\n\n[^1]: note\n");
  EXPECT_EQ(doc->line_origins,
            (std::vector<std::string>{"paragraph 1", "", "footnote 1, paragraph 1"}));
  EXPECT_EQ(doc->line_count(), 3u);
}

TEST(ReaderCommon, StdinAndFilesDispatchByContent) {
  const auto path = std::filesystem::temp_directory_path() / "timecite_reader_test.txt";
  {
    std::ofstream(path, std::ios::binary)
        << "<!doctype html><p>Record<sup>1</sup></p><ol><li id=\"fn1\">"
           "<a href=\"https://undocs.org/S/PV.9748\">S/PV.9748</a></li></ol>";
  }
  auto doc = LoadDocument(path.string());
  std::filesystem::remove(path);
  ASSERT_OK(doc);
  EXPECT_EQ(doc->format, DocumentFormat::kHtml);
  const auto cits = ExtractCitations(*doc);
  ASSERT_EQ(cits.size(), 1u) << doc->text;
  EXPECT_EQ(cits[0].footnote, 1);
  EXPECT_EQ(cits[0].origin, "footnote 1, paragraph 1, HTML line 1");
}

}  // namespace
}  // namespace timecite::linker
