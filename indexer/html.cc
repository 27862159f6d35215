#include "indexer/html.h"

#include "common/html_tree.h"

#include <algorithm>
#include <array>
#include <utility>
#include <vector>

namespace timecite::indexer {
namespace {

char Lower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }
bool IsSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f'; }

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
  auto tree = html::HtmlTree::Parse(bytes);
  if (!tree.ok()) return tree.status();
  auto document = std::make_unique<pugi::xml_document>();
  Convert(&tree->document(), *document);
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
