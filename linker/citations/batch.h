// Loading and extracting many reports at once, on several threads (a
// scheduled run over a folder of reports; `timecite check --jobs N`).
#pragma once

#include <string>
#include <vector>

#include "common/status.h"
#include "linker/citations/citation.h"
#include "linker/document/document.h"

namespace timecite::linker {

struct ExtractedFile {
  std::string path;   // as given
  Status status;      // Ok, or LoadDocument's error for this file
  Document document;  // the loaded document, when Ok and asked for
  std::vector<Citation> citations;  // ExtractCitations(document), when Ok
  // Ok but read by its content against its name (FormatMismatch): "named
  // .pdf but not a PDF (no %PDF- header); read as text"; else "".
  std::string format_note;
};

// LoadDocument + ExtractCitations for each of `paths` on up to `jobs`
// threads (0: one per hardware thread; see common/parallel.h). Results are
// in the order of `paths`, each file's the same as a serial run's; a file
// that cannot be read gets its error and does not stop the others. The
// documents are kept only with `keep_documents` (they can be 64 MiB each).
// At most one path may be "-" (standard input). An exception while reading
// or extracting a file (out of memory) becomes that file's IoError.
std::vector<ExtractedFile> LoadAndExtract(const std::vector<std::string>& paths,
                                          unsigned jobs, bool keep_documents);

}  // namespace timecite::linker
