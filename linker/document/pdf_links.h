// Link annotations of a PDF, read with poppler-glib (poppler 22.12's GLib
// binding: poppler_page_get_link_mapping → PopplerActionUri). poppler-cpp,
// which reads the text (linker/document/reader_pdf.cc), has no link API; poppler-glib
// parses the whole file, so links inside compressed object streams (Word's
// "Save as PDF") are found too. Kept in its own file: poppler-glib and
// poppler-cpp ship headers of the same names (poppler-document.h, …).
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace timecite::linker {

// One link annotation whose action opens a URI.
struct PdfLink {
  int page = 0;  // 0-based page index
  // The annotation's rectangle in points, origin at the page's top-left
  // corner, y downwards (as poppler-cpp gives text boxes).
  double left = 0, top = 0, right = 0, bottom = 0;
  std::string uri;  // as stored in the file (the /URI string)
};

// The URI link annotations of every page of `bytes`, page by page, on each
// page top to bottom then left to right. Links whose action is not a URI
// (internal destinations, launch actions) are left out. A file poppler cannot
// open (damaged, encrypted) gives an empty list: ReadPdf reports those.
std::vector<PdfLink> PdfLinkAnnotations(std::string_view bytes);

}  // namespace timecite::linker
