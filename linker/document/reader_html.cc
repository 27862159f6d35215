#include "linker/document/reader_html.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <memory>
#include <vector>

#include "common/html_tree.h"
#include "common/utf8.h"
#include "linker/document/reader_common.h"

namespace timecite::linker {
namespace {

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

const char* Attr(const GumboElement& e, const char* name) {
  const GumboAttribute* a = gumbo_get_attribute(&e.attributes, name);
  return a ? a->value : nullptr;
}

std::string AttrLower(const GumboElement& e, const char* name) {
  const char* v = Attr(e, name);
  return v ? Lower(v) : std::string();
}

// The number at the end of `s` ("fn13" → 13, "cite_note-Smith-4" → 4), or 0.
int TrailingNumber(std::string_view s) {
  std::size_t begin = s.size();
  while (begin > 0 && std::isdigit(static_cast<unsigned char>(s[begin - 1])) &&
         s.size() - begin < 4) {
    --begin;
  }
  if (begin == s.size()) return 0;
  return std::stoi(std::string(s.substr(begin)));
}

// "13", "[13]", "(13)" → 13; anything else → 0.
int DigitsOnly(std::string_view s) {
  const std::string t = CollapseSpaces(s);
  std::string_view v = t;
  if (v.size() >= 2 && ((v.front() == '[' && v.back() == ']') || (v.front() == '(' && v.back() == ')'))) {
    v = v.substr(1, v.size() - 2);
  }
  if (v.empty() || v.size() > 4) return 0;
  for (char c : v) {
    if (!std::isdigit(static_cast<unsigned char>(c))) return 0;
  }
  return std::stoi(std::string(v));
}

bool IsBlock(GumboTag tag) {
  switch (tag) {
    case GUMBO_TAG_P: case GUMBO_TAG_DIV: case GUMBO_TAG_LI: case GUMBO_TAG_UL:
    case GUMBO_TAG_OL: case GUMBO_TAG_H1: case GUMBO_TAG_H2: case GUMBO_TAG_H3:
    case GUMBO_TAG_H4: case GUMBO_TAG_H5: case GUMBO_TAG_H6: case GUMBO_TAG_TABLE:
    case GUMBO_TAG_TR: case GUMBO_TAG_TD: case GUMBO_TAG_TH: case GUMBO_TAG_BLOCKQUOTE:
    case GUMBO_TAG_SECTION: case GUMBO_TAG_ARTICLE: case GUMBO_TAG_ASIDE:
    case GUMBO_TAG_HEADER: case GUMBO_TAG_FOOTER: case GUMBO_TAG_MAIN: case GUMBO_TAG_NAV:
    case GUMBO_TAG_PRE: case GUMBO_TAG_DL: case GUMBO_TAG_DT: case GUMBO_TAG_DD:
    case GUMBO_TAG_FIGURE: case GUMBO_TAG_FIGCAPTION: case GUMBO_TAG_HR:
    case GUMBO_TAG_ADDRESS: case GUMBO_TAG_DETAILS: case GUMBO_TAG_SUMMARY:
    case GUMBO_TAG_FORM: case GUMBO_TAG_FIELDSET: case GUMBO_TAG_CAPTION:
    case GUMBO_TAG_BODY:
      return true;
    default:
      return false;
  }
}

bool IsSkipped(GumboTag tag) {
  return tag == GUMBO_TAG_SCRIPT || tag == GUMBO_TAG_STYLE || tag == GUMBO_TAG_NOSCRIPT ||
         tag == GUMBO_TAG_TEMPLATE || tag == GUMBO_TAG_HEAD;
}

// True when `id` is `prefix` followed by a digit or one of `separators`
// ("fn1", "fn:1", "fn-1"; not "fnref1" or "fnord").
bool NumberedId(std::string_view id, std::string_view prefix, std::string_view separators) {
  if (!id.starts_with(prefix) || id.size() == prefix.size()) return false;
  const char next = id[prefix.size()];
  return std::isdigit(static_cast<unsigned char>(next)) ||
         separators.find(next) != std::string_view::npos;
}

// A footnote container: its number (> 0) or 0.
int FootnoteNumber(const GumboNode& node) {
  const GumboElement& e = node.v.element;
  const std::string role = AttrLower(e, "role");
  const std::string id = AttrLower(e, "id");
  const bool by_role = role == "doc-endnote" || role == "doc-footnote";
  const bool by_id = (e.tag == GUMBO_TAG_LI && NumberedId(id, "fn", "-:_.")) ||
                     id.starts_with("cite_note-") || NumberedId(id, "ftn", "") ||
                     NumberedId(id, "_ftn", "") || NumberedId(id, "edn", "") ||
                     NumberedId(id, "_edn", "");
  if (!by_role && !by_id) return 0;
  if (int n = TrailingNumber(id); n > 0) return n;
  if (e.tag == GUMBO_TAG_LI && node.parent && node.parent->type == GUMBO_NODE_ELEMENT) {
    const GumboElement& list = node.parent->v.element;
    int n = 0;
    if (const char* start = Attr(list, "start")) n = std::atoi(start) - 1;
    for (unsigned i = 0; i < list.children.length; ++i) {
      const auto* child = static_cast<const GumboNode*>(list.children.data[i]);
      if (child->type == GUMBO_NODE_ELEMENT && child->v.element.tag == GUMBO_TAG_LI) ++n;
      if (child == &node) return n > 0 ? n : 0;
    }
  }
  return -1;  // a footnote without a number of its own: numbered in sequence
}

bool IsBackLink(const GumboElement& e) {
  const std::string role = AttrLower(e, "role");
  const std::string href = AttrLower(e, "href");
  const std::string cls = AttrLower(e, "class");
  return role == "doc-backlink" || href.starts_with("#fnref") || href.starts_with("#_ftnref") ||
         href.starts_with("#ftnref") || href.starts_with("#cite_ref") ||
         href.starts_with("#_ednref") || href.starts_with("#ednref") ||
         cls.find("footnote-back") != std::string::npos;
}

bool HasText(std::string_view s) { return s.find_first_not_of(" \t\n\r\f") != std::string_view::npos; }

struct Note {
  int number = 0;
  std::vector<std::pair<std::string, int>> lines;  // text, HTML line
};

class HtmlWalker {
 public:
  void Walk(const GumboNode& node, int depth) {
    switch (node.type) {
      case GUMBO_NODE_TEXT:
      case GUMBO_NODE_CDATA:
      case GUMBO_NODE_WHITESPACE:
        if (!HasText(line_) && node.type != GUMBO_NODE_WHITESPACE) {
          line_source_ = static_cast<int>(node.v.text.start_pos.line);
        }
        line_ += node.v.text.text;
        return;
      case GUMBO_NODE_DOCUMENT:
        Children(node.v.document.children, depth);
        return;
      case GUMBO_NODE_ELEMENT:
      case GUMBO_NODE_TEMPLATE:
        Element(node, depth);
        return;
      case GUMBO_NODE_COMMENT:
        return;
    }
  }

  Result<Document> Finish(std::string path) && {
    FlushLine(true);
    RebuiltText out;
    int paragraph = 0;
    for (const auto& [text, source, starts] : body_) {
      if (starts) {
        out.ParagraphBreak();
        ++paragraph;
      }
      out.AddLine(text, "paragraph " + std::to_string(paragraph) + ", HTML line " +
                            std::to_string(source));
    }
    for (const Note& note : notes_) {
      out.ParagraphBreak();
      int p = 0;
      for (const auto& [text, source] : note.lines) {
        ++p;
        out.AddLine(p == 1 ? "[^" + std::to_string(note.number) + "]: " + text : text,
                    "footnote " + std::to_string(note.number) + ", paragraph " +
                        std::to_string(p) + ", HTML line " + std::to_string(source));
      }
      if (note.lines.empty()) {
        out.AddLine("[^" + std::to_string(note.number) + "]:", "footnote " +
                                                                   std::to_string(note.number));
      }
    }
    return std::move(out).Finish(std::move(path), DocumentFormat::kHtml);
  }

 private:
  void Children(const GumboVector& children, int depth) {
    for (unsigned i = 0; i < children.length; ++i) {
      Walk(*static_cast<const GumboNode*>(children.data[i]), depth + 1);
    }
  }

  // Renders the children of `node` into a string of their own.
  std::string Render(const GumboNode& node, int depth) {
    std::string saved;
    std::swap(saved, line_);
    const int saved_source = line_source_;
    Children(node.v.element.children, depth);
    std::string rendered;
    std::swap(rendered, line_);
    line_ = std::move(saved);
    if (HasText(line_)) line_source_ = saved_source;
    return rendered;
  }

  void Element(const GumboNode& node, int depth) {
    const GumboElement& e = node.v.element;
    if (IsSkipped(e.tag)) return;
    if (e.tag == GUMBO_TAG_BR) {
      FlushLine(false);
      return;
    }
    if (note_ == nullptr) {
      if (const int number = FootnoteNumber(node); number != 0) {
        FlushLine(true);
        notes_.push_back(Note{number > 0 ? number : static_cast<int>(notes_.size()) + 1, {}});
        note_ = &notes_.back();
        Children(e.children, depth);
        FlushLine(true);
        note_ = nullptr;
        return;
      }
    }
    if (e.tag == GUMBO_TAG_A) {
      Anchor(node, depth);
      return;
    }
    if (e.tag == GUMBO_TAG_SUP) {
      const std::string inner = Render(node, depth);
      const bool note_start = note_ && note_->lines.empty() &&
                              CollapseSpaces(line_).empty();
      if (note_start && DigitsOnly(inner) > 0) return;  // the note's own marker
      if (const int n = DigitsOnly(inner); n > 0 && !CollapseSpaces(line_).empty()) {
        TrimRight();
        AppendFootnoteRef(n, &line_);
      } else {
        line_ += inner;
      }
      return;
    }
    const bool block = IsBlock(e.tag);
    if (block) FlushLine(true);
    Children(e.children, depth);
    if (block) FlushLine(true);
  }

  void Anchor(const GumboNode& node, int depth) {
    const GumboElement& e = node.v.element;
    if (note_ && IsBackLink(e)) return;
    const char* href_raw = Attr(e, "href");
    const std::string href = href_raw ? href_raw : "";
    const std::string inner = Render(node, depth);
    if (href.starts_with("#")) {
      const std::string role = AttrLower(e, "role");
      const std::string target = Lower(href);
      const bool note_link = role == "doc-noteref" || target.starts_with("#fn") ||
                             target.starts_with("#_ftn") || target.starts_with("#ftn") ||
                             target.starts_with("#cite_note") || target.starts_with("#_edn") ||
                             target.starts_with("#edn") || target.starts_with("#footnote");
      int n = DigitsOnly(inner.find("[^") == 0 ? inner.substr(2) : inner);
      if (n == 0 && inner.find("[^") != std::string::npos) {
        line_ += inner;  // a <sup> inside already wrote the reference
        return;
      }
      if (note_link && n == 0) n = TrailingNumber(target);
      if (note_link && n > 0) {
        if (note_ && note_->lines.empty() && CollapseSpaces(line_).empty()) return;  // marker
        if (!CollapseSpaces(line_).empty()) {
          TrimRight();
          AppendFootnoteRef(n, &line_);
          return;
        }
      }
      line_ += inner;
      return;
    }
    AppendLink(CollapseSpaces(inner), href, &line_);
  }

  void TrimRight() {
    while (!line_.empty() && (line_.back() == ' ' || line_.back() == '\n' || line_.back() == '\t')) {
      line_.pop_back();
    }
  }

  // Ends the current line; `paragraph_end` also ends its paragraph.
  void FlushLine(bool paragraph_end) {
    std::string text = CollapseSpaces(line_);
    line_.clear();
    if (!text.empty()) {
      if (note_) {
        note_->lines.emplace_back(std::move(text), line_source_);
      } else {
        body_.push_back({std::move(text), line_source_, paragraph_started_});
        paragraph_started_ = false;
      }
    }
    if (paragraph_end && !note_) paragraph_started_ = true;
  }

  struct BodyLine {
    std::string text;
    int source = 0;
    bool starts_paragraph = false;
  };

  std::string line_;
  int line_source_ = 0;
  bool paragraph_started_ = true;
  std::vector<BodyLine> body_;
  std::vector<Note> notes_;
  Note* note_ = nullptr;  // the footnote being read; points into notes_
};

}  // namespace

Result<Document> ReadHtml(std::string path, std::string_view bytes) {
  if (bytes.size() > kMaxHtmlInputBytes) {
    return Status::InvalidArgument(path + ": HTML larger than " +
                                   std::to_string(kMaxHtmlInputBytes >> 20) + " MiB");
  }
  if (bytes.starts_with("\xEF\xBB\xBF")) bytes.remove_prefix(3);
  if (const std::size_t bad = utf8::FindInvalid(bytes); bad != std::string_view::npos) {
    const std::string_view before = bytes.substr(0, bad);
    const std::size_t line = static_cast<std::size_t>(std::count(before.begin(), before.end(), '\n')) + 1;
    const std::size_t nl = before.rfind('\n');
    const std::size_t column =
        utf8::CodePointCount(before.substr(nl == std::string_view::npos ? 0 : nl + 1)) + 1;
    return Status::InvalidArgument(path + ":" + std::to_string(line) + ":" +
                                   std::to_string(column) +
                                   ": invalid UTF-8 in HTML (save the page as UTF-8)");
  }
  // The front end refuses a tree deeper than html::kMaxHtmlDepth, so the
  // walk's recursion is bounded.
  auto tree = html::HtmlTree::Parse(bytes);
  if (!tree.ok()) return tree.status().WithContext(path);
  HtmlWalker walker;
  walker.Walk(tree->document(), 0);
  return std::move(walker).Finish(std::move(path));
}

}  // namespace timecite::linker
