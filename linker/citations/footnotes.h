// Splits a document into footnotes and body text.
//
// Footnote definitions are recognised by a marker at the start of a line:
// superscript digits ("¹³", also glued to the text that follows), "[13]",
// Markdown "[^13]:", and numbered lines ("13. ", "13) ") inside a notes
// section (after a "Notes"/"Footnotes"/"注释" heading) or continuing a run of
// footnotes. A footnote number has one to nine digits in every style (a
// longer run of digits is no marker). A footnote goes on over the lines that follow it: a line with no
// blank line before it, or a line holding a URL (a footnote's URL is often on
// the next line, after a blank one), unless that line carries a footnote
// reference of its own (then it is body text again).
//
// References in body text (superscripts glued to a word, "[13]", "[^13]")
// are recorded with the sentence that carries them.
#pragma once

#include <cstddef>
#include <string>
#include <unordered_map>
#include <vector>

#include "linker/document/document.h"

namespace timecite::linker {

// A run of bytes of Document::text: [begin, end).
struct TextSpan {
  std::size_t begin = 0;
  std::size_t end = 0;
};

struct Block {
  int footnote = 0;  // footnote number; 0 for body text
  int line = 0;      // 1-based line of the marker or of the block's first line
  std::vector<TextSpan> spans;  // one per line, marker excluded, in order
};

struct SplitResult {
  // Footnotes and body paragraphs, in document order. A body paragraph is a
  // run of non-blank lines outside any footnote.
  std::vector<Block> blocks;
  // For each footnote number referenced in body text: the citing sentence
  // (the text before the reference, back to the previous sentence end).
  // (A hash map: it is looked up once per footnote citation, and a tree's
  // nodes scattered over the heap cost a cache miss per level.)
  std::unordered_map<int, std::string> citing_sentences;
};

SplitResult SplitFootnotes(const Document& doc);

// Joins a block's spans with '\n' and remembers where each byte came from.
struct BlockText {
  std::string text;
  // (offset in text, offset in Document::text) at the start of each span.
  std::vector<std::pair<std::size_t, std::size_t>> origins;
  // Maps an offset in `text` to the byte offset in Document::text.
  std::size_t ToDocument(std::size_t offset) const;
};
BlockText JoinBlock(const Document& doc, const Block& block);

}  // namespace timecite::linker
