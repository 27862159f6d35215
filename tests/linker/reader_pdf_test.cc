#include "linker/document/reader_pdf.h"

#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>

#include "linker/citations/batch.h"
#include "linker/citations/citation.h"
#include "linker/document/pdf_links.h"
#include "linker/checks/rules.h"
#include "reader_fixtures.h"
#include "test_util.h"

namespace timecite::linker {
namespace {

using timecite::testing::PdfDrawer;

constexpr double kLeft = 72;
constexpr double kBody = 11;
constexpr double kNote = 8;
constexpr double kSup = 5.5;

void Filler(PdfDrawer& pdf, double y, int lines) {
  for (int i = 0; i < lines; ++i)
    pdf.Text(kLeft, y + 14 * i, kBody, "Delegations exchanged views.");
}

// Page 1: body with a footnote reference and a URL; footnote 1 whose URL is
// wrapped after a '/'. Page 2: footnote 2 whose URL is wrapped after a '-',
// inside a link annotation when `annotate`.
std::string MakeReport(bool annotate) {
  PdfDrawer pdf;
  pdf.Text(kLeft, 100, kBody, "UN Update");
  double x = pdf.Text(kLeft, 130, kBody, "The Council met on 8 March 2021.");
  x = pdf.Text(x, 126, kSup, "1");
  pdf.Text(x, 130, kBody, " Its record is");
  pdf.Text(kLeft, 144, kBody, "https://undocs.org/S/PV.9748");
  Filler(pdf, 180, 6);
  x = pdf.Text(kLeft, 756, kSup, "1");
  pdf.Text(x + 1, 760, kNote,
           "UN Web TV, 8 March 2021 (starting at 1:29:40), "
           "https://media.un.org/en/asset/k1o/");
  pdf.Text(kLeft + 4, 770, kNote, "k1obxycc3u.");
  pdf.NextPage();
  pdf.Text(kLeft, 100, kBody, "Annex");
  Filler(pdf, 130, 8);
  x = pdf.Text(kLeft, 786, kSup, "2");
  x = pdf.Text(x + 1, 790, kNote, "Report of the working group, 2021, ");
  const std::string uri =
      "https://front.un-arm.org/wp-content/uploads/2021/03/OEWG-report.pdf";
  const std::string part1 =
      "https://front.un-arm.org/wp-content/uploads/2021/03/OEWG-";
  if (annotate) {
    pdf.Link(x, 790, kNote, part1, uri);
    pdf.Link(kLeft + 4, 800, kNote, "report.pdf", uri);
  } else {
    pdf.Text(x, 790, kNote, part1);
    pdf.Text(kLeft + 4, 800, kNote, "report.pdf");
  }
  return pdf.Finish();
}

TEST(PdfReader, FootnotesWrappedUrlsAndOrigins) {
  const std::string bytes = MakeReport(/*annotate=*/true);
  auto doc = ReadPdf("report.pdf", bytes);
  ASSERT_OK(doc);
  EXPECT_EQ(doc->format, DocumentFormat::kPdf);
  ASSERT_EQ(doc->line_origins.size(), doc->line_count());
  EXPECT_NE(
      doc->text.find("The Council met on 8 March 2021.[^1] Its record is"),
      std::string::npos)
      << doc->text;

  const auto cits = ExtractCitations(*doc);
  ASSERT_EQ(cits.size(), 3u) << doc->text;
  EXPECT_EQ(cits[0].footnote, 0);
  EXPECT_EQ(cits[0].url_written, "https://undocs.org/S/PV.9748");
  EXPECT_EQ(cits[0].origin, "page 1, line 3");

  EXPECT_EQ(cits[1].footnote, 1);
  EXPECT_EQ(cits[1].url_written,
            "https://media.un.org/en/asset/k1o/k1obxycc3u");
  EXPECT_EQ(cits[1].kind, CitationKind::kRecording);
  ASSERT_TRUE(cits[1].start_ms.has_value());
  EXPECT_EQ(*cits[1].start_ms, 5'380'000);
  EXPECT_EQ(cits[1].date, "2021-03-08");
  EXPECT_EQ(cits[1].origin, "page 1, line 10");
  EXPECT_EQ(cits[1].citing_sentence, "The Council met on 8 March 2021.");

  // The link annotation confirms the form with the hyphen.
  EXPECT_EQ(cits[2].footnote, 2);
  EXPECT_EQ(
      cits[2].url_written,
      "https://front.un-arm.org/wp-content/uploads/2021/03/OEWG-report.pdf");
  EXPECT_EQ(cits[2].origin, "page 2, line 10");
  EXPECT_TRUE(cits[2].url_alternative.empty());  // the annotation decided
  EXPECT_TRUE(doc->url_hyphen_breaks.empty());
}

TEST(PdfReader, WithoutAnAnnotationTheHyphenIsDropped) {
  auto doc = ReadPdf("plain.pdf", MakeReport(/*annotate=*/false));
  ASSERT_OK(doc);
  const auto cits = ExtractCitations(*doc);
  ASSERT_EQ(cits.size(), 3u) << doc->text;
  EXPECT_EQ(
      cits[2].url_written,
      "https://front.un-arm.org/wp-content/uploads/2021/03/OEWGreport.pdf");
  // Nothing says whether the hyphen was the URL's: the other reading is kept
  // for the online check (and reported, info).
  ASSERT_EQ(doc->url_hyphen_breaks.size(), 1u);
  EXPECT_EQ(doc->url_hyphen_breaks[0].origin, "page 2, line 10");
  EXPECT_EQ(
      cits[2].url_alternative,
      "https://front.un-arm.org/wp-content/uploads/2021/03/OEWG-report.pdf");
  EXPECT_EQ(cits[2].url_alternative_kind, UrlAlternative::kHyphenBreak);
  EXPECT_TRUE(cits[0].url_alternative.empty());
  // The final '.' of footnote 1 was cut as a full stop: the reading with it
  // is kept too (fetched only if the cut one fails for certain).
  EXPECT_EQ(cits[1].url_alternative, "https://media.un.org/en/asset/k1o/k1obxycc3u.");
  EXPECT_EQ(cits[1].url_alternative_kind, UrlAlternative::kTrailingPunctuation);
  const auto checked = CheckCitations(cits, CheckOptions{});
  ASSERT_EQ(checked[2].findings.size(), 1u);
  EXPECT_EQ(checked[2].findings[0].rule, "url-wrapped-at-hyphen");
  EXPECT_EQ(checked[2].findings[0].severity, Severity::kInfo);
}

TEST(PdfReader, LinkAnnotationsWithPageAndRectangle) {
  const auto links = PdfLinkAnnotations(MakeReport(/*annotate=*/true));
  ASSERT_EQ(links.size(), 2u);  // one rectangle per line of the wrapped link
  const std::string uri =
      "https://front.un-arm.org/wp-content/uploads/2021/03/OEWG-report.pdf";
  EXPECT_EQ(links[0].uri, uri);
  EXPECT_EQ(links[1].uri, uri);
  EXPECT_EQ(links[0].page, 1);
  // Top-left origin, y downwards: the first line's baseline is at y = 790.
  EXPECT_LT(links[0].top, 790);
  EXPECT_GT(links[0].bottom, 788);
  EXPECT_LT(links[0].bottom, links[1].bottom);
  EXPECT_NEAR(links[1].left, kLeft + 4, 1);
  EXPECT_TRUE(PdfLinkAnnotations(MakeReport(/*annotate=*/false)).empty());
  EXPECT_TRUE(PdfLinkAnnotations("not a pdf").empty());
}

// A report whose footnote links "UN Web TV" (no URL in the text) to a
// recording, and whose body text shows a URL that differs from its link.
std::string MakeLinkedReport() {
  PdfDrawer pdf;
  pdf.Text(kLeft, 100, kBody, "UN Update");
  double x = pdf.Text(kLeft, 130, kBody, "The record is at ");
  pdf.Link(x, 130, kBody, "https://undocs.org/S/PV.974",
           "https://undocs.org/S/PV.9748");
  x = pdf.Text(kLeft, 144, kBody, "and the Council met on 8 March 2021.");
  pdf.Text(x, 140, kSup, "1");
  Filler(pdf, 180, 6);
  x = pdf.Text(kLeft, 756, kSup, "1");
  x = pdf.Text(x + 1, 760, kNote, "Security Council, 9748th meeting, ");
  x = pdf.Link(x, 760, kNote, "UN Web TV",
               "https://media.un.org/en/asset/k1o/k1obxycc3u");
  pdf.Text(x, 760, kNote, ", 8 March 2021 (starting at 1:29:40).");
  return pdf.Finish();
}

void ExpectLinkedCitations(const std::string& bytes) {
  auto doc = ReadPdf("linked.pdf", bytes);
  ASSERT_OK(doc);
  const auto cits = ExtractCitations(*doc);
  ASSERT_EQ(cits.size(), 2u) << doc->text;
  // The link's URI beats the URL written under it.
  EXPECT_EQ(cits[0].footnote, 0);
  EXPECT_EQ(cits[0].url_written, "https://undocs.org/S/PV.9748");
  EXPECT_EQ(cits[0].origin, "page 1, line 2");
  EXPECT_EQ(cits[0].line, 3) << doc->text;  // "UN Update", blank, the record
  // Link text without a URL: the URI follows it.
  EXPECT_EQ(cits[1].footnote, 1);
  EXPECT_EQ(cits[1].url_written,
            "https://media.un.org/en/asset/k1o/k1obxycc3u");
  EXPECT_EQ(cits[1].kind, CitationKind::kRecording);
  EXPECT_EQ(cits[1].origin, "page 1, line 10");
  EXPECT_EQ(cits[1].meeting_number, 9748);
  EXPECT_EQ(cits[1].date, "2021-03-08");
  ASSERT_TRUE(cits[1].start_ms.has_value());
  EXPECT_EQ(*cits[1].start_ms, 5'380'000);
  // poppler gives "TV," as one word: the URI follows it.
  EXPECT_NE(
      doc->text.find(
          "UN Web TV, <https://media.un.org/en/asset/k1o/k1obxycc3u> 8 March"),
      std::string::npos)
      << doc->text;
}

TEST(PdfReader, LinkUrisAreWrittenIntoTheText) {
  ExpectLinkedCitations(MakeLinkedReport());
}

// Word's "Save as PDF" keeps annotations in compressed object streams, where
// no /URI string is visible in the file's bytes. qpdf (a Debian package,
// scripts/install-deps.sh) rewrites the cairo PDF that way. cairo 1.16
// lists object numbers it never writes when it writes tags; qpdf warns
// about them (exit status 3 without --warning-exit-0) and drops them.
TEST(PdfReader, LinkAnnotationsInCompressedObjectStreams) {
  const auto dir = std::filesystem::temp_directory_path() /
                   ("timecite_pdf_objstm_" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  const auto in = dir / "in.pdf", out = dir / "out.pdf";
  {
    std::ofstream f(in, std::ios::binary);
    f << MakeLinkedReport();
  }
  const std::string command =
      "qpdf --warning-exit-0 --no-warn --object-streams=generate "
      "--compress-streams=y '" +
      in.string() + "' '" + out.string() + "'";
  ASSERT_EQ(std::system(command.c_str()), 0) << command << " (install qpdf)";
  std::ifstream f(out, std::ios::binary);
  const std::string bytes((std::istreambuf_iterator<char>(f)),
                          std::istreambuf_iterator<char>());
  std::filesystem::remove_all(dir);
  ASSERT_NE(bytes.find("/ObjStm"), std::string::npos);
  ASSERT_EQ(bytes.find("k1obxycc3u"), std::string::npos)
      << "the URI is visible uncompressed";
  ASSERT_EQ(bytes.find("/URI"), std::string::npos);
  ExpectLinkedCitations(bytes);
}

TEST(PdfReader, SniffedByLoadDocument) {
  auto doc = ReadDocument("report", MakeReport(false));
  ASSERT_OK(doc);
  EXPECT_EQ(doc->format, DocumentFormat::kPdf);
}

// A one-page PDF whose trailer names a Standard security handler with
// /O and /U values no password opens.
std::string EncryptedPdf() {
  std::string pdf = "%PDF-1.4\n";
  std::vector<std::size_t> offsets;
  auto object = [&](const std::string& body) {
    offsets.push_back(pdf.size());
    pdf += std::to_string(offsets.size()) + " 0 obj\n" + body + "\nendobj\n";
  };
  const std::string o(64, 'A'), u(64, '7');
  object("<< /Type /Catalog /Pages 2 0 R >>");
  object("<< /Type /Pages /Kids [3 0 R] /Count 1 >>");
  object("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] >>");
  object("<< /Filter /Standard /V 1 /R 2 /O <" + o + "> /U <" + u +
         "> /P -44 >>");
  const std::size_t xref = pdf.size();
  pdf += "xref\n0 5\n0000000000 65535 f \n";
  for (std::size_t off : offsets) {
    char line[32];
    std::snprintf(line, sizeof line, "%010zu 00000 n \n", off);
    pdf += line;
  }
  pdf +=
      "trailer\n<< /Size 5 /Root 1 0 R /Encrypt 4 0 R /ID "
      "[<0123456789ABCDEF0123456789ABCDEF>"
      " <0123456789ABCDEF0123456789ABCDEF>] >>\nstartxref\n" +
      std::to_string(xref) + "\n%%EOF\n";
  return pdf;
}

// A one-page PDF written by hand: `content` is the page's content stream,
// in Helvetica (not embedded) as /F1.
std::string HandPdf(const std::string& content) {
  std::string pdf = "%PDF-1.4\n";
  std::vector<std::size_t> offsets;
  auto object = [&](const std::string& body) {
    offsets.push_back(pdf.size());
    pdf += std::to_string(offsets.size()) + " 0 obj\n" + body + "\nendobj\n";
  };
  object("<< /Type /Catalog /Pages 2 0 R >>");
  object("<< /Type /Pages /Kids [3 0 R] /Count 1 >>");
  object(
      "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
      "/Resources << /Font << /F1 5 0 R >> >> >>");
  object("<< /Length " + std::to_string(content.size()) + " >>\nstream\n" +
         content + "endstream");
  object("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>");
  const std::size_t xref = pdf.size();
  pdf += "xref\n0 6\n0000000000 65535 f \n";
  for (std::size_t off : offsets) {
    char line[32];
    std::snprintf(line, sizeof line, "%010zu 00000 n \n", off);
    pdf += line;
  }
  return pdf + "trailer\n<< /Size 6 /Root 1 0 R >>\nstartxref\n" +
         std::to_string(xref) + "\n%%EOF\n";
}

TEST(PdfReader, MarksGivenOutOfOrderAndBodySizedFootnoteLines) {
  // poppler gives the two small "1" after other lines' words; the footnote
  // text is as large as the body text, so only its marker tells it apart.
  const std::string content =
      "BT /F1 10 Tf 72 700 Td (The Council met on 8 March 2021.) Tj ET\n"
      "BT /F1 6 Tf 233 704 Td (1) Tj ET\n"
      "BT /F1 6 Tf 72 104 Td (1) Tj ET\n"
      "BT /F1 10 Tf 76 100 Td (UN Web TV \\(starting at 1:29:40\\), "
      "https://media.un.org/en/asset/k1o/) Tj ET\n"
      "BT /F1 10 Tf 76 88 Td (k1obxycc3u) Tj ET\n";
  auto doc = ReadPdf("hand.pdf", HandPdf(content));
  ASSERT_OK(doc);
  EXPECT_NE(doc->text.find("The Council met on 8 March 2021.[^1]"),
            std::string::npos)
      << doc->text;
  const auto cits = ExtractCitations(*doc);
  ASSERT_EQ(cits.size(), 1u) << doc->text;
  EXPECT_EQ(cits[0].footnote, 1);
  EXPECT_EQ(cits[0].url_written,
            "https://media.un.org/en/asset/k1o/k1obxycc3u");
  EXPECT_EQ(cits[0].start_ms, 5'380'000);
  EXPECT_EQ(cits[0].origin, "page 1, line 2");
}

TEST(PdfReader, EncryptedPdfIsAnError) {
  auto doc = ReadPdf("locked.pdf", EncryptedPdf());
  ASSERT_FALSE(doc.ok());
  EXPECT_EQ(doc.status().code(), Status::Code::kInvalidArgument);
  EXPECT_NE(doc.status().message().find(
                "locked.pdf: encrypted PDF that needs a password"),
            std::string::npos)
      << doc.status().message();
}

TEST(PdfReader, MalformedPdfIsAnError) {
  auto doc = ReadPdf("broken.pdf", "%PDF-1.7\nthis is not a PDF body\n");
  ASSERT_FALSE(doc.ok());
  EXPECT_NE(doc.status().message().find("broken.pdf: not a readable PDF"),
            std::string::npos)
      << doc.status().message();
  const std::string good = MakeReport(false);
  auto cut = ReadPdf("cut.pdf", good.substr(0, 200));
  ASSERT_FALSE(cut.ok());
  EXPECT_NE(cut.status().message().find("not a readable PDF"),
            std::string::npos);
}

// `timecite check --jobs` reads PDFs on several threads at once (poppler-cpp
// and poppler-glib, one document per thread): the citations are those of a
// serial read, file for file (under ASan in CI, races would show as errors).
TEST(PdfReader, ReadOnSeveralThreadsAsOnOne) {
  const auto dir = std::filesystem::temp_directory_path() /
                   ("timecite-pdf-jobs-" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  const std::string annotated = MakeReport(true), plain = MakeReport(false);
  std::vector<std::string> paths;
  for (int i = 0; i < 8; ++i) {
    const auto path = dir / ("r" + std::to_string(i) + ".pdf");
    std::ofstream(path, std::ios::binary) << (i % 2 ? plain : annotated);
    paths.push_back(path.string());
  }
  const auto serial = LoadAndExtract(paths, 1, false);
  const auto parallel = LoadAndExtract(paths, 4, false);
  std::filesystem::remove_all(dir);
  ASSERT_EQ(parallel.size(), paths.size());
  for (std::size_t i = 0; i < paths.size(); ++i) {
    ASSERT_TRUE(parallel[i].status.ok()) << parallel[i].status.message();
    ASSERT_EQ(parallel[i].citations.size(), 3u);
    ASSERT_EQ(serial[i].citations.size(), 3u);
    for (std::size_t k = 0; k < 3; ++k) {
      EXPECT_EQ(parallel[i].citations[k].url_written,
                serial[i].citations[k].url_written);
      EXPECT_EQ(parallel[i].citations[k].origin,
                serial[i].citations[k].origin);
      EXPECT_EQ(parallel[i].citations[k].url_alternative,
                serial[i].citations[k].url_alternative);
    }
    EXPECT_EQ(parallel[i].citations[2].url_written,
              i % 2 ? "https://front.un-arm.org/wp-content/uploads/2021/03/"
                      "OEWGreport.pdf"
                    : "https://front.un-arm.org/wp-content/uploads/2021/03/"
                      "OEWG-report.pdf");
  }
}

}  // namespace
}  // namespace timecite::linker
