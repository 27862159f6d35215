// URL parsing and normalisation through libcurl's URL API (curl_url(3),
// RFC 3986 as curl reads it). This file and crawler/ are the only code that
// include curl headers; nothing curl-specific leaks through this header.
//
// Normalisation keeps the query and the fragment byte-exact (`?OpenElement`,
// `?s=20` are data): only the scheme and host are lower-cased, a default port is
// dropped, and an empty path becomes "/". What is fetched (Url::request) is
// that without the fragment and with its percent-encoding normalised
// (RFC 3986 §6.2.2).
#pragma once

#include <string>
#include <string_view>

#include "common/status.h"

namespace timecite {

struct Url {
  std::string written;    // the URL exactly as found in the source
  std::string canonical;  // normalised as described above
  std::string scheme;     // "http" or "https", lower case
  std::string host;       // lower case, no port
  int port = 0;           // 0 when the URL names none
  std::string path;       // as written, percent-encoding kept; "/" at least
  std::string query;      // without '?', empty when absent
  std::string fragment;   // without '#', empty when absent
  // What is sent, and the key its answer is stored under (crawler/
  // RequestKey): `canonical` without the fragment (never sent: `page#a` and
  // `page#b` are one request) and with the path's and query's
  // percent-encoding normalised (NormalizePercentEncoding: `%7e` and `~` are
  // one request).
  std::string request;
};

// Parses an absolute http(s) URL. Errors: InvalidArgument naming what curl
// rejected (bad host, bad port, unsupported scheme, ...).
Result<Url> ParseUrl(std::string_view written);

// RFC 3986 §6.2.2.1-2 on a path or query: a %XX of an unreserved character
// (ALPHA DIGIT "-._~") decoded, every other %XX written in upper-case hex;
// other bytes (and a '%' not followed by two hex digits) kept.
// "/%7euser/a%2fb%41" -> "/~user/a%2FbA".
std::string NormalizePercentEncoding(std::string_view text);

// The value of an ASCII hex digit (0-9, a-f, A-F); -1 for any other byte.
int HexValue(char c);

// True when `host` is `domain` or a subdomain of it ("media.un.org" is within
// "un.org"). Both lower case.
bool HostWithin(std::string_view host, std::string_view domain);

// Percent-encodes every byte outside RFC 3986's unreserved set (ALPHA DIGIT
// "-._~") as %XX in upper case (curl_easy_escape), for a query value such as
// the `url` parameter of an API call. "a b&c" -> "a%20b%26c".
std::string PercentEncode(std::string_view bytes);

}  // namespace timecite
