#include "indexer/profile.h"

#include <toml++/toml.h>

#include <exception>
#include <utility>

#include "timecite/indexer_profiles.h"  // generated from configs/profiles/*.toml

namespace timecite::indexer {
namespace {

constexpr std::size_t kMaxProfileBytes = 1u << 20;
constexpr std::string_view kDriftPrefix = "markup drift";

Result<std::shared_ptr<const pugi::xpath_query>> Compile(const std::string& xpath,
                                                          std::string_view where) {
  try {
    auto query = std::make_shared<pugi::xpath_query>(xpath.c_str());
    if (query->return_type() != pugi::xpath_type_node_set) {
      return Status::InvalidArgument(std::string(where) + ": XPath does not select nodes: " +
                                     xpath);
    }
    return std::shared_ptr<const pugi::xpath_query>(std::move(query));
  } catch (const pugi::xpath_exception& e) {
    return Status::InvalidArgument(std::string(where) + ": bad XPath (" + e.what() +
                                   " at offset " + std::to_string(e.result().offset) +
                                   "): " + xpath);
  }
}

}  // namespace

Result<Profile> Profile::Parse(std::string_view toml_text, std::string_view origin) {
  if (toml_text.size() > kMaxProfileBytes) {
    return Status::InvalidArgument(std::string(origin) + ": profile larger than 1 MiB");
  }
  toml::table table;
  try {
    table = toml::parse(toml_text, origin);
  } catch (const toml::parse_error& e) {
    return Status::InvalidArgument(std::string(origin) + ":" +
                                   std::to_string(e.source().begin.line) + ":" +
                                   std::to_string(e.source().begin.column) + ": " +
                                   std::string(e.description()));
  }
  Profile profile;
  profile.origin_ = origin;
  auto name = table["name"].value<std::string>();
  auto kind = table["kind"].value<std::string>();
  if (!name || name->empty() || !kind || kind->empty()) {
    return Status::InvalidArgument(std::string(origin) + ": profile needs `name` and `kind`");
  }
  profile.name_ = *name;
  profile.kind_ = *kind;
  const toml::table* fields = table["fields"].as_table();
  if (fields == nullptr || fields->empty()) {
    return Status::InvalidArgument(std::string(origin) + ": profile has no [fields.*] tables");
  }
  for (auto&& [key, node] : *fields) {
    const std::string where = std::string(origin) + ": fields." + std::string(key.str());
    const toml::table* spec = node.as_table();
    if (spec == nullptr) return Status::InvalidArgument(where + ": expected a table");
    auto xpath = (*spec)["xpath"].value<std::string>();
    if (!xpath || xpath->empty()) return Status::InvalidArgument(where + ": `xpath` missing");
    auto query = Compile(*xpath, where);
    if (!query.ok()) return query.status();
    Field field;
    field.xpath = *xpath;
    field.required = (*spec)["required"].value_or(false);
    field.query = std::move(query).value();
    profile.fields_.emplace(std::string(key.str()), std::move(field));
  }
  if (const toml::node* links = table.get("links")) {
    const toml::table* t = links->as_table();
    if (t == nullptr) return Status::InvalidArgument(std::string(origin) + ": `links` is not a table");
    for (auto&& [key, node] : *t) {
      auto value = node.value<std::string>();
      if (!value) {
        return Status::InvalidArgument(std::string(origin) + ": links." +
                                       std::string(key.str()) + " is not a string");
      }
      profile.links_.emplace(std::string(key.str()), *value);
    }
  }
  return profile;
}

const Profile::Field* Profile::Find(std::string_view field) const {
  auto it = fields_.find(field);
  return it == fields_.end() ? nullptr : &it->second;
}

bool Profile::Has(std::string_view field) const { return Find(field) != nullptr; }

bool Profile::IsRequired(std::string_view field) const {
  const Field* f = Find(field);
  return f != nullptr && f->required;
}

const std::string& Profile::XPath(std::string_view field) const {
  static const std::string kEmpty;
  const Field* f = Find(field);
  return f == nullptr ? kEmpty : f->xpath;
}

const std::string& Profile::Link(std::string_view name) const {
  static const std::string kEmpty;
  auto it = links_.find(name);
  return it == links_.end() ? kEmpty : it->second;
}

pugi::xpath_node_set Profile::Select(std::string_view field,
                                     const pugi::xpath_node& context) const {
  const Field* f = Find(field);
  if (f == nullptr) return {};
  pugi::xpath_node_set nodes = f->query->evaluate_node_set(context);
  nodes.sort();
  return nodes;
}

pugi::xpath_node Profile::SelectFirst(std::string_view field,
                                      const pugi::xpath_node& context) const {
  const Field* f = Find(field);
  if (f == nullptr) return {};
  return f->query->evaluate_node(context);
}

Status Profile::Expect(std::string_view kind,
                       std::initializer_list<std::string_view> fields) const {
  if (kind_ != kind) {
    return Status::InvalidArgument("profile " + name_ + " (" + origin_ + ") is of kind " +
                                   kind_ + ", not " + std::string(kind));
  }
  for (std::string_view field : fields) {
    if (!Has(field)) {
      return Status::InvalidArgument("profile " + name_ + " (" + origin_ +
                                     ") lacks the field " + std::string(field));
    }
  }
  return Status::Ok();
}

Status Profile::MarkupDrift(std::string_view field, std::string_view where) const {
  std::string place = where.empty() ? std::string() : std::string(where) + ": ";
  return Status::Unsupported(std::string(kDriftPrefix) + ": profile " + name_ + " (" +
                             origin_ + "): " + place + "required field `" + std::string(field) +
                             "` matched nothing (xpath " + XPath(field) + ")");
}

bool IsMarkupDrift(const Status& status) {
  // WithContext may have put a URL in front.
  return status.code() == Status::Code::kUnsupported &&
         (status.message().starts_with(kDriftPrefix) ||
          status.message().find(": " + std::string(kDriftPrefix) + ": profile ") !=
              std::string::npos);
}

Result<Profile> BuiltinProfile(std::string_view name) {
  for (const auto& builtin : kBuiltinProfiles) {
    if (builtin.name == name) return Profile::Parse(builtin.toml, "builtin:" + std::string(name));
  }
  return Status::NotFound("no built-in site profile named " + std::string(name));
}

std::vector<std::string> BuiltinProfileNames() {
  std::vector<std::string> names;
  for (const auto& builtin : kBuiltinProfiles) names.emplace_back(builtin.name);
  return names;
}

}  // namespace timecite::indexer
