// The findings of a checked citation as JSON, as the report prints them and
// the store keeps them (pipeline/recheck_run.cc stores only these fields of a
// citation, without building its whole report object).
#pragma once

#include <vector>

#include <nlohmann/json.hpp>

#include "linker/checks/rules.h"

namespace timecite::linker {

// [{rule, severity, message, suggestion?}] in the order given: the
// "findings" array of CitationToJson (linker/report/report.h, docs/report-schema.md).
nlohmann::json FindingsToJson(const std::vector<Finding>& findings);

}  // namespace timecite::linker
