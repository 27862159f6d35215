#include "linker/document/document.h"

#include <filesystem>
#include <fstream>

#include "test_util.h"

namespace timecite::linker {
namespace {

TEST(Document, NormalisesLineEndingsAndBom) {
  auto doc = DocumentFromBytes("a.txt", "\xEF\xBB\xBFone\r\ntwo\rthree\n");
  ASSERT_OK(doc);
  EXPECT_EQ(doc->text, "one\ntwo\nthree\n");
  ASSERT_EQ(doc->line_count(), 3u);
  EXPECT_EQ(doc->Line(2), "two");
  EXPECT_EQ(doc->Line(3), "three");
}

TEST(Document, LocatesInCodePoints) {
  auto doc = DocumentFromBytes("a.txt", "x\n开始 https://a.org\n");
  ASSERT_OK(doc);
  int line = 0, column = 0;
  doc->Locate(doc->text.find("https"), &line, &column);
  EXPECT_EQ(line, 2);
  EXPECT_EQ(column, 4);  // 开, 始, space, then 'h'
}

TEST(Document, InvalidUtf8NamesLineAndColumn) {
  auto doc = DocumentFromBytes("bad.txt", std::string("ok\nab\xC3(", 6));
  ASSERT_FALSE(doc.ok());
  EXPECT_EQ(doc.status().code(), Status::Code::kInvalidArgument);
  EXPECT_NE(doc.status().message().find("bad.txt:2:3: invalid UTF-8"), std::string::npos)
      << doc.status().message();
}

TEST(Document, NulByteIsBinary) {
  auto doc = DocumentFromBytes("x.bin", std::string("abc\0def", 7));
  ASSERT_FALSE(doc.ok());
  EXPECT_NE(doc.status().message().find("NUL"), std::string::npos);
}

TEST(Document, MissingFileAndDirectoryAreIoErrors) {
  auto missing = LoadDocument("/nonexistent/timecite/report.txt");
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.status().code(), Status::Code::kIoError);
  auto dir = LoadDocument(std::filesystem::temp_directory_path().string());
  ASSERT_FALSE(dir.ok());
  EXPECT_NE(dir.status().message().find("is a directory"), std::string::npos);
}

TEST(Document, Utf16WithBomIsReadAsUtf8) {
  // "é😀\n" in UTF-16LE with its BOM: U+00E9, then U+1F600 as a surrogate pair.
  auto le = ReadDocument(
      "a.txt", std::string("\xFF\xFE\xE9\x00\x3D\xD8\x00\xDE\x0A\x00", 10));
  ASSERT_OK(le);
  EXPECT_EQ(le->text, "\xC3\xA9\xF0\x9F\x98\x80\n");
  auto be = ReadDocument("a.md", std::string("\xFE\xFF\x00\xE9\x00\x0A", 6));
  ASSERT_OK(be);
  EXPECT_EQ(be->text, "\xC3\xA9\n");
  EXPECT_EQ(be->format, DocumentFormat::kMarkdown);

  auto unpaired =
      ReadDocument("u.txt", std::string("\xFF\xFE\x3D\xD8\x41\x00", 6));
  ASSERT_FALSE(unpaired.ok());
  EXPECT_EQ(unpaired.status().message(),
            "u.txt: invalid UTF-16 (an unpaired surrogate at byte 2)");
  auto odd = ReadDocument("o.txt", std::string("\xFF\xFE\x41", 3));
  ASSERT_FALSE(odd.ok());
  EXPECT_EQ(odd.status().message(),
            "o.txt: UTF-16 text with an odd number of bytes (truncated?)");
  auto utf32 =
      ReadDocument("w.txt", std::string("\xFF\xFE\x00\x00\x41\x00\x00\x00", 8));
  ASSERT_FALSE(utf32.ok());
  EXPECT_NE(utf32.status().message().find("UTF-32"), std::string::npos);
}

TEST(Document, EmptyDocxOrPdfIsAnErrorEmptyTextIsNot) {
  auto docx = ReadDocument("r.DOCX", "");
  ASSERT_FALSE(docx.ok());
  EXPECT_EQ(docx.status().message(), "r.DOCX: empty file, not a DOCX document");
  auto pdf = ReadDocument("r.pdf", "");
  ASSERT_FALSE(pdf.ok());
  EXPECT_EQ(pdf.status().message(), "r.pdf: empty file, not a PDF document");
  auto text = ReadDocument("r.txt", "");
  ASSERT_OK(text);
  EXPECT_EQ(text->line_count(), 1u);
}

TEST(Document, DeviceIsReadUpToTheCap) {
  auto zero = LoadDocument("/dev/zero");
  ASSERT_FALSE(zero.ok());
  EXPECT_EQ(zero.status().code(), Status::Code::kInvalidArgument);
  EXPECT_EQ(
      zero.status().message(),
      "/dev/zero: larger than 256 MiB (a pipe or device is read up to that)");
  auto null = LoadDocument("/dev/null");  // an empty text
  ASSERT_OK(null);
  EXPECT_EQ(null->text, "");
}

TEST(Document, MarkdownByExtension) {
  const auto path = std::filesystem::temp_directory_path() / "timecite_doc_test.md";
  { std::ofstream(path) << "# Title\n"; }
  auto doc = LoadDocument(path.string());
  ASSERT_OK(doc);
  EXPECT_EQ(doc->format, DocumentFormat::kMarkdown);
  std::filesystem::remove(path);
}

TEST(Document, HugeLineIsRead) {
  std::string line(5u << 20, 'a');
  line += " https://undocs.org/A/69/723\n";
  auto doc = DocumentFromBytes("big.txt", line);
  ASSERT_OK(doc);
  EXPECT_EQ(doc->line_count(), 1u);
}

}  // namespace
}  // namespace timecite::linker

namespace timecite::linker {
namespace {

TEST(Document, MarkdownCommentsAndFencedCodeAreBlanked) {
  auto doc = DocumentFromBytes("r.md",
                               "a <!-- https://x.org/c\n1:75:00 --> b\n```\nhttps://x.org/code\n```\n"
                               "https://x.org/kept\n");
  ASSERT_OK(doc);
  EXPECT_EQ(doc->text.find("x.org/c"), std::string::npos);
  EXPECT_EQ(doc->text.find("x.org/code"), std::string::npos);
  EXPECT_NE(doc->text.find("https://x.org/kept"), std::string::npos);
  EXPECT_EQ(doc->line_count(), 6u);
  EXPECT_EQ(doc->Line(2).substr(doc->Line(2).size() - 2), " b");
  auto text = DocumentFromBytes("r.txt", "<!-- https://x.org/c -->\n");
  ASSERT_OK(text);
  EXPECT_NE(text->text.find("x.org/c"), std::string::npos);
}

}  // namespace
}  // namespace timecite::linker
