// Soft 404 by a host probe (issue 20; docs/rules.md, "soft-404"): a page is
// compared with what the same host answers for a path that certainly does
// not exist, as careful link checkers do. A host that answers such a path
// with 404 or 410 does not hide missing pages behind a 200, so a page it
// serves with 200 is not a soft 404 whatever its title says; a host that
// answers 200 (or sends it to its home page) shows what its not-found answer
// looks like, and a cited page that looks the same is one.
//
// One probe per host and directory pattern: the probe URL keeps the cited
// URL's scheme, host and port, its directory with every ASCII digit as '0'
// (`/en/story/2023/12/` and `/en/story/2021/07/` share `/en/story/0000/00/`),
// the extension of its last segment and its final '/', and ends in a
// segment no site has (kProbeSegment). The probe is fetched like any cited
// URL (crawler/: robots.txt, politeness, counted in the run's requests) and
// stored under its canonical URL, so every citation of the same pattern in
// the run reads the one answer.
//
// Thread safety: pure functions.
#pragma once

#include <string>
#include <string_view>

#include "store/store.h"

namespace timecite::linker {

// The last path segment of every probe (before the extension and the '/').
inline constexpr std::string_view kProbeSegment =
    "timecite-no-such-page-q7z3x9";

// The probe URL (canonical, common/url.h) of the page at `canonical`; "" when
// `canonical` is not an http(s) URL. The query and fragment are dropped.
std::string NotFoundProbeUrl(std::string_view canonical);

// How a page compares with the host's not-found answer.
enum class ProbeComparison {
  kNoProbe,   // no usable probe answer (not fetched, no answer, 403, 429,
              // 5xx, robots.txt): the page is judged without it
  kSame,      // the page is the host's not-found answer: a soft 404
  kDiffers,   // the host answers a missing path otherwise: not a soft 404
};

// Compares the answer of a cited page (`page`, a fetch that succeeded;
// `page_body` its HTML body, "" when none was read) with the probe of its
// pattern (`probe`, null when never fetched; `probe_body` likewise):
//   - probe 404 or 410: kDiffers (the host says "not found" by status);
//   - probe and page both redirected and ending at the same URL (the home
//     page, say): kSame;
//   - probe answered 2xx with the same status as the page and a body
//     whose visible text is the page's (each covers 90 % of the other's
//     word bigrams, after removing the requested paths a not-found page
//     echoes): kSame; otherwise kDiffers;
//   - anything else: kNoProbe.
ProbeComparison CompareWithNotFoundProbe(const store::FetchRecord& page,
                                         std::string_view page_body,
                                         const store::FetchRecord* probe,
                                         std::string_view probe_body);

}  // namespace timecite::linker
