// JSON as the CLI prints it (--format json, sarif, `db get`, ...).
#pragma once

#include <nlohmann/json.hpp>
#include <string>

namespace timecite::cli {

// `j` serialised with `indent` spaces (-1: one line). Invalid UTF-8 in a
// string (a file name, a page title or a redirect stored from a hostile
// server) becomes U+FFFD instead of nlohmann::json::dump's type_error 316.
inline std::string JsonText(const nlohmann::json& j, int indent = 2) {
  return j.dump(indent, ' ', /*ensure_ascii=*/false,
                nlohmann::json::error_handler_t::replace);
}

}  // namespace timecite::cli
