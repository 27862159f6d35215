#include "linker/batch.h"

#include "common/parallel.h"

namespace timecite::linker {

std::vector<ExtractedFile> LoadAndExtract(const std::vector<std::string>& paths,
                                          unsigned jobs, bool keep_documents) {
  std::vector<ExtractedFile> out(paths.size());
  ParallelFor(paths.size(), jobs, [&](std::size_t i) {
    ExtractedFile& file = out[i];
    file.path = paths[i];
    auto doc = LoadDocument(paths[i]);
    if (!doc.ok()) {
      file.status = doc.status();
      return;
    }
    file.citations = ExtractCitations(*doc);
    if (keep_documents) file.document = std::move(doc).value();
  });
  return out;
}

}  // namespace timecite::linker
