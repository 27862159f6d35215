// timecite::pipeline::FixReport — the corrected copy `check --fix` writes: each
// suggested URL applied (the most specific rule first) and each recording cited
// with a start time linked to that moment (the site profile's [links]
// templates, indexer/catalog/query.h DeepLinks), through linker::FixDocument.
#pragma once

#include <string>
#include <string_view>

#include "common/status.h"
#include "indexer/profile.h"
#include "linker/document/document.h"
#include "linker/report/report.h"
#include "store/store.h"

namespace timecite::pipeline {

struct FixedReport {
  std::string text;   // the whole corrected report
  int corrected = 0;  // URLs replaced by a rule's suggestion
  int resolved = 0;   // recordings linked at the cited moment
};

// `original`: the report's bytes as on disk; `doc` and `report`: what check
// read and found in them. `resolve_to`: "transcripts" (UN Transcripts at ?t=
// when the recording has a transcript, else the Kaltura player), "kaltura" or
// "none". `db` may be null (no deep links). Errors: as linker::FixDocument
// (a format it cannot rewrite is Unsupported).
Result<FixedReport> FixReport(std::string_view original,
                              const linker::Document& doc,
                              const linker::DocumentReport& report,
                              const indexer::Profile& links,
                              const store::Store* db,
                              std::string_view resolve_to);

}  // namespace timecite::pipeline
