// Fixture builders for the reader tests: ZIP archives (DOCX) assembled with
// libzip from XML strings, PDFs drawn with cairo. Everything is generated in
// memory by the tests; no fixture is copied from elsewhere.
#pragma once

#include <string>
#include <utility>
#include <vector>

namespace timecite::testing {

// A ZIP archive holding `entries` (name, contents), deflated.
std::string MakeZip(const std::vector<std::pair<std::string, std::string>>& entries);

// The WordprocessingML namespaces, for the root element of a part.
inline constexpr const char* kWordNs =
    "xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\" "
    "xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\"";

// A relationships part with one external hyperlink per (id, target).
std::string MakeRels(const std::vector<std::pair<std::string, std::string>>& links);

// Draws a PDF with cairo. Coordinates in points from the top left.
class PdfDrawer {
 public:
  PdfDrawer();
  ~PdfDrawer();
  PdfDrawer(const PdfDrawer&) = delete;
  PdfDrawer& operator=(const PdfDrawer&) = delete;

  // Shows `text` at (x, y) (baseline) in DejaVu Sans of `size` points;
  // returns the x where the text ends.
  double Text(double x, double y, double size, const std::string& text);
  // As Text, inside a link annotation to `uri`.
  double Link(double x, double y, double size, const std::string& text, const std::string& uri);
  void NextPage();
  // Finishes the document and returns its bytes.
  std::string Finish();

 private:
  struct Impl;
  Impl* impl_;
};

}  // namespace timecite::testing
