// How `check` and `recheck` print a report and which exit code it implies.
#pragma once

#include <string>
#include <vector>

#include "common/status.h"
#include "linker/report/report.h"

namespace timecite::cli {

// How to print a report.
struct ReportOutput {
  std::string format = "text";  // text, json, markdown, junit, sarif
  std::string color = "auto";   // auto, always, never (NO_COLOR wins over auto)
  std::string output;           // a file; "" = stdout
  std::string mode = "online";  // the JSON report's "mode"
  bool quiet = false;
  bool fail_on_warning = false;  // JUnit: warnings are failures
};
// Renders the whole report, then writes it. Errors: IoError when the output
// file cannot be written.
Status WriteReports(const std::vector<linker::DocumentReport>& reports,
                    const ReportOutput& out);

// The exit code a report implies: 2 when a citation is broken (or has a
// warning, with fail_on_warning), else 0.
int ExitCodeOf(const std::vector<linker::DocumentReport>& reports,
               bool fail_on_warning);

}  // namespace timecite::cli
