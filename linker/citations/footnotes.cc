#include "linker/citations/footnotes.h"

#include <algorithm>
#include <cstdint>
#include <optional>
#include <string_view>

#include "common/byte_scan.h"
#include "common/utf8.h"

namespace timecite::linker {
namespace {

struct Marker {
  int number = 0;
  std::size_t length = 0;  // bytes of the marker (and the space after it)
};

std::size_t SkipSpaces(std::string_view s, std::size_t i) {
  while (i < s.size() && (s[i] == ' ' || s[i] == '\t')) ++i;
  return i;
}

// At most nine digits in a footnote number, written or superscript (an int
// holds them; reports with more than 9,999 footnotes exist).
constexpr std::size_t kMaxMarkerDigits = 9;

// Reads ASCII digits at s[i..], at most kMaxMarkerDigits; returns the count
// of digits read.
std::size_t ReadNumber(std::string_view s, std::size_t i, int* value) {
  std::size_t n = 0;
  int v = 0;
  while (i + n < s.size() && s[i + n] >= '0' && s[i + n] <= '9' &&
         n < kMaxMarkerDigits) {
    v = v * 10 + (s[i + n] - '0');
    ++n;
  }
  *value = v;
  return n;
}

// The superscript digit whose UTF-8 bytes start s[j] (its value, and its
// length in `*n`), or -1: "¹²³" are C2 B9, C2 B2, C2 B3; "⁰" and "⁴".."⁹"
// are E2 81 B0 and E2 81 B4..B9. Read from the bytes: this runs at every
// C2 and E2 byte of the text.
int SuperscriptDigitAt(std::string_view s, std::size_t j, std::size_t* n) {
  const auto b = [&](std::size_t k) {
    return static_cast<unsigned char>(s[j + k]);
  };
  if (j + 1 < s.size() && b(0) == 0xC2) {
    *n = 2;
    if (b(1) == 0xB9) return 1;
    if (b(1) == 0xB2) return 2;
    if (b(1) == 0xB3) return 3;
    return -1;
  }
  if (j + 2 < s.size() && b(0) == 0xE2 && b(1) == 0x81 &&
      (b(2) == 0xB0 || (b(2) >= 0xB4 && b(2) <= 0xB9))) {
    *n = 3;
    return b(2) - 0xB0;
  }
  return -1;
}

std::optional<Marker> SuperscriptAt(std::string_view s, std::size_t i) {
  int value = 0;
  std::size_t digits = 0, j = i, n = 0;
  for (int d; digits < kMaxMarkerDigits && (d = SuperscriptDigitAt(s, j, &n)) >= 0; j += n) {
    value = value * 10 + d;
    ++digits;
  }
  if (j == i || value == 0) return std::nullopt;
  return Marker{value, j - i};
}

bool IsNotesHeading(std::string_view line) {
  // Trimmed in place: this runs on every line, and a heading is short.
  while (!line.empty() && (line.back() == ':' || line.back() == ' '))
    line.remove_suffix(1);
  while (!line.empty() && (line.front() == '#' || line.front() == ' '))
    line.remove_prefix(1);
  constexpr std::size_t kLongest = 20;  // "примечания"
  if (line.empty() || line.size() > kLongest) return false;
  // Lower case in every script the headings are written in ("Примечания":
  // a byte-wise tolower left the Cyrillic capital as it was).
  std::string h;
  for (std::size_t k = 0; k < line.size();) {
    char32_t cp = 0;
    const std::size_t n = utf8::Decode(line, k, &cp);
    if (n == 0) return false;
    utf8::Append(utf8::FoldForSearch(cp), &h);
    k += n;
  }
  static constexpr std::string_view kHeadings[] = {
      "notes",  "footnotes", "endnotes", "references", "注释",
      "脚注",   "尾注",      "注",       "notas",      "примечания",
      "сноски", "ملاحظات",   "الحواشي"};
  return std::find(std::begin(kHeadings), std::end(kHeadings), h) !=
         std::end(kHeadings);
}

// A footnote definition at the start of `line`.
std::optional<Marker> DefinitionMarker(std::string_view line,
                                       bool numbered_allowed,
                                       int expected_next) {
  const std::size_t i = SkipSpaces(line, 0);
  if (auto m = SuperscriptAt(line, i)) {
    m->length = SkipSpaces(line, i + m->length);
    return m;
  }
  int value = 0;
  if (line.substr(i).starts_with("[^")) {
    const std::size_t n = ReadNumber(line, i + 2, &value);
    if (n > 0 && line.substr(i + 2 + n).starts_with("]:")) {
      return Marker{value, SkipSpaces(line, i + 2 + n + 2)};
    }
    return std::nullopt;
  }
  if (line.substr(i).starts_with("[")) {
    const std::size_t n = ReadNumber(line, i + 1, &value);
    if (n > 0 && line.substr(i + 1 + n).starts_with("]") &&
        i + 2 + n < line.size()) {
      return Marker{value, SkipSpaces(line, i + 2 + n)};
    }
    return std::nullopt;
  }
  const std::size_t n = ReadNumber(line, i, &value);
  if (n > 0 && i + n + 1 < line.size() &&
      (line[i + n] == '.' || line[i + n] == ')') && line[i + n + 1] == ' ' &&
      (numbered_allowed || value == expected_next) && value > 0) {
    return Marker{value, SkipSpaces(line, i + n + 1)};
  }
  return std::nullopt;
}

// "http://" or "https://" in any letter case, without copying the line (this
// runs on every line of every document).
bool HasUrl(std::string_view line) {
  auto is = [](char c, char lower) {
    return c == lower || c == lower - ('a' - 'A');
  };
  for (std::size_t i = line.find("://"); i != std::string_view::npos;
       i = line.find("://", i + 1)) {
    if (i < 4) continue;
    const bool s = i >= 5 && is(line[i - 1], 's');
    const std::size_t start = i - (s ? 5 : 4);
    if (is(line[start], 'h') && is(line[start + 1], 't') &&
        is(line[start + 2], 't') && is(line[start + 3], 'p')) {
      return true;
    }
  }
  return false;
}

// The first i' >= i where line[i'] is '[', 0xC2 or 0xE2 (the bytes a
// reference can start with), or line.size(): this runs over every byte of
// body text.
std::size_t NextReferenceByte(std::string_view line, std::size_t i) {
  return bytes::FindFirstOf<'[', 0xC2, 0xE2>(line, i);
}

// Inline footnote references in body text: superscripts not at the line's
// start,
// "[^N]" and "[N]" not at the start. Returns (number, byte offset) pairs.
std::vector<std::pair<int, std::size_t>> InlineReferences(
    std::string_view line) {
  std::vector<std::pair<int, std::size_t>> refs;
  const std::size_t first = SkipSpaces(line, 0);
  // A reference starts with '[' or a superscript digit (lead byte 0xC2 for
  // "¹²³", 0xE2 for the others); other bytes, continuation bytes included,
  // are stepped over one at a time.
  std::size_t i = first + 1;
  while (i < line.size()) {
    i = NextReferenceByte(line, i);
    if (i >= line.size()) break;
    const auto c = static_cast<unsigned char>(line[i]);
    if (c == 0xC2 || c == 0xE2) {
      if (auto m = SuperscriptAt(line, i)) {
        refs.emplace_back(m->number, i);
        i += m->length;
        continue;
      }
    } else if (c == '[') {
      const std::size_t start =
          line.substr(i).starts_with("[^") ? i + 2 : i + 1;
      int value = 0;
      const std::size_t n = ReadNumber(line, start, &value);
      if (n > 0 && start + n < line.size() && line[start + n] == ']' &&
          value > 0) {
        refs.emplace_back(value, i);
        i = start + n + 1;
        continue;
      }
    }
    ++i;
  }
  return refs;
}

// The sentence that ends at `end` in `line`: back to the previous sentence end.
// Length of the footnote references glued at `pos` ("[^12]", "[3]", "¹²"),
// 0 when none.
std::size_t GluedReferences(std::string_view line, std::size_t pos) {
  std::size_t j = pos;
  while (j < line.size()) {
    if (line[j] == '[') {
      std::size_t k = j + 1;
      if (k < line.size() && line[k] == '^') ++k;
      const std::size_t digits = k;
      while (k < line.size() && line[k] >= '0' && line[k] <= '9') ++k;
      if (k == digits || k >= line.size() || line[k] != ']') break;
      j = k + 1;
      continue;
    }
    bool superscript = false;
    for (std::string_view sup :
         {"¹", "²", "³", "⁰", "⁴", "⁵", "⁶", "⁷", "⁸", "⁹"}) {
      if (line.substr(j).starts_with(sup)) {
        j += sup.size();
        superscript = true;
        break;
      }
    }
    if (!superscript) break;
  }
  return j - pos;
}

std::string SentenceBefore(std::string_view line, std::size_t end) {
  // The start after the last sentence end before `end`, read backwards
  // (linear in the sentence, not in the line times its references).
  const auto start_after_stop = [&](std::size_t i) -> std::size_t {
    // "...then.[^1] Next sentence": a stop, references, then a space.
    if ((line[i] == '.' || line[i] == '!' || line[i] == '?') && i + 1 < end) {
      const std::size_t refs = GluedReferences(line, i + 1);
      if (refs > 0 && i + 1 + refs < end &&
          (line[i + 1 + refs] == ' ' || line[i + 1 + refs] == '\n')) {
        return i + 2 + refs;
      }
    }
    for (std::string_view stop :
         {"。", "！", "？", ". ", "! ", "? ", ".\n", "!\n", "?\n", "\n\n"}) {
      if (line.substr(i).starts_with(stop) && i + stop.size() < end) {
        return i + stop.size();
      }
    }
    return 0;
  };
  // Only these bytes can start a stop: ". ! ? \n" and the lead bytes of
  // "。" (E3) and "！？" (EF); the others are stepped over sixteen at a time.
  std::size_t begin = 0;
  for (std::size_t i = end; begin == 0;) {
    i = bytes::FindLastOf<'.', '!', '?', '\n', 0xE3, 0xEF>(line, i);
    if (i == std::string_view::npos) break;
    begin = start_after_stop(i);
  }
  // Earlier references glued inside the sentence are kept; they do no harm.
  return std::string(line.substr(begin, end - begin));
}

}  // namespace

SplitResult SplitFootnotes(const Document& doc) {
  SplitResult result;
  Block* current = nullptr;  // the open block
  bool blank_before = true;
  bool notes_section = false;
  int last_footnote = 0;

  auto open = [&](int number, int line) -> Block* {
    result.blocks.push_back(Block{number, line, {}});
    return &result.blocks.back();
  };

  for (std::size_t n = 1; n <= doc.line_count(); ++n) {
    const std::string_view line = doc.Line(n);
    const std::size_t line_begin = doc.line_starts[n - 1];
    if (line.find_first_not_of(" \t") == std::string_view::npos) {
      blank_before = true;
      if (current && current->footnote == 0)
        current = nullptr;  // paragraph ends
      continue;
    }
    if (IsNotesHeading(line)) {
      notes_section = true;
      current = nullptr;
      blank_before = false;
      continue;
    }
    const bool in_footnotes = current && current->footnote > 0;
    if (auto m = DefinitionMarker(line, notes_section,
                                  in_footnotes ? last_footnote + 1 : -1)) {
      current = open(m->number, static_cast<int>(n));
      current->spans.push_back(
          {line_begin + m->length, line_begin + line.size()});
      last_footnote = m->number;
      blank_before = false;
      continue;
    }
    const auto refs = InlineReferences(line);
    const bool continues =
        in_footnotes && refs.empty() && (HasUrl(line) || !blank_before);
    if (!continues && (current == nullptr || current->footnote != 0)) {
      current = open(0, static_cast<int>(n));
    }
    current->spans.push_back({line_begin, line_begin + line.size()});
    if (current->footnote == 0) {
      // The sentence may begin on an earlier line of the paragraph (wrapped
      // Markdown): read back through the block, at most kMaxSentenceBytes.
      constexpr std::size_t kMaxSentenceBytes = 4096;
      const std::size_t block_begin = current->spans.front().begin;
      for (const auto& [number, offset] : refs) {
        // The first reference to a footnote gives its citing sentence.
        if (result.citing_sentences.contains(number)) continue;
        const std::size_t end = line_begin + offset;
        std::size_t from =
            end > kMaxSentenceBytes ? end - kMaxSentenceBytes : 0;
        from = std::max(from, block_begin);
        while (from < end &&
               (static_cast<unsigned char>(doc.text[from]) & 0xC0) == 0x80)
          ++from;
        std::string sentence = SentenceBefore(
            std::string_view(doc.text).substr(from, end - from), end - from);
        // Line breaks become spaces (memchr finds them: most sentences
        // have none).
        for (std::size_t k = sentence.find('\n'); k != std::string::npos;
             k = sentence.find('\n', k + 1))
          sentence[k] = ' ';
        for (std::size_t k = sentence.find('\r'); k != std::string::npos;
             k = sentence.find('\r', k + 1))
          sentence[k] = ' ';
        result.citing_sentences.emplace(number, std::move(sentence));
      }
    }
    blank_before = false;
  }
  return result;
}

std::size_t BlockText::ToDocument(std::size_t offset) const {
  auto it = std::upper_bound(
      origins.begin(), origins.end(), offset,
      [](std::size_t off, const auto& o) { return off < o.first; });
  --it;
  return it->second + (offset - it->first);
}

BlockText JoinBlock(const Document& doc, const Block& block) {
  BlockText out;
  for (const TextSpan& span : block.spans) {
    if (!out.text.empty()) out.text.push_back('\n');
    out.origins.emplace_back(out.text.size(), span.begin);
    out.text.append(doc.text, span.begin, span.end - span.begin);
  }
  if (out.origins.empty()) out.origins.emplace_back(0, 0);
  return out;
}

}  // namespace timecite::linker
