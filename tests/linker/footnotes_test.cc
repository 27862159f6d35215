#include "linker/citations/footnotes.h"

#include "test_util.h"

namespace timecite::linker {
namespace {

std::vector<std::pair<int, std::string>> Blocks(const std::string& text) {
  auto doc = DocumentFromBytes("t.txt", text);
  EXPECT_TRUE(doc.ok());
  std::vector<std::pair<int, std::string>> out;
  for (const Block& b : SplitFootnotes(*doc).blocks) {
    out.emplace_back(b.footnote, JoinBlock(*doc, b).text);
  }
  return out;
}

using Pairs = std::vector<std::pair<int, std::string>>;

TEST(Footnotes, SuperscriptMarkersGluedOrSpaced) {
  EXPECT_EQ(Blocks("Body text.¹\n\n¹在此可查看\n\n¹³ 第1次会议\n"),
            (Pairs{{0, "Body text.¹"}, {1, "在此可查看"}, {13, "第1次会议"}}));
}

// Every superscript digit, read from its bytes (C2 B9/B2/B3 and E2 81 B0,
// B4..B9); a look-alike (U+2075 is "⁵", U+207A "⁺" is not a digit) ends the
// number; a run of more than nine digits is cut at nine, not overflowed.
TEST(Footnotes, EverySuperscriptDigit) {
  EXPECT_EQ(Blocks("¹⁰ a\n²⁵ b\n³⁴⁶⁷⁸⁹ c\n"),
            (Pairs{{10, "a"}, {25, "b"}, {346789, "c"}}));
  EXPECT_EQ(Blocks("Body.⁵⁺ more\n"), (Pairs{{0, "Body.⁵⁺ more"}}));
  EXPECT_EQ(Blocks("¹²³⁴⁵⁶⁷⁸⁹¹²³ long\n"),
            (Pairs{{123456789, "¹²³ long"}}));
}

// Reports with more than 9,999 footnotes: every marker style reads the whole
// number (up to nine digits), and a longer run of digits is no marker.
TEST(Footnotes, MarkersAbove9999AreRead) {
  EXPECT_EQ(Blocks("[10000] a\n[^12345]: b\n¹²³⁴⁵ c\n"),
            (Pairs{{10000, "a"}, {12345, "b"}, {12345, "c"}}));
  EXPECT_EQ(Blocks("Notes\n20001. first\n20002) second\n"),
            (Pairs{{20001, "first"}, {20002, "second"}}));
  EXPECT_EQ(Blocks("[123456789] nine digits\n"),
            (Pairs{{123456789, "nine digits"}}));
  EXPECT_EQ(Blocks("[1234567890] ten digits\n"),
            (Pairs{{0, "[1234567890] ten digits"}}));
  // References in body text too: the citing sentence is footnote 10000's.
  auto doc = DocumentFromBytes(
      "t.txt", "The Council met.[10000] Later, it voted.[^10001]\n\n");
  ASSERT_TRUE(doc.ok());
  const SplitResult split = SplitFootnotes(*doc);
  ASSERT_EQ(split.citing_sentences.size(), 2u);
  EXPECT_EQ(split.citing_sentences.at(10000), "The Council met.");
  EXPECT_EQ(split.citing_sentences.at(10001), "Later, it voted.");
}

TEST(Footnotes, BracketAndMarkdownMarkers) {
  EXPECT_EQ(Blocks("[13] UN Web TV\n[^14]: Other note\n"),
            (Pairs{{13, "UN Web TV"}, {14, "Other note"}}));
}

TEST(Footnotes, UrlOnTheNextLineAfterABlankBelongsToTheFootnote) {
  EXPECT_EQ(Blocks("¹³ "
                   "联合国网络电视（1:29:40开始）\n\n<https://media.un.org/en/"
                   "asset/k1o/k1obxycc3u>\n"),
            (Pairs{{13,
                    "联合国网络电视（1:29:40开始）\n<https://media.un.org/en/"
                    "asset/k1o/k1obxycc3u>"}}));
}

TEST(Footnotes, ProseAfterABlankLineIsBodyAgain) {
  EXPECT_EQ(Blocks("² A note.\n\nThe body goes on.³\n"),
            (Pairs{{2, "A note."}, {0, "The body goes on.³"}}));
}

TEST(Footnotes, LineWithAReferenceIsBody) {
  EXPECT_EQ(Blocks("² A note\nmore body text.³\n"),
            (Pairs{{2, "A note"}, {0, "more body text.³"}}));
}

TEST(Footnotes, WrappedFootnoteTextContinues) {
  EXPECT_EQ(
      Blocks("⁴ Statement by Finland,\nvirtual meeting, 2 July 2020\n"),
      (Pairs{{4, "Statement by Finland,\nvirtual meeting, 2 July 2020"}}));
}

TEST(Footnotes, NumberedLinesInANotesSection) {
  EXPECT_EQ(Blocks("1. A list item in the body\n\nNotes\n1. First note\n2. "
                   "Second note\n"),
            (Pairs{{0, "1. A list item in the body"},
                   {1, "First note"},
                   {2, "Second note"}}));
}

// The eval set's ru.txt: its notes heading is capitalised, in Cyrillic.
TEST(Footnotes, NotesHeadingsInAnyCaseAndScript) {
  const Pairs want{{0, "1. Пункт"}, {1, "Первое"}, {2, "Второе"}};
  EXPECT_EQ(Blocks("1. Пункт\n\nПримечания\n\n1. Первое\n2. Второе\n"), want);
  EXPECT_EQ(Blocks("1. Пункт\n\nПРИМЕЧАНИЯ\n\n1. Первое\n2. Второе\n"), want);
  EXPECT_EQ(Blocks("1. Пункт\n\nСноски:\n1. Первое\n2. Второе\n"), want);
  EXPECT_EQ(Blocks("1. A\n\nNOTES\n1. B\n"), (Pairs{{0, "1. A"}, {1, "B"}}));
  // Not a heading: the numbered lines stay body text.
  EXPECT_EQ(Blocks("Примечание к тексту\n1. Первое\n"),
            (Pairs{{0, "Примечание к тексту\n1. Первое"}}));
}

TEST(Footnotes, NumberedLineContinuingARun) {
  EXPECT_EQ(Blocks("[1] First\n2. Second\n"),
            (Pairs{{1, "First"}, {2, "Second"}}));
}

TEST(Footnotes, CitingSentenceIsRecorded) {
  auto doc = DocumentFromBytes(
      "t.txt", "First sentence. Iran said this.⁵ Then more.\n\n⁵ Note.\n");
  ASSERT_OK(doc);
  const SplitResult split = SplitFootnotes(*doc);
  ASSERT_EQ(split.citing_sentences.count(5), 1u);
  EXPECT_EQ(split.citing_sentences.at(5), "Iran said this.");
}

TEST(Footnotes, CitingSentenceStartsAfterAnEarlierReference) {
  auto doc = DocumentFromBytes(
      "t.md",
      "France spoke.[^1] Iran said “no”.[^2] China agreed.¹² Brazil too.[3]\n");
  ASSERT_OK(doc);
  const SplitResult split = SplitFootnotes(*doc);
  EXPECT_EQ(split.citing_sentences.at(1), "France spoke.");
  EXPECT_EQ(split.citing_sentences.at(2), "Iran said “no”.");
  EXPECT_EQ(split.citing_sentences.at(3), "Brazil too.");
}

TEST(Footnotes, CitingSentenceWrappedOverLines) {
  auto doc = DocumentFromBytes(
      "t.md",
      "Intro line.\nAt the 2nd meeting, France said that\n"
      "“a convention must protect rights” before the vote.[^1] Next.[^2]\n"
      "\nNew paragraph starts here[^3]\n");
  ASSERT_OK(doc);
  const SplitResult split = SplitFootnotes(*doc);
  EXPECT_EQ(split.citing_sentences.at(1),
            "At the 2nd meeting, France said that “a convention must protect "
            "rights” before "
            "the vote.");
  EXPECT_EQ(split.citing_sentences.at(2), "Next.");
  EXPECT_EQ(split.citing_sentences.at(3), "New paragraph starts here");
}

TEST(Footnotes, BracketWordsAreNotMarkers) {
  EXPECT_EQ(Blocks("[单方面的] text [应] more\n"),
            (Pairs{{0, "[单方面的] text [应] more"}}));
}

}  // namespace
}  // namespace timecite::linker

namespace timecite::linker {
namespace {

TEST(Footnotes, UrlLineInAnyCaseContinuesAFootnote) {
  EXPECT_EQ(
      Blocks("¹ A note.\n\nHTTPS://A.ORG/X\n\nHttp://b.org\n\nhttps:/no\n"),
      (Pairs{{1, "A note.\nHTTPS://A.ORG/X\nHttp://b.org"}, {0, "https:/no"}}));
}

}  // namespace
}  // namespace timecite::linker
