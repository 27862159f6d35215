// Counts in English prose: "1 statement", "2 statements", "0 statements",
// "1 retry", "3 retries". One helper, so that no message says "1 statements".
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace timecite {

// `n` and the noun, singular for exactly 1; `plural` defaults to `singular`
// + "s" (give it for "retry" → "retries", "entry" → "entries").
inline std::string Count(std::uint64_t n, std::string_view singular,
                         std::string_view plural = {}) {
  std::string out = std::to_string(n) + " ";
  if (n == 1) return out.append(singular);
  if (!plural.empty()) return out.append(plural);
  return out.append(singular).append("s");
}

}  // namespace timecite
