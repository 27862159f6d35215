// Report formats for pipelines: Markdown (a pull-request comment), JUnit XML
// (test-report widgets of CI systems) and SARIF 2.1.0 (code-scanning tools,
// which then show findings inline at the document's file and line).
//
// SARIF follows the OASIS "Static Analysis Results Interchange Format (SARIF)
// Version 2.1.0" specification: one run, the rules in tool.driver.rules, one
// result per finding with a physicalLocation (uri, startLine, startColumn in
// Unicode code points: run.columnKind = "unicodeCodePoints") and, where the
// suggestion is a URL, a fix replacing the cited URL.
//
// JUnit follows the de-facto schema of Ant/Maven Surefire reports: one
// <testsuite> per document, one <testcase> per citation; broken citations are
// <failure>s, unverified ones <skipped>, warnings go to <system-out> (or are
// failures with fail_on_warning).
#pragma once

#include <ostream>
#include <vector>

#include "linker/report/report.h"

namespace timecite::linker {

void WriteMarkdown(std::ostream& out, const std::vector<DocumentReport>& reports);

// JUnit XML (UTF-8; a byte that is not UTF-8, as in a Latin-1 file name, is
// written as U+FFFD).
void WriteJUnit(std::ostream& out, const std::vector<DocumentReport>& reports,
                bool fail_on_warning);

nlohmann::json ReportToSarif(const std::vector<DocumentReport>& reports);

}  // namespace timecite::linker
