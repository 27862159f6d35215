#include "cli/commands.h"

namespace timecite::cli {
void RegisterCheck(CLI::App& app, GlobalOptions& g) {
  auto* cmd = app.add_subcommand("check", "Check the citations of one or more reports");
  (void)cmd;
  (void)g;
}
}  // namespace timecite::cli
