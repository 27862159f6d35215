#include "common/url.h"

#include <curl/curl.h>

#include <climits>
#include <memory>

namespace timecite {
namespace {

struct UrlDeleter {
  void operator()(CURLU* u) const { curl_url_cleanup(u); }
};
struct CurlStringDeleter {
  void operator()(char* s) const { curl_free(s); }
};
using CurlString = std::unique_ptr<char, CurlStringDeleter>;

// Reads one part; an absent part is an empty string.
std::string Part(CURLU* u, CURLUPart part, unsigned flags = 0) {
  char* raw = nullptr;
  if (curl_url_get(u, part, &raw, flags) != CURLUE_OK || raw == nullptr) {
    return {};
  }
  CurlString owned(raw);
  return std::string(owned.get());
}

std::string Lower(std::string s) {
  for (char& c : s) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return s;
}

}  // namespace

Result<Url> ParseUrl(std::string_view written) {
  std::unique_ptr<CURLU, UrlDeleter> handle(curl_url());
  if (!handle) return Status::IoError("out of memory in curl_url()");
  const std::string copy(written);
  const CURLUcode rc =
      curl_url_set(handle.get(), CURLUPART_URL, copy.c_str(), CURLU_NON_SUPPORT_SCHEME);
  if (rc != CURLUE_OK) {
    return Status::InvalidArgument(std::string("not a valid URL (") +
                                   curl_url_strerror(rc) + "): " + copy);
  }
  Url url;
  url.written = copy;
  url.scheme = Lower(Part(handle.get(), CURLUPART_SCHEME));
  if (url.scheme != "http" && url.scheme != "https") {
    return Status::InvalidArgument("not an http(s) URL: " + copy);
  }
  url.host = Lower(Part(handle.get(), CURLUPART_HOST));
  if (url.host.empty()) return Status::InvalidArgument("URL has no host: " + copy);
  const std::string port = Part(handle.get(), CURLUPART_PORT);
  if (!port.empty()) url.port = std::stoi(port);
  url.path = Part(handle.get(), CURLUPART_PATH);
  if (url.path.empty()) url.path = "/";
  url.query = Part(handle.get(), CURLUPART_QUERY);
  url.fragment = Part(handle.get(), CURLUPART_FRAGMENT);

  const bool default_port = (url.scheme == "http" && url.port == 80) ||
                            (url.scheme == "https" && url.port == 443);
  url.canonical = url.scheme + "://" + url.host;
  if (url.port != 0 && !default_port) url.canonical += ":" + std::to_string(url.port);
  url.canonical += url.path;
  if (copy.find('?') != std::string::npos) url.canonical += "?" + url.query;
  url.request = url.scheme + "://" + url.host;
  if (url.port != 0 && !default_port) url.request += ":" + std::to_string(url.port);
  url.request += NormalizePercentEncoding(url.path);
  if (copy.find('?') != std::string::npos)
    url.request += "?" + NormalizePercentEncoding(url.query);
  if (copy.find('#') != std::string::npos) url.canonical += "#" + url.fragment;
  return url;
}

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

std::string NormalizePercentEncoding(std::string_view text) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  out.reserve(text.size());
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] != '%' || i + 2 >= text.size() || HexValue(text[i + 1]) < 0 ||
        HexValue(text[i + 2]) < 0) {
      out += text[i];
      continue;
    }
    const int v = HexValue(text[i + 1]) * 16 + HexValue(text[i + 2]);
    const bool unreserved = (v >= 'a' && v <= 'z') || (v >= 'A' && v <= 'Z') ||
                            (v >= '0' && v <= '9') || v == '-' || v == '.' ||
                            v == '_' || v == '~';
    if (unreserved) {
      out += static_cast<char>(v);
    } else {
      out += '%';
      out += kHex[v >> 4];
      out += kHex[v & 15];
    }
    i += 2;
  }
  return out;
}

bool HostWithin(std::string_view host, std::string_view domain) {
  if (host == domain) return true;
  return host.size() > domain.size() && host.ends_with(domain) &&
         host[host.size() - domain.size() - 1] == '.';
}

std::string PercentEncode(std::string_view bytes) {
  // curl reads a length of 0 as "use strlen"; a NULL handle is allowed since
  // curl 7.82.0 (Debian 12 has 7.88).
  if (bytes.empty() || bytes.size() > static_cast<std::size_t>(INT_MAX)) return {};
  CurlString out(curl_easy_escape(nullptr, bytes.data(), static_cast<int>(bytes.size())));
  return out ? std::string(out.get()) : std::string();
}

}  // namespace timecite
