// Report writers. The JSON shape is documented in docs/report-schema.md;
// bump kReportSchemaVersion on any incompatible change.
#pragma once

#include <map>
#include <ostream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "linker/rules.h"

namespace timecite::linker {

inline constexpr int kReportSchemaVersion = 1;

struct DocumentReport {
  std::string path;
  std::vector<CheckedCitation> citations;
};

struct Summary {
  int documents = 0;
  int citations = 0;
  std::map<std::string, int> verdicts;  // verdict name → count
  std::map<std::string, int> rules;     // rule id → findings
  bool HasErrors() const;               // any citation is broken
};

Summary Summarize(const std::vector<DocumentReport>& reports);

struct TextOptions {
  bool color = false;  // ANSI colours (only on a TTY, never with NO_COLOR)
  // -q: only the broken citations with their error findings, then the
  // summary (warnings, infos and ok citations are counted, not listed).
  bool quiet = false;
};

// Human report grouped by footnote: location, URL, time, verdict, rule,
// message, suggestion; then a summary line.
void WriteText(std::ostream& out, const std::vector<DocumentReport>& reports,
               const TextOptions& options);

// One citation as JSON (also what the store keeps of a citation's findings).
nlohmann::json CitationToJson(const CheckedCitation& c);

// The whole report as JSON (docs/report-schema.md).
nlohmann::json ReportToJson(const std::vector<DocumentReport>& reports, const std::string& mode);

}  // namespace timecite::linker
