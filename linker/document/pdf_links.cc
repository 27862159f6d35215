#include "linker/document/pdf_links.h"

#include <poppler.h>

#include <algorithm>
#include <climits>
#include <memory>
#include <mutex>

namespace timecite::linker {
namespace {

void IgnoreLog(const gchar*, GLogLevelFlags, const gchar*, gpointer) {}

// poppler-glib logs parse errors of damaged files through GLib; the reader
// reports its own errors instead.
void SilencePopplerGlib() {
  static std::once_flag once;
  std::call_once(once, [] {
    g_log_set_handler("Poppler", static_cast<GLogLevelFlags>(G_LOG_LEVEL_MASK),
                      IgnoreLog, nullptr);
  });
}

struct Unref {
  void operator()(gpointer object) const { g_object_unref(object); }
};
struct BytesUnref {
  void operator()(GBytes* bytes) const { g_bytes_unref(bytes); }
};
struct ErrorFree {
  void operator()(GError* error) const { g_error_free(error); }
};

}  // namespace

std::vector<PdfLink> PdfLinkAnnotations(std::string_view bytes) {
  std::vector<PdfLink> out;
  if (bytes.empty() || bytes.size() > static_cast<std::size_t>(INT_MAX))
    return out;
  SilencePopplerGlib();
  // GBytes without a copy: `bytes` outlives the document.
  std::unique_ptr<GBytes, BytesUnref> data(
      g_bytes_new_static(bytes.data(), bytes.size()));
  GError* raw_error = nullptr;
  std::unique_ptr<PopplerDocument, Unref> doc(
      poppler_document_new_from_bytes(data.get(), nullptr, &raw_error));
  std::unique_ptr<GError, ErrorFree> error(raw_error);
  if (!doc) return out;
  const int pages = poppler_document_get_n_pages(doc.get());
  for (int p = 0; p < pages; ++p) {
    std::unique_ptr<PopplerPage, Unref> page(
        poppler_document_get_page(doc.get(), p));
    if (!page) continue;
    double width = 0, height = 0;
    poppler_page_get_size(page.get(), &width, &height);
    GList* mapping = poppler_page_get_link_mapping(page.get());
    const std::size_t first = out.size();
    for (GList* l = mapping; l != nullptr; l = l->next) {
      const auto* m = static_cast<const PopplerLinkMapping*>(l->data);
      if (m->action == nullptr || m->action->type != POPPLER_ACTION_URI ||
          m->action->uri.uri == nullptr) {
        continue;
      }
      // poppler-glib gives the area in PDF space (origin bottom-left).
      PdfLink link;
      link.page = p;
      link.left = std::min(m->area.x1, m->area.x2);
      link.right = std::max(m->area.x1, m->area.x2);
      link.top = height - std::max(m->area.y1, m->area.y2);
      link.bottom = height - std::min(m->area.y1, m->area.y2);
      link.uri = m->action->uri.uri;
      out.push_back(std::move(link));
    }
    poppler_page_free_link_mapping(mapping);
    std::stable_sort(out.begin() + static_cast<std::ptrdiff_t>(first),
                     out.end(), [](const PdfLink& a, const PdfLink& b) {
                       return a.top != b.top ? a.top < b.top : a.left < b.left;
                     });
  }
  return out;
}

}  // namespace timecite::linker
