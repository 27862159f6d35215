#include "indexer/html.h"

#include <gumbo.h>

#include <algorithm>
#include <array>
#include <utility>
#include <vector>

namespace timecite::indexer {
namespace {

struct GumboOutputDeleter {
  void operator()(GumboOutput* output) const {
    gumbo_destroy_output(&kGumboDefaultOptions, output);
  }
};
using GumboOutputPtr = std::unique_ptr<GumboOutput, GumboOutputDeleter>;

char Lower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }
bool IsAlpha(char c) { return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z'); }
bool IsSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f'; }

// Elements that never hold children or that the tree builder closes on its
// own: they do not deepen the tree.
bool KeepsDepth(std::string_view name) {
  static constexpr std::array<std::string_view, 31> kNames = {
      "area", "base",  "br",    "col",   "embed",    "hr",    "img",    "input",
      "link", "meta",  "param", "source", "track",   "wbr",   "keygen", "p",
      "li",   "dt",    "dd",    "option", "optgroup", "tr",   "td",     "th",
      "tbody", "thead", "tfoot", "colgroup", "rb",    "rt",    "rp"};
  for (std::string_view n : kNames) {
    if (n == name) return true;
  }
  return false;
}

// An upper bound, good enough for real pages, of how deep the parser's tree
// will nest: +1 per start tag, -1 per end tag.
int EstimateDepth(std::string_view s) {
  int depth = 0;
  int max_depth = 0;
  std::size_t i = 0;
  std::string name;
  while ((i = s.find('<', i)) != std::string_view::npos) {
    ++i;
    if (s.substr(i, 3) == "!--") {
      const std::size_t end = s.find("-->", i + 3);
      if (end == std::string_view::npos) break;
      i = end + 3;
      continue;
    }
    const bool closing = i < s.size() && s[i] == '/';
    if (closing) ++i;
    if (i >= s.size() || !IsAlpha(s[i])) continue;
    name.clear();
    while (i < s.size() && !IsSpace(s[i]) && s[i] != '>' && s[i] != '/') {
      name += Lower(s[i]);
      ++i;
    }
    if (KeepsDepth(name)) continue;
    if (closing) {
      if (depth > 0) --depth;
      continue;
    }
    const std::size_t gt = s.find('>', i);
    if (gt != std::string_view::npos && gt > 0 && s[gt - 1] == '/') continue;
    max_depth = std::max(max_depth, ++depth);
  }
  return max_depth;
}

std::string TagName(const GumboElement& element) {
  if (element.tag != GUMBO_TAG_UNKNOWN) return gumbo_normalized_tagname(element.tag);
  GumboStringPiece piece = element.original_tag;
  gumbo_tag_from_original_text(&piece);
  std::string name(piece.data == nullptr ? "" : std::string(piece.data, piece.length));
  for (char& c : name) c = Lower(c);
  return name.empty() ? std::string("unknown") : name;
}

// Copies gumbo's tree below `root` into `out`, without recursion.
void Convert(const GumboNode* root, pugi::xml_node out) {
  std::vector<std::pair<const GumboNode*, pugi::xml_node>> stack;
  stack.emplace_back(root, out);
  while (!stack.empty()) {
    auto [node, parent] = stack.back();
    stack.pop_back();
    switch (node->type) {
      case GUMBO_NODE_DOCUMENT:
      case GUMBO_NODE_ELEMENT:
      case GUMBO_NODE_TEMPLATE: {
        pugi::xml_node target = parent;
        const GumboVector* children = nullptr;
        if (node->type == GUMBO_NODE_DOCUMENT) {
          children = &node->v.document.children;
        } else {
          const GumboElement& element = node->v.element;
          target = parent.append_child(TagName(element).c_str());
          for (unsigned i = 0; i < element.attributes.length; ++i) {
            const auto* attr = static_cast<const GumboAttribute*>(element.attributes.data[i]);
            target.append_attribute(attr->name).set_value(attr->value);
          }
          children = &element.children;
        }
        // Pushed in reverse so that children are appended in document order.
        for (unsigned i = children->length; i > 0; --i) {
          stack.emplace_back(static_cast<const GumboNode*>(children->data[i - 1]), target);
        }
        break;
      }
      case GUMBO_NODE_TEXT:
      case GUMBO_NODE_WHITESPACE:
      case GUMBO_NODE_CDATA:
        parent.append_child(pugi::node_pcdata).set_value(node->v.text.text);
        break;
      case GUMBO_NODE_COMMENT:
        break;
    }
  }
}

bool IsBlock(std::string_view name) {
  static constexpr std::array<std::string_view, 27> kBlocks = {
      "address", "article", "aside", "blockquote", "br", "dd", "div", "dl", "dt",
      "footer",  "h1",      "h2",    "h3",         "h4", "h5", "h6",  "header", "hr",
      "li",      "main",    "nav",   "ol",         "p",  "section", "table", "td", "tr"};
  for (std::string_view b : kBlocks) {
    if (b == name) return true;
  }
  return name == "ul" || name == "th";
}

void AppendText(const pugi::xml_node& root, std::string* out) {
  std::vector<pugi::xml_node> stack{root};
  while (!stack.empty()) {
    pugi::xml_node node = stack.back();
    stack.pop_back();
    if (node.type() == pugi::node_pcdata || node.type() == pugi::node_cdata) {
      out->append(node.value());
      continue;
    }
    if (node.type() != pugi::node_element && node.type() != pugi::node_document) continue;
    const std::string_view name = node.name();
    if ((name == "script" || name == "style") && node != root) continue;
    if (IsBlock(name)) out->push_back(' ');
    std::vector<pugi::xml_node> children;
    for (pugi::xml_node child : node.children()) children.push_back(child);
    for (auto it = children.rbegin(); it != children.rend(); ++it) stack.push_back(*it);
  }
}

}  // namespace

Result<std::unique_ptr<pugi::xml_document>> ParseHtml(std::string_view bytes) {
  if (bytes.size() > kMaxHtmlBytes) {
    return Status::InvalidArgument("HTML page of " + std::to_string(bytes.size()) +
                                   " bytes exceeds the limit of " +
                                   std::to_string(kMaxHtmlBytes));
  }
  if (EstimateDepth(bytes) > kMaxHtmlDepth) {
    return Status::InvalidArgument("HTML nests elements deeper than " +
                                   std::to_string(kMaxHtmlDepth) + " levels");
  }
  GumboOptions options = kGumboDefaultOptions;
  options.max_errors = 0;  // errors are not used; do not collect them
  GumboOutputPtr output(gumbo_parse_with_options(&options, bytes.data(), bytes.size()));
  if (!output || output->document == nullptr) {
    return Status::IoError("HTML parser failed (out of memory?)");
  }
  auto document = std::make_unique<pugi::xml_document>();
  Convert(output->document, *document);
  return document;
}

std::string CollapseWhitespace(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  bool pending_space = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    const bool nbsp = c == '\xC2' && i + 1 < text.size() && text[i + 1] == '\xA0';
    if (IsSpace(c) || c == '\v' || nbsp) {
      if (nbsp) ++i;
      pending_space = !out.empty();
      continue;
    }
    if (pending_space) out.push_back(' ');
    pending_space = false;
    out.push_back(c);
  }
  return out;
}

std::string NodeText(const pugi::xml_node& node) {
  std::string raw;
  AppendText(node, &raw);
  return CollapseWhitespace(raw);
}

std::string NodeText(const pugi::xpath_node& node) {
  if (node.attribute()) return CollapseWhitespace(node.attribute().value());
  return NodeText(node.node());
}

}  // namespace timecite::indexer
