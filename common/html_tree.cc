#include "common/html_tree.h"

#include <algorithm>
#include <array>
#include <string>
#include <utility>
#include <vector>

namespace timecite::html {
namespace {

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
  return std::find(kNames.begin(), kNames.end(), name) != kNames.end();
}

// An estimate, from the tags alone, of how deep the tree will nest: +1 per
// start tag, -1 per end tag.
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

// The depth of the deepest node below `root`, without recursion.
int TreeDepth(const GumboNode* root) {
  int max_depth = 0;
  std::vector<std::pair<const GumboNode*, int>> stack{{root, 0}};
  while (!stack.empty()) {
    auto [node, depth] = stack.back();
    stack.pop_back();
    max_depth = std::max(max_depth, depth);
    const GumboVector* children = nullptr;
    if (node->type == GUMBO_NODE_DOCUMENT) {
      children = &node->v.document.children;
    } else if (node->type == GUMBO_NODE_ELEMENT || node->type == GUMBO_NODE_TEMPLATE) {
      children = &node->v.element.children;
    } else {
      continue;
    }
    for (unsigned i = 0; i < children->length; ++i) {
      stack.emplace_back(static_cast<const GumboNode*>(children->data[i]), depth + 1);
    }
  }
  return max_depth;
}

Status TooDeep() {
  return Status::InvalidArgument("HTML nests elements deeper than " +
                                 std::to_string(kMaxHtmlDepth) + " levels");
}

}  // namespace

void HtmlTree::Deleter::operator()(GumboOutput* output) const {
  gumbo_destroy_output(&kGumboDefaultOptions, output);
}

Result<HtmlTree> HtmlTree::Parse(std::string_view bytes) {
  if (EstimateDepth(bytes) > kMaxHtmlDepth) return TooDeep();
  GumboOptions options = kGumboDefaultOptions;
  options.max_errors = 0;  // parse errors are not used; do not collect them
  HtmlTree tree(gumbo_parse_with_options(&options, bytes.data(), bytes.size()));
  if (!tree.output_ || tree.output_->document == nullptr) {
    return Status::IoError("HTML parser failed (out of memory?)");
  }
  if (TreeDepth(tree.output_->document) > kMaxHtmlDepth) return TooDeep();
  return tree;
}

}  // namespace timecite::html
