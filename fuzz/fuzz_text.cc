// libFuzzer target: text and Markdown documents through the whole offline
// pipeline (DocumentFromBytes → ExtractCitations → CheckCitations), as
// `timecite check --no-db` runs it. The first byte picks the format (odd:
// Markdown) and is not part of the document.
#include <cstddef>
#include <cstdint>
#include <string>

#include "linker/citations/citation.h"
#include "linker/document/document.h"
#include "linker/checks/rules.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  const char* path = (data[0] & 1) ? "fuzz.md" : "fuzz.txt";
  std::string bytes(reinterpret_cast<const char*>(data) + 1, size - 1);
  auto doc = timecite::linker::DocumentFromBytes(path, std::move(bytes));
  if (!doc.ok()) return 0;
  auto citations = timecite::linker::ExtractCitations(*doc);
  auto checked = timecite::linker::CheckCitations(std::move(citations),
                                                  timecite::linker::CheckOptions{});
  // Every location the report would print must be inside the document.
  for (const auto& c : checked) {
    if (c.citation.line < 1 || static_cast<std::size_t>(c.citation.line) > doc->line_count()) {
      __builtin_trap();
    }
  }
  return 0;
}
