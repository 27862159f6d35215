#include "reader_fixtures.h"

#include <cairo-pdf.h>
#include <cairo.h>
#include <zip.h>

#include <stdexcept>

// cairo's toy font API and poppler's font substitution look fonts up through
// fontconfig, which keeps patterns it never frees: not timecite's leaks.
// (LeakSanitizer reads this hook in the asan preset; elsewhere it is unused.)
extern "C" const char* __lsan_default_suppressions() { return "leak:libfontconfig.so\n"; }

namespace timecite::testing {

std::string MakeZip(const std::vector<std::pair<std::string, std::string>>& entries) {
  zip_error_t error;
  zip_error_init(&error);
  zip_source_t* buffer = zip_source_buffer_create(nullptr, 0, 0, &error);
  zip_t* archive = zip_open_from_source(buffer, ZIP_TRUNCATE, &error);
  if (archive == nullptr) throw std::runtime_error("zip_open_from_source failed");
  zip_source_keep(buffer);
  for (const auto& [name, data] : entries) {
    zip_source_t* s = zip_source_buffer(archive, data.data(), data.size(), 0);
    if (s == nullptr || zip_file_add(archive, name.c_str(), s, ZIP_FL_ENC_UTF_8) < 0) {
      throw std::runtime_error("zip_file_add failed");
    }
  }
  if (zip_close(archive) != 0) throw std::runtime_error("zip_close failed");
  std::string out;
  zip_source_open(buffer);
  zip_source_seek(buffer, 0, SEEK_END);
  out.resize(static_cast<std::size_t>(zip_source_tell(buffer)));
  zip_source_seek(buffer, 0, SEEK_SET);
  zip_source_read(buffer, out.data(), out.size());
  zip_source_close(buffer);
  zip_source_free(buffer);
  zip_error_fini(&error);
  return out;
}

std::string MakeRels(const std::vector<std::pair<std::string, std::string>>& links) {
  std::string out =
      "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
      "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">";
  for (const auto& [id, target] : links) {
    out += "<Relationship Id=\"" + id +
           "\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
           "hyperlink\" Target=\"" + target + "\" TargetMode=\"External\"/>";
  }
  out += "<Relationship Id=\"rIdStyles\" Type=\"http://schemas.openxmlformats.org/"
         "officeDocument/2006/relationships/styles\" Target=\"styles.xml\"/>";
  return out + "</Relationships>";
}

struct PdfDrawer::Impl {
  std::string bytes;
  cairo_surface_t* surface = nullptr;
  cairo_t* cr = nullptr;
};

namespace {
cairo_status_t Append(void* closure, const unsigned char* data, unsigned int length) {
  static_cast<std::string*>(closure)->append(reinterpret_cast<const char*>(data), length);
  return CAIRO_STATUS_SUCCESS;
}
}  // namespace

PdfDrawer::PdfDrawer() : impl_(new Impl) {
  impl_->surface = cairo_pdf_surface_create_for_stream(Append, &impl_->bytes, 595, 842);
  impl_->cr = cairo_create(impl_->surface);
  cairo_select_font_face(impl_->cr, "DejaVu Sans", CAIRO_FONT_SLANT_NORMAL,
                         CAIRO_FONT_WEIGHT_NORMAL);
}

PdfDrawer::~PdfDrawer() {
  if (impl_->cr) cairo_destroy(impl_->cr);
  if (impl_->surface) cairo_surface_destroy(impl_->surface);
  delete impl_;
}

double PdfDrawer::Text(double x, double y, double size, const std::string& text) {
  cairo_set_font_size(impl_->cr, size);
  cairo_move_to(impl_->cr, x, y);
  cairo_show_text(impl_->cr, text.c_str());
  double end_x = 0, end_y = 0;
  cairo_get_current_point(impl_->cr, &end_x, &end_y);
  return end_x;
}

double PdfDrawer::Link(double x, double y, double size, const std::string& text,
                       const std::string& uri) {
  const std::string attributes = "uri='" + uri + "'";
  cairo_tag_begin(impl_->cr, CAIRO_TAG_LINK, attributes.c_str());
  const double end = Text(x, y, size, text);
  cairo_tag_end(impl_->cr, CAIRO_TAG_LINK);
  return end;
}

void PdfDrawer::NextPage() { cairo_show_page(impl_->cr); }

std::string PdfDrawer::Finish() {
  cairo_destroy(impl_->cr);
  impl_->cr = nullptr;
  cairo_surface_finish(impl_->surface);
  cairo_surface_destroy(impl_->surface);
  impl_->surface = nullptr;
  return std::move(impl_->bytes);
}

}  // namespace timecite::testing
