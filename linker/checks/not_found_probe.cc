#include "linker/checks/not_found_probe.h"

#include <string>

#include "common/url.h"
#include "linker/checks/verify.h"
#include "linker/document/reader_html.h"

namespace timecite::linker {
namespace {

// A page's visible text (the HTML reader's), with every occurrence of the
// paths a not-found page may echo removed; the bytes themselves when they
// are not HTML the reader takes.
std::string VisibleText(std::string_view body, std::string_view path_a,
                        std::string_view path_b) {
  auto doc = ReadHtml("page.html", body);
  std::string text = doc.ok() ? doc->text : std::string(body);
  for (std::string_view path : {path_a, path_b}) {
    if (path.size() < 2) continue;  // "/" is everywhere
    for (size_t at = text.find(path); at != std::string::npos;
         at = text.find(path, at)) {
      text.erase(at, path.size());
    }
  }
  return text;
}

std::string PathOf(const std::string& url) {
  auto u = ParseUrl(url);
  return u.ok() ? u->path : "";
}

std::string RequestOf(const std::string& url) {
  auto u = ParseUrl(url);
  return u.ok() ? u->request : url;
}

bool SameText(std::string_view a, std::string_view b) {
  if (a == b) return true;
  return QuoteCoverage(a, b) >= 0.9 && QuoteCoverage(b, a) >= 0.9;
}

}  // namespace

std::string NotFoundProbeUrl(std::string_view canonical) {
  auto url = ParseUrl(canonical);
  if (!url.ok()) return "";
  std::string path = url->path;
  const bool slash = path.size() > 1 && path.back() == '/';
  if (slash) path.pop_back();
  const size_t cut = path.rfind('/');
  std::string dir = cut == std::string::npos ? "/" : path.substr(0, cut + 1);
  const std::string last = cut == std::string::npos ? path : path.substr(cut + 1);
  for (char& c : dir) {
    if (c >= '0' && c <= '9') c = '0';
  }
  // The last segment's extension (".htm", ".shtml", ".pdf"): a site may
  // route by it.
  std::string ext;
  if (const size_t dot = last.rfind('.');
      dot != std::string::npos && dot > 0 && last.size() - dot <= 6) {
    ext = last.substr(dot);
    for (size_t i = 1; i < ext.size(); ++i) {
      const char c = ext[i];
      if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
            (c >= '0' && c <= '9'))) {
        ext.clear();
        break;
      }
    }
    if (ext.size() < 2) ext.clear();
  }
  std::string probe = url->scheme + "://" + url->host;
  if (url->port != 0) probe += ":" + std::to_string(url->port);
  probe += dir;
  probe += kProbeSegment;
  probe += ext;
  if (slash) probe += "/";
  auto parsed = ParseUrl(probe);
  return parsed.ok() ? parsed->request : "";
}

ProbeComparison CompareWithNotFoundProbe(const store::FetchRecord& page,
                                         std::string_view page_body,
                                         const store::FetchRecord* probe,
                                         std::string_view probe_body) {
  if (probe == nullptr) return ProbeComparison::kNoProbe;
  if (probe->error == ErrorClass::kHttpStatus) {
    return probe->status == 404 || probe->status == 410
               ? ProbeComparison::kDiffers
               : ProbeComparison::kNoProbe;
  }
  if (probe->error != ErrorClass::kOk || probe->status < 200 ||
      probe->status >= 300) {
    return ProbeComparison::kNoProbe;
  }
  const std::string page_final = page.final_url.empty() ? page.url : page.final_url;
  const std::string probe_final =
      probe->final_url.empty() ? probe->url : probe->final_url;
  if (!page.redirects.empty() && !probe->redirects.empty() &&
      RequestOf(page_final) == RequestOf(probe_final)) {
    return ProbeComparison::kSame;
  }
  if (probe->status != page.status) return ProbeComparison::kDiffers;
  const std::string page_path = PathOf(page.url);
  const std::string probe_path = PathOf(probe->url);
  return SameText(VisibleText(page_body, page_path, probe_path),
                  VisibleText(probe_body, page_path, probe_path))
             ? ProbeComparison::kSame
             : ProbeComparison::kDiffers;
}

}  // namespace timecite::linker
