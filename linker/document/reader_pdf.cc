#include "linker/document/reader_pdf.h"

#include <poppler-document.h>
#include <poppler-global.h>
#include <poppler-page.h>

#include <algorithm>
#include <cctype>
#include <climits>
#include <cmath>
#include <map>
#include <memory>
#include <mutex>
#include <set>

#include "linker/document/pdf_links.h"
#include "linker/document/reader_common.h"
#include "linker/document/urls.h"

namespace timecite::linker {
namespace {

struct Word {
  std::string text;
  double left = 0, top = 0, right = 0, bottom = 0;
  double size = 0;  // font size (points)
  bool space_after = false;
  bool small = false;  // set smaller than the body text
};

struct Line {
  std::vector<Word> words;
  double top = 0, bottom = 0, left = 0, right = 0;
  int number = 0;  // 1-based on its page
  enum class Kind { kBody, kNoteStart, kNoteMore } kind = Kind::kBody;
  int note = 0;  // footnote number (kNoteStart)
  bool break_before = false;
};

struct Page {
  std::vector<Line> lines;
  double text_right = 0;  // right edge of the widest line
};

void IgnorePopplerMessage(const std::string&, void*) {}

void SilencePoppler() {
  static std::once_flag once;
  std::call_once(once, [] {
    poppler::set_debug_error_function(IgnorePopplerMessage, nullptr);
  });
}

std::string Utf8(const poppler::ustring& s) {
  const poppler::byte_array bytes = s.to_utf8();
  std::string out(bytes.begin(), bytes.end());
  while (!out.empty() && out.back() == '\0') out.pop_back();
  return out;
}

bool AllDigits(std::string_view s) {
  return !s.empty() && s.size() <= 4 &&
         std::all_of(s.begin(), s.end(),
                     [](char c) { return c >= '0' && c <= '9'; });
}

bool IsUrlChar(char c) {
  const auto u = static_cast<unsigned char>(c);
  if (u <= 0x20 || u >= 0x7F) return false;
  return std::string_view("<>\"{}|\\^`").find(c) == std::string_view::npos;
}

std::size_t FindUrlStart(std::string_view word) {
  std::string lower(word);
  for (char& c : lower)
    c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  const std::size_t a = lower.rfind("https://");
  const std::size_t b = lower.rfind("http://");
  if (a == std::string::npos) return b;
  if (b == std::string::npos) return a;
  return std::max(a, b);
}

std::vector<Line> GroupInOrder(std::vector<Word> words);

double SharedHeight(const Word& w, const Line& l) {
  return std::min(w.bottom, l.bottom) - std::max(w.top, l.top);
}

// Places a small number (a footnote mark) that poppler gave out of reading
// order: on the line it overlaps, next to the word it touches. Returns false
// when no line takes it.
bool PlaceMark(Word& mark, std::vector<Line>& lines) {
  const double reach = 2 * std::max(mark.size, 1.0);
  for (Line& l : lines) {
    if (SharedHeight(mark, l) <=
        0.3 * std::min(mark.bottom - mark.top, l.bottom - l.top))
      continue;
    for (std::size_t k = 0; k < l.words.size(); ++k) {
      const Word& w = l.words[k];
      const bool after =
          mark.left - w.right >= -1 && mark.left - w.right <= reach &&
          (k + 1 == l.words.size() || l.words[k + 1].left >= mark.left);
      const bool before =
          k == 0 && w.left - mark.right >= -1 && w.left - mark.right <= reach;
      if (!after && !before) continue;
      const std::size_t at = before ? 0 : k + 1;
      l.left = std::min(l.left, mark.left);
      l.right = std::max(l.right, mark.right);
      l.words.insert(l.words.begin() + static_cast<std::ptrdiff_t>(at),
                     std::move(mark));
      return true;
    }
  }
  return false;
}

// Characters per font size, the size in half points (lround(size * 2)).
using SizeWeights = std::map<long, std::size_t>;

void AddWords(const std::vector<Word>& words, SizeWeights& weight) {
  for (const Word& w : words) weight[std::lround(w.size * 2)] += w.text.size();
}

// The size in points with the most characters (the smaller one on a tie);
// 0 when there are none.
double HeaviestSize(const SizeWeights& weight) {
  long best = 0;
  std::size_t most = 0;
  for (const auto& [size, n] : weight) {
    if (n > most) {
      most = n;
      best = size;
    }
  }
  return static_cast<double>(best) / 2;
}

// The most common font size of `words`, weighted by characters.
double ModeSize(const std::vector<Word>& words) {
  SizeWeights weight;
  AddWords(words, weight);
  return HeaviestSize(weight);
}

std::vector<Line> GroupLines(std::vector<Word> all) {
  // Small numbers are set aside and placed once the lines exist: poppler
  // may give a superscript after words of other lines.
  const double page_size = ModeSize(all);
  std::vector<Word> words, marks;
  for (Word& w : all) {
    (AllDigits(w.text) && w.size < 0.85 * page_size ? marks : words)
        .push_back(std::move(w));
  }
  std::vector<Line> lines = GroupInOrder(std::move(words));
  for (Word& m : marks) {
    if (!PlaceMark(m, lines)) {
      std::vector<Word> alone;
      alone.push_back(std::move(m));
      for (Line& l : GroupInOrder(std::move(alone)))
        lines.push_back(std::move(l));
    }
  }
  return lines;
}

std::vector<Line> GroupInOrder(std::vector<Word> words) {
  std::vector<Line> lines;
  for (Word& w : words) {
    bool same = false;
    if (!lines.empty()) {
      const Line& l = lines.back();
      const Word& prev = l.words.back();
      const double center = (w.top + w.bottom) / 2;
      const bool rightwards = w.left >= prev.left;
      const bool overlaps =
          (center >= l.top && center <= l.bottom) ||
          SharedHeight(w, l) >
              0.3 * std::min(w.bottom - w.top, l.bottom - l.top);
      same = rightwards && overlaps;
    }
    if (!same) {
      lines.emplace_back();
      lines.back().top = w.top;
      lines.back().bottom = w.bottom;
      lines.back().left = w.left;
    }
    Line& l = lines.back();
    // The line's extent follows its largest words (superscripts do not widen
    // it).
    if (l.words.empty() || w.size >= l.words.front().size) {
      l.top = l.words.empty() ? w.top : std::min(l.top, w.top);
      l.bottom = std::max(l.bottom, w.bottom);
    }
    l.right = std::max(l.right, w.right);
    l.words.push_back(std::move(w));
  }
  return lines;
}

// The most common font size, weighted by characters.
double BodySize(const std::vector<Page>& pages) {
  SizeWeights weight;
  for (const Page& p : pages) {
    for (const Line& l : p.lines) AddWords(l.words, weight);
  }
  return HeaviestSize(weight);
}

void Classify(Page& page, double body_size) {
  bool in_note = false;
  double note_size = 0;
  const Line* prev = nullptr;
  for (Line& l : page.lines) {
    std::size_t small_chars = 0, chars = 0;
    for (Word& w : l.words) {
      w.small = body_size > 0 && w.size < body_size * 0.85;
      chars += w.text.size();
      if (w.small) small_chars += w.text.size();
    }
    const bool small_line = small_chars * 2 > chars;
    const Word& first = l.words.front();
    const double line_size = ModeSize(l.words);
    if (AllDigits(first.text) && (first.small || small_line) &&
        l.words.size() > 1) {
      l.kind = Line::Kind::kNoteStart;
      l.note = std::stoi(first.text);
      in_note = true;
      note_size =
          ModeSize(std::vector<Word>(l.words.begin() + 1, l.words.end()));
    } else if (in_note &&
               (small_line || std::abs(line_size - note_size) < 0.25)) {
      // Footnotes sit at the foot of the page: the lines after one in its
      // size go on with it.
      l.kind = Line::Kind::kNoteMore;
    } else {
      l.kind = Line::Kind::kBody;
      in_note = false;
    }
    if (prev == nullptr) {
      l.break_before = false;
    } else if (l.kind != Line::Kind::kNoteMore &&
               (l.kind != Line::Kind::kBody ||
                prev->kind != Line::Kind::kBody)) {
      l.break_before = true;
    } else {
      const double height = prev->bottom - prev->top;
      l.break_before = l.top - prev->bottom > 0.8 * height;
    }
    prev = &l;
  }
}

struct Join {
  std::string url;
  bool joined = false;
  // A line-final '-' was dropped with no link annotation holding either
  // form: the hyphen may belong to the URL (Document::url_hyphen_breaks).
  bool hyphen_in_doubt = false;
};

// Decides whether the URL fragment `frag` at the end of a full line goes on
// with `next`, the first word of the next line.
Join JoinUrl(const std::string& frag, const std::string& next,
             const std::set<std::string, std::less<>>& uris) {
  if (next.empty() || !std::all_of(next.begin(), next.end(), IsUrlChar))
    return {};
  if (frag.ends_with("-")) {
    std::string with = frag + next;
    std::string without = frag.substr(0, frag.size() - 1) + next;
    if (uris.count(with) && !uris.count(without)) return {with, true};
    return {without, true, !uris.count(without)};
  }
  std::string joined = frag + next;
  const bool separator =
      std::string_view("/.=&?#_~%+:").find(frag.back()) != std::string::npos;
  const bool urlish =
      next.find_first_of("/.?=&#%_~0123456789") != std::string::npos;
  // A trailing '.' or ',' is sentence punctuation, not a path.
  const bool punct_only = next.find_first_not_of(".,;:") == std::string::npos;
  if (uris.count(joined) || ((separator || urlish) && !punct_only))
    return {joined, true};
  return {};
}

// Joins URLs wrapped across lines of one block (same paragraph or note).
void RebuildWrappedUrls(Page& page, int page_number,
                        const std::set<std::string, std::less<>>& uris,
                        std::vector<Document::HyphenBreak>* breaks) {
  const double margin_tolerance = 0.12;
  double left = page.text_right;
  for (const Line& l : page.lines) left = std::min(left, l.left);
  const double width = std::max(1.0, page.text_right - left);
  for (std::size_t i = 0; i + 1 < page.lines.size(); ++i) {
    Line& line = page.lines[i];
    if (line.words.empty()) continue;
    for (std::size_t j = i + 1; j < page.lines.size(); ++j) {
      Line& next = page.lines[j];
      if (next.words.empty()) continue;  // emptied by an earlier join
      if (next.break_before || next.kind == Line::Kind::kNoteStart) break;
      Word& last = line.words.back();
      const std::size_t at = FindUrlStart(last.text);
      if (at == std::string::npos) break;
      if (line.right < page.text_right - margin_tolerance * width) break;
      if (next.words.front().small && line.kind == Line::Kind::kBody) break;
      const std::string frag = last.text.substr(at);
      const Join join = JoinUrl(frag, next.words.front().text, uris);
      if (!join.joined) break;
      if (join.hyphen_in_doubt) {
        breaks->push_back({"page " + std::to_string(page_number) + ", line " +
                               std::to_string(line.number),
                           frag.substr(0, frag.size() - 1)});
      }
      last.text = last.text.substr(0, at) + join.url;
      last.space_after = next.words.front().space_after;
      next.words.erase(next.words.begin());
      if (!next.words.empty()) break;
      // The whole next line was URL: the URL may go on to the line after.
      line.right = page.text_right;
    }
  }
}

std::string LineText(const Line& l, bool note_start) {
  std::string out;
  for (std::size_t k = note_start ? 1 : 0; k < l.words.size(); ++k) {
    const Word& w = l.words[k];
    const bool reference =
        l.kind == Line::Kind::kBody && w.small && AllDigits(w.text) && k > 0;
    if (reference) {
      while (!out.empty() && out.back() == ' ') out.pop_back();
      AppendFootnoteRef(std::stoi(w.text), &out);
    } else {
      out += w.text;
    }
    if (k + 1 < l.words.size()) {
      const Word& n = l.words[k + 1];
      const bool gap = n.left - w.right > 0.15 * std::max(w.size, 1.0);
      if (w.space_after || gap) out.push_back(' ');
    }
  }
  return out;
}

// Writes each link annotation's URI into the text it covers (the link's URI
// beats the text, linker/document/reader_common.h AppendLink): a word the link covers
// that holds a URL has it replaced by the URI (or kept when equal); a link
// over words without a URL gets " <URI>" after its last word. A link split
// over several lines (one rectangle per line, as Word and cairo write a
// wrapped link) is placed once, on its last line with words. A link over no
// word (an image, or a line emptied by a rebuilt wrapped URL) adds nothing.
void PlaceLinks(Page& page, const std::vector<const PdfLink*>& links) {
  struct Covered {
    std::size_t line = 0, word = 0;
  };
  const auto covered_by = [&](const PdfLink& link) {
    std::vector<Covered> out;
    constexpr double kSlack = 1;  // points: rectangles hug the glyphs
    for (std::size_t i = 0; i < page.lines.size(); ++i) {
      const Line& l = page.lines[i];
      for (std::size_t k = 0; k < l.words.size(); ++k) {
        const Word& w = l.words[k];
        const double cx = (w.left + w.right) / 2, cy = (w.top + w.bottom) / 2;
        if (cx >= link.left - kSlack && cx <= link.right + kSlack &&
            cy >= link.top - kSlack && cy <= link.bottom + kSlack) {
          out.push_back({i, k});
        }
      }
    }
    return out;
  };
  std::size_t i = 0;
  while (i < links.size()) {
    // The run of rectangles of one wrapped link: same URI, one after another.
    std::vector<Covered> words;
    std::size_t j = i;
    for (; j < links.size() && links[j]->uri == links[i]->uri; ++j) {
      const std::vector<Covered> more = covered_by(*links[j]);
      if (!words.empty() && !more.empty() &&
          more.front().line > words.back().line + 1)
        break;
      words.insert(words.end(), more.begin(), more.end());
    }
    j = std::max(j, i + 1);
    const std::string& uri = links[i]->uri;
    i = j;
    if (words.empty()) continue;
    const Covered* target = &words.back();
    for (const Covered& c : words) {
      if (!FindUrls(page.lines[c.line].words[c.word].text).empty()) {
        target = &c;
        break;
      }
    }
    Word& w = page.lines[target->line].words[target->word];
    std::string text;
    AppendLink(w.text, uri, &text);
    w.text = std::move(text);
  }
}

}  // namespace

Result<Document> ReadPdf(std::string path, std::string_view bytes) {
  if (bytes.size() > kMaxPdfInputBytes ||
      bytes.size() > static_cast<std::size_t>(INT_MAX)) {
    return Status::InvalidArgument(path + ": PDF larger than " +
                                   std::to_string(kMaxPdfInputBytes >> 20) +
                                   " MiB");
  }
  SilencePoppler();
  std::unique_ptr<poppler::document> pdf(poppler::document::load_from_raw_data(
      bytes.data(), static_cast<int>(bytes.size())));
  if (!pdf) {
    return Status::InvalidArgument(
        path + ": not a readable PDF (damaged or truncated)");
  }
  if (pdf->is_locked()) {
    return Status::InvalidArgument(path +
                                   ": encrypted PDF that needs a password; "
                                   "save an unprotected copy and check that");
  }
  const std::vector<PdfLink> links = PdfLinkAnnotations(bytes);
  std::set<std::string, std::less<>> uris;
  for (const PdfLink& l : links) uris.insert(l.uri);

  std::vector<Page> pages(static_cast<std::size_t>(std::max(0, pdf->pages())));
  for (int p = 0; p < pdf->pages(); ++p) {
    std::unique_ptr<poppler::page> page(pdf->create_page(p));
    if (!page) continue;
    std::vector<Word> words;
    for (const poppler::text_box& box :
         page->text_list(poppler::page::text_list_include_font)) {
      Word w;
      w.text = Utf8(box.text());
      if (w.text.empty()) continue;
      const poppler::rectf r = box.bbox();
      w.left = r.left();
      w.top = r.top();
      w.right = r.right();
      w.bottom = r.bottom();
      w.size = box.has_font_info() ? box.get_font_size() : r.height();
      w.space_after = box.has_space_after();
      words.push_back(std::move(w));
    }
    Page& out = pages[static_cast<std::size_t>(p)];
    out.lines = GroupLines(std::move(words));
    int n = 0;
    for (Line& l : out.lines) {
      l.number = ++n;
      out.text_right = std::max(out.text_right, l.right);
    }
  }
  const double body_size = BodySize(pages);
  RebuiltText text;
  std::vector<Document::HyphenBreak> breaks;
  Line::Kind last_kind = Line::Kind::kBody;
  for (std::size_t p = 0; p < pages.size(); ++p) {
    Page& page = pages[p];
    Classify(page, body_size);
    RebuildWrappedUrls(page, static_cast<int>(p) + 1, uris, &breaks);
    std::vector<const PdfLink*> on_page;
    for (const PdfLink& l : links) {
      if (l.page == static_cast<int>(p)) on_page.push_back(&l);
    }
    PlaceLinks(page, on_page);
    for (std::size_t i = 0; i < page.lines.size(); ++i) {
      const Line& l = page.lines[i];
      if (l.words.empty()) continue;
      const bool first_on_page = i == 0;
      if (l.break_before || (first_on_page && last_kind != Line::Kind::kBody) ||
          (first_on_page && l.kind != Line::Kind::kBody)) {
        text.ParagraphBreak();
      }
      std::string line = LineText(l, l.kind == Line::Kind::kNoteStart);
      if (l.kind == Line::Kind::kNoteStart)
        line = "[^" + std::to_string(l.note) + "]: " + line;
      text.AddLine(line, "page " + std::to_string(p + 1) + ", line " +
                             std::to_string(l.number));
      last_kind = l.kind;
    }
  }
  auto doc = std::move(text).Finish(std::move(path), DocumentFormat::kPdf);
  if (doc.ok()) doc->url_hyphen_breaks = std::move(breaks);
  return doc;
}

}  // namespace timecite::linker
