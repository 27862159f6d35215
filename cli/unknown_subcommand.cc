// `timecite chek x.md`: the unknown subcommand named, and the closest known
// one suggested (cli/commands.h UnknownSubcommand).
#include <algorithm>
#include <string>
#include <string_view>
#include <vector>

#include "cli/commands.h"

namespace timecite::cli {
namespace {

// Optimal string alignment distance (Damerau–Levenshtein with adjacent
// transpositions, each edit once): "chek"→"check" 1, "chekc"→"check" 1.
std::size_t EditDistance(std::string_view a, std::string_view b) {
  const std::size_t n = a.size(), m = b.size();
  std::vector<std::vector<std::size_t>> d(n + 1, std::vector<std::size_t>(m + 1));
  for (std::size_t i = 0; i <= n; ++i) d[i][0] = i;
  for (std::size_t j = 0; j <= m; ++j) d[0][j] = j;
  for (std::size_t i = 1; i <= n; ++i) {
    for (std::size_t j = 1; j <= m; ++j) {
      const std::size_t cost = a[i - 1] == b[j - 1] ? 0 : 1;
      d[i][j] = std::min({d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
        d[i][j] = std::min(d[i][j], d[i - 2][j - 2] + 1);
    }
  }
  return d[n][m];
}

// The first word of `args` that is neither an option nor the value of a
// top-level option that takes one (--db PATH; --db=PATH is one word).
std::string_view FirstWord(const CLI::App& app, const std::vector<std::string>& args) {
  for (std::size_t i = 0; i < args.size(); ++i) {
    const std::string& arg = args[i];
    if (arg == "--") return i + 1 < args.size() ? std::string_view(args[i + 1]) : "";
    if (arg.size() > 1 && arg[0] == '-') {
      if (arg.find('=') != std::string::npos) continue;
      const CLI::Option* opt = app.get_option_no_throw(arg);
      if (opt != nullptr && opt->get_type_size() != 0) ++i;  // its value
      continue;
    }
    return arg;
  }
  return "";
}

}  // namespace

std::string UnknownSubcommand(const CLI::App& app, const std::vector<std::string>& args) {
  const std::string_view word = FirstWord(app, args);
  if (word.empty()) return "";
  std::vector<std::string> names;
  for (const CLI::App* sub : app.get_subcommands({})) {
    if (sub->get_name().empty()) continue;  // an option group
    if (sub->get_name() == word) return "";  // known: CLI11's message is right
    names.push_back(sub->get_name());
  }
  std::string message = "'" + std::string(word) + "' is not a timecite subcommand";
  std::string best;
  std::size_t best_distance = std::string::npos;
  for (const std::string& name : names) {
    const std::size_t distance = EditDistance(word, name);
    if (distance < best_distance) best_distance = distance, best = name;
  }
  // A suggestion only when it is near: at most 2 edits, and fewer than half
  // the letters ("x" suggests nothing).
  if (!best.empty() && best_distance <= 2 && 2 * best_distance < word.size()) {
    message += "; did you mean '" + best + "'?";
  } else {
    message += "; run 'timecite --help' for the list";
  }
  return message;
}

}  // namespace timecite::cli
