// HTML -> DOM: the tree of the one HTML5 front end (common/html_tree.h,
// gumbo) as a pugixml document, so that pages are queried with XPath 1.0.
//
// The DOM mirrors what a browser builds: <html>, <head> and <body> are always
// present, character references are decoded, element and attribute names are
// lower case. Text, whitespace and CDATA become pcdata nodes; comments and the
// doctype are dropped. Script and style content is kept (the player id lives in
// an inline script).
//
// Thread safety: ParseHtml is reentrant; a returned document is a plain value.
#pragma once

#include <cstddef>
#include <memory>
#include <string>
#include <string_view>

#include <pugixml.hpp>

#include "common/status.h"

namespace timecite::indexer {

// Pages larger than this are refused rather than parsed (bytes).
inline constexpr std::size_t kMaxHtmlBytes = 16u << 20;

// Parses `bytes` (UTF-8; invalid sequences become U+FFFD as HTML5 requires).
// Errors: InvalidArgument for input over kMaxHtmlBytes or nesting deeper than
// html::kMaxHtmlDepth; IoError if the parser runs out of memory.
Result<std::unique_ptr<pugi::xml_document>> ParseHtml(std::string_view bytes);

// The text of `node` as a reader sees it: the pcdata of its descendants (not
// of script/style elements below it; a script's own text when `node` is the
// script), a space between block elements, runs of whitespace
// (including U+00A0) collapsed to one space, trimmed. For an attribute, its
// value trimmed.
std::string NodeText(const pugi::xml_node& node);
std::string NodeText(const pugi::xpath_node& node);

// Collapses runs of ASCII whitespace and U+00A0 into one space and trims.
std::string CollapseWhitespace(std::string_view text);

}  // namespace timecite::indexer
