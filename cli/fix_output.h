// Where `check --fix` writes the corrected copy of a report
// (pipeline/fix_run.h makes it).
#pragma once

#include <string>

#include "common/config.h"
#include "common/status.h"
#include "linker/document/document.h"
#include "linker/report/report.h"
#include "store/store.h"

namespace timecite::cli {

// Writes the corrected copy of the report at report.path to `fix_output`, or
// NAME.fixed.EXT beside it when empty — never over the original — through a
// temporary file renamed into place, and says so on stderr. `db` may be null.
// Errors: InvalidArgument for standard input or an output that is the
// original; Unsupported for a format --fix cannot rewrite; IoError when the
// copy cannot be written (nothing is left behind).
Status WriteFixed(const std::string& fix_output, const std::string& resolve_to,
                  const Config& config, const store::Store* db,
                  const linker::Document& doc,
                  const linker::DocumentReport& report);

}  // namespace timecite::cli
