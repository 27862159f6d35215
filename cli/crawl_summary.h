// The parts of `timecite crawl` around the run: what to crawl (schedule
// ranges, a --from FILE list, the stored citations' targets) and what it says
// afterwards (progress lines, the text and JSON summaries).
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "common/status.h"
#include "crawler/crawler.h"
#include "pipeline/crawl_run.h"
#include "store/store.h"

namespace timecite::cli {

// Days one --schedule range may span.
inline constexpr int kMaxScheduleDays = 366;

// "YYYY-MM-DD" or "YYYY-MM-DD..YYYY-MM-DD" → every day, in order. Errors:
// InvalidArgument for a day the calendar does not have, a range that ends
// before it starts, or one over kMaxScheduleDays.
Result<std::vector<std::string>> ScheduleDays(const std::string& spec);

// Every URL the stored citations point to: Web TV recordings become asset
// targets, the rest plain URLs.
Status AddCitationTargets(const store::Store& st,
                          pipeline::IndexTargets& targets);

// The URLs of a --from FILE: one per line, blank lines and # comments
// skipped. A file that cannot be read, or that has no URL (empty, or only
// comments and blank lines), is an error naming the file: a crawl of nothing
// is a mistake, not a success.
Result<std::vector<std::string>> ReadUrlList(const std::string& path);

// The crawl and index summaries on stdout; with `quiet` (-q) only the failed
// schedule days and recordings.
void PrintSummary(const pipeline::IndexRun& run, bool quiet);
// The same as JSON (--format json).
nlohmann::json SummaryJson(const pipeline::IndexRun& run);

}  // namespace timecite::cli
