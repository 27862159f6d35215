#include "linker/document/reader_docx.h"

#include "linker/citations/citation.h"
#include "linker/document/document.h"
#include "reader_fixtures.h"
#include "test_util.h"

namespace timecite::linker {
namespace {

using timecite::testing::kWordNs;
using timecite::testing::MakeRels;
using timecite::testing::MakeZip;

std::string Part(const std::string& root, const std::string& inner) {
  return "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<w:" + root + " " +
         kWordNs + ">" + inner + "</w:" + root + ">";
}

std::string TextRun(const std::string& text) {
  return "<w:r><w:t xml:space=\"preserve\">" + text + "</w:t></w:r>";
}

const std::string kSeparators =
    "<w:footnote w:type=\"separator\" w:id=\"-1\"><w:p><w:r><w:separator/></w:r></w:p>"
    "</w:footnote><w:footnote w:type=\"continuationSeparator\" w:id=\"0\"><w:p><w:r>"
    "<w:continuationSeparator/></w:r></w:p></w:footnote>";

std::string DocumentXml() {
  return Part(
      "document",
      "<w:body>"
      "<w:p><w:pPr><w:pStyle w:val=\"Heading1\"/></w:pPr>" + TextRun("Introduction") + "</w:p>"
      "<w:p/>"
      "<w:p>" + TextRun("The Council met on 8 March 2021.") +
      "<w:r><w:rPr><w:rStyle w:val=\"FootnoteReference\"/></w:rPr><w:footnoteReference w:id=\"2\"/></w:r>" +
      TextRun(" It adopted a text.") + "<w:r><w:footnoteReference w:id=\"1\"/></w:r></w:p>"
      "<w:p><w:hyperlink r:id=\"rId5\">" + TextRun("resolution 75/282") + "</w:hyperlink></w:p>"
      "<w:tbl><w:tr><w:tc><w:p>" + TextRun("Table cell") + "</w:p></w:tc></w:tr></w:tbl>"
      "<w:p>" + TextRun("Deleted: ") +
      "<w:del w:id=\"9\"><w:r><w:delText>https://gone.example/x</w:delText></w:r></w:del>"
      "<w:r><w:endnoteReference w:id=\"1\"/></w:r></w:p>"
      "<w:sectPr/></w:body>");
}

std::string FootnotesXml() {
  return Part(
      "footnotes",
      kSeparators +
          "<w:footnote w:id=\"1\"><w:p><w:r><w:footnoteRef/></w:r>" + TextRun(" See ") +
          "<w:r><w:fldChar w:fldCharType=\"begin\"/></w:r><w:r><w:instrText xml:space=\"preserve\">"
          " HYPERLINK \"https://undocs.org/S/PV.9748\" \\o \"record\" </w:instrText></w:r>"
          "<w:r><w:fldChar w:fldCharType=\"separate\"/></w:r>" + TextRun("S/PV.9748") +
          "<w:r><w:fldChar w:fldCharType=\"end\"/></w:r>" + TextRun(".") + "</w:p></w:footnote>"
          "<w:footnote w:id=\"2\"><w:p><w:r><w:footnoteRef/></w:r>" +
          TextRun(" UN Web TV, Security Council, 9748th meeting, 8 March 2021 (starting at 1:29:40).") +
          "</w:p><w:p><w:hyperlink r:id=\"rId1\">" +
          TextRun("https://media.un.org/en/asset/k1o/k1obxycc3u") + "</w:hyperlink></w:p></w:footnote>");
}

std::string EndnotesXml() {
  return Part("endnotes",
              "<w:endnote w:type=\"separator\" w:id=\"-1\"><w:p/></w:endnote>"
              "<w:endnote w:type=\"continuationSeparator\" w:id=\"0\"><w:p/></w:endnote>"
              "<w:endnote w:id=\"1\"><w:p><w:r><w:endnoteRef/></w:r>" +
                  TextRun(" 联合国网络电视，从5分45秒开始 ") +
                  "<w:fldSimple w:instr=\" HYPERLINK &quot;https://webtv.un.org/zh/asset/k1a/"
                  "k1abcdefgh&quot; \">" + TextRun("会议录像") + "</w:fldSimple></w:p></w:endnote>");
}

std::string MakeDocx() {
  return MakeZip({
      {"[Content_Types].xml", "<Types/>"},
      {"word/document.xml", DocumentXml()},
      {"word/_rels/document.xml.rels", MakeRels({{"rId5", "https://undocs.org/A/RES/75/282"}})},
      {"word/footnotes.xml", FootnotesXml()},
      {"word/_rels/footnotes.xml.rels",
       MakeRels({{"rId1", "https://media.un.org/en/asset/k1o/k1obxycc3u"}})},
      {"word/endnotes.xml", EndnotesXml()},
  });
}

TEST(DocxReader, BodyFootnotesEndnotesAndLinks) {
  auto doc = ReadDocx("report.docx", MakeDocx());
  ASSERT_OK(doc);
  EXPECT_EQ(doc->format, DocumentFormat::kDocx);
  // Footnotes are numbered in the order of their references.
  EXPECT_NE(doc->text.find("The Council met on 8 March 2021.[^1] It adopted a text.[^2]"),
            std::string::npos)
      << doc->text;
  EXPECT_NE(doc->text.find("resolution 75/282 <https://undocs.org/A/RES/75/282>"),
            std::string::npos);
  EXPECT_EQ(doc->text.find("gone.example"), std::string::npos);
  ASSERT_EQ(doc->line_origins.size(), doc->line_count());

  const auto cits = ExtractCitations(*doc);
  ASSERT_EQ(cits.size(), 4u) << doc->text;
  EXPECT_EQ(cits[0].footnote, 0);
  EXPECT_EQ(cits[0].url_written, "https://undocs.org/A/RES/75/282");
  EXPECT_EQ(cits[0].origin, "paragraph 3");

  EXPECT_EQ(cits[1].footnote, 1);
  EXPECT_EQ(cits[1].url_written, "https://media.un.org/en/asset/k1o/k1obxycc3u");
  EXPECT_EQ(cits[1].kind, CitationKind::kRecording);
  ASSERT_TRUE(cits[1].start_ms.has_value());
  EXPECT_EQ(*cits[1].start_ms, 5'380'000);
  EXPECT_EQ(cits[1].date, "2021-03-08");
  EXPECT_EQ(cits[1].meeting_number, 9748);
  EXPECT_EQ(cits[1].origin, "footnote 1, paragraph 2");
  EXPECT_EQ(cits[1].citing_sentence, "The Council met on 8 March 2021.");

  EXPECT_EQ(cits[2].footnote, 2);
  EXPECT_EQ(cits[2].url_written, "https://undocs.org/S/PV.9748");
  EXPECT_EQ(cits[2].origin, "footnote 2, paragraph 1");

  EXPECT_EQ(cits[3].footnote, 3);
  EXPECT_EQ(cits[3].url_written, "https://webtv.un.org/zh/asset/k1a/k1abcdefgh");
  ASSERT_TRUE(cits[3].start_ms.has_value());
  EXPECT_EQ(*cits[3].start_ms, 345'000);
  EXPECT_EQ(cits[3].origin, "endnote 1, paragraph 1");
}

TEST(DocxReader, LoadDocumentSniffsDocxWhateverTheName) {
  auto doc = ReadDocument("report.bin", MakeDocx());
  ASSERT_OK(doc);
  EXPECT_EQ(doc->format, DocumentFormat::kDocx);
}

TEST(DocxReader, TruncatedArchiveIsAnError) {
  const std::string docx = MakeDocx();
  auto doc = ReadDocx("cut.docx", docx.substr(0, docx.size() / 2));
  ASSERT_FALSE(doc.ok());
  EXPECT_EQ(doc.status().code(), Status::Code::kInvalidArgument);
  EXPECT_NE(doc.status().message().find("cut.docx: not a valid ZIP archive"), std::string::npos)
      << doc.status().message();
}

TEST(DocxReader, ZipWithoutDocumentXmlIsNotWord) {
  auto doc = ReadDocx("a.docx", MakeZip({{"content.xml", "<office/>"}}));
  ASSERT_FALSE(doc.ok());
  EXPECT_NE(doc.status().message().find("not a Word document"), std::string::npos);
}

TEST(DocxReader, NestingTooDeepIsAnErrorNotTextLeftOut) {
  // A citation inside 300 nested content controls: deeper than Word nests.
  std::string open, close;
  for (int i = 0; i < 300; ++i) {
    open += "<w:sdt><w:sdtContent>";
    close += "</w:sdtContent></w:sdt>";
  }
  const std::string body = "<w:body>" + open + "<w:p>" +
                           TextRun("https://undocs.org/A/69/723") + "</w:p>" +
                           close + "</w:body>";
  auto doc = ReadDocx("deep.docx",
                      MakeZip({{"word/document.xml", Part("document", body)}}));
  ASSERT_FALSE(doc.ok());
  EXPECT_EQ(
      doc.status().message(),
      "deep.docx: word/document.xml: elements nested deeper than 256 levels");
}

TEST(DocxReader, TooManyEntriesIsAZipBomb) {
  std::vector<std::pair<std::string, std::string>> entries = {
      {"word/document.xml", Part("document", "<w:body/>")}};
  for (int i = 0; i < 20; ++i) entries.emplace_back("media/" + std::to_string(i), "x");
  DocxLimits limits;
  limits.max_entries = 10;
  auto doc = ReadDocx("many.docx", MakeZip(entries), limits);
  ASSERT_FALSE(doc.ok());
  EXPECT_NE(doc.status().message().find("21 entries, more than the limit of 10"),
            std::string::npos)
      << doc.status().message();
  EXPECT_NE(doc.status().message().find("zip bomb"), std::string::npos);
}

TEST(DocxReader, HugeUncompressedEntryIsAZipBomb) {
  // 4 MiB of spaces deflate to a few KiB.
  const std::string body = Part("document", "<w:body>" + std::string(4u << 20, ' ') + "</w:body>");
  DocxLimits limits;
  limits.max_entry_bytes = 1u << 20;
  limits.max_total_bytes = 1u << 20;
  const std::string docx = MakeZip({{"word/document.xml", body}});
  ASSERT_LT(docx.size(), 64u << 10);
  auto doc = ReadDocx("bomb.docx", docx, limits);
  ASSERT_FALSE(doc.ok());
  EXPECT_NE(doc.status().message().find("zip bomb"), std::string::npos) << doc.status().message();
  // The default limits (256 MiB) read it.
  EXPECT_OK(ReadDocx("big.docx", docx));
}

// A part whose headers (local and central) declare 1,000 bytes but that
// inflates to 4 MiB: the declared size passes, what inflates is counted and
// the part is refused while inflating, at the cap, never read whole.
TEST(DocxReader, APartThatInflatesPastItsDeclaredSizeIsRefusedWhileInflating) {
  const std::string body = Part("document", "<w:body>" + std::string(4u << 20, ' ') + "</w:body>");
  std::string docx = MakeZip({{"word/document.xml", body}});
  auto put32 = [&](size_t at, uint32_t v) {
    for (int i = 0; i < 4; ++i) docx[at + i] = static_cast<char>((v >> (8 * i)) & 0xff);
  };
  int patched = 0;
  for (size_t i = 0; i + 4 <= docx.size(); ++i) {
    if (docx.compare(i, 4, std::string("PK\x03\x04", 4)) == 0) {
      put32(i + 22, 1000);  // local header: uncompressed size
      ++patched;
    } else if (docx.compare(i, 4, std::string("PK\x01\x02", 4)) == 0) {
      put32(i + 24, 1000);  // central directory: uncompressed size
      ++patched;
    }
  }
  ASSERT_EQ(patched, 2);
  DocxLimits limits;
  limits.max_entry_bytes = 1u << 20;
  limits.max_total_bytes = 1u << 20;
  auto doc = ReadDocx("liar.docx", docx, limits);
  ASSERT_FALSE(doc.ok());
  // Refused at the first 64 KiB read past the 1 MiB cap, not at 4 MiB.
  EXPECT_EQ(doc.status().message(),
            "liar.docx: word/document.xml would unpack to more than 1114112 bytes, over "
            "the limit of 1048576 (refused as a possible zip bomb)");
}

TEST(DocxReader, MalformedXmlNamesThePart) {
  auto doc = ReadDocx("bad.docx", MakeZip({{"word/document.xml", "<w:document><w:body><w:p>"}}));
  ASSERT_FALSE(doc.ok());
  EXPECT_NE(doc.status().message().find("bad.docx: word/document.xml: malformed XML at byte"),
            std::string::npos)
      << doc.status().message();
}

TEST(DocxReader, InvalidUtf8IsAnError) {
  const std::string body =
      Part("document", "<w:body><w:p>" + TextRun("ok") + "</w:p><w:p>" + TextRun("caf\xE9") + "</w:p></w:body>");
  auto doc = ReadDocx("latin.docx", MakeZip({{"word/document.xml", body}}));
  ASSERT_FALSE(doc.ok());
  EXPECT_NE(doc.status().message().find("paragraph 2: invalid UTF-8"), std::string::npos)
      << doc.status().message();
}

}  // namespace
}  // namespace timecite::linker
