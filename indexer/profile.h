// Site profiles: the XPath 1.0 expressions that pick each field out of one kind
// of page, kept in TOML files under configs/profiles/ so that a markup change
// on the site is a configuration change. The files in configs/profiles/ are
// also compiled into the program (BuiltinProfile); a user may load their own.
//
// File format (see configs/profiles/webtv-asset.toml):
//     name = "webtv-asset"            # required
//     kind = "asset-page"             # required; which parser reads it
//     [fields.title]                  # one table per field
//     xpath = '''//h2'''              # required; must select nodes
//     required = true                 # default false
// A field marked `required` that selects nothing on a page means the profile
// no longer matches the site: parsers report that as markup drift (see
// MarkupDrift), never as an empty record.
// A profile may also carry URL templates in a [links] table of strings
// (deep links into the site's players; see indexer/catalog/query.h).
//
// Thread safety: a Profile is immutable after Parse; share it freely.
#pragma once

#include <initializer_list>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include <pugixml.hpp>

#include "common/status.h"

namespace timecite::indexer {

class Profile {
 public:
  // Parses a profile. `origin` names it in messages (a path or "builtin:x").
  // Errors: InvalidArgument for bad TOML (with line and column), a missing
  // name/kind/xpath, an XPath that does not compile or does not select nodes.
  static Result<Profile> Parse(std::string_view toml_text, std::string_view origin);

  const std::string& name() const { return name_; }
  const std::string& kind() const { return kind_; }
  const std::string& origin() const { return origin_; }

  bool Has(std::string_view field) const;
  bool IsRequired(std::string_view field) const;
  const std::string& XPath(std::string_view field) const;  // "" when absent

  // The nodes `field` selects with `context` as the context node, in document
  // order. Empty when the profile does not declare the field.
  pugi::xpath_node_set Select(std::string_view field, const pugi::xpath_node& context) const;
  // The first selected node, or an empty xpath_node.
  pugi::xpath_node SelectFirst(std::string_view field, const pugi::xpath_node& context) const;

  // The URL template `name` of the [links] table; "" when absent.
  const std::string& Link(std::string_view name) const;
  const std::map<std::string, std::string, std::less<>>& links() const { return links_; }
  // Adds or replaces the template `name` (timecite.toml [deep_links]).
  void SetLink(std::string name, std::string url_template) {
    links_[std::move(name)] = std::move(url_template);
  }

  // Ok when the profile is of `kind` and declares every one of `fields`;
  // InvalidArgument naming the first that is missing otherwise.
  Status Expect(std::string_view kind, std::initializer_list<std::string_view> fields) const;

  // The Status for a required `field` that selected nothing ("markup drift").
  // `where` (e.g. "card 3") is added to the message when not empty.
  Status MarkupDrift(std::string_view field, std::string_view where = "") const;

 private:
  struct Field {
    std::string xpath;
    bool required = false;
    std::shared_ptr<const pugi::xpath_query> query;
  };
  const Field* Find(std::string_view field) const;

  std::string name_;
  std::string kind_;
  std::string origin_;
  std::map<std::string, Field, std::less<>> fields_;
  std::map<std::string, std::string, std::less<>> links_;
};

// True for the Status that Profile::MarkupDrift builds (code Unsupported,
// message "markup drift: profile ..."), also after WithContext.
bool IsMarkupDrift(const Status& status);

// The profiles shipped in configs/profiles/, by file stem ("webtv-asset",
// "webtv-schedule"). NotFound for another name.
Result<Profile> BuiltinProfile(std::string_view name);
std::vector<std::string> BuiltinProfileNames();

}  // namespace timecite::indexer
