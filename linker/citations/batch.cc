#include "linker/citations/batch.h"

#include <exception>
#include <new>

#include "common/parallel.h"
#include "linker/document/reader_common.h"

namespace timecite::linker {

std::vector<ExtractedFile> LoadAndExtract(const std::vector<std::string>& paths,
                                          unsigned jobs, bool keep_documents) {
  std::vector<ExtractedFile> out(paths.size());
  ParallelFor(paths.size(), jobs, [&](std::size_t i) {
    ExtractedFile& file = out[i];
    file.path = paths[i];
    // An exception must not leave a worker thread (std::terminate): it is
    // this file's error, and the other files are still read.
    try {
      auto doc = LoadDocument(paths[i]);
      if (!doc.ok()) {
        file.status = doc.status();
        return;
      }
      file.citations = ExtractCitations(*doc);
      file.format_note = FormatMismatch(paths[i], doc->format);
      if (keep_documents) file.document = std::move(doc).value();
    } catch (const std::bad_alloc&) {
      file = ExtractedFile{
          paths[i], Status::IoError(paths[i] + ": out of memory"), {}, {}, {}};
    } catch (const std::exception& e) {
      file = ExtractedFile{
          paths[i], Status::IoError(paths[i] + ": " + e.what()), {}, {}, {}};
    }
  });
  return out;
}

}  // namespace timecite::linker
