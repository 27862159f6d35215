// Online verification (issue 6; DESIGN.md §4): the rules that need what the
// crawler fetched and the indexer indexed. They read the store only — never
// the network (DESIGN §2: "linker asks the store"). The caller (cli/) first
// fetches and indexes what PlanFetches names, then runs VerifyCitations.
//
// Rules (docs/rules.md has the full reference):
//   every link   link-broken (404/410, a redirect loop, a DNS failure that
//                persists), link-redirected (a permanent redirect: the new
//                URL is the suggestion), soft-404 (200 with a not-found page,
//                or a deep link sent to the site's home page),
//                link-unreachable, link-rate-limited, tls-error,
//                private-address (could not tell: unverified),
//                content-type-mismatch (a cited PDF that
//                answers HTML), document-symbol-mismatch (the footnote's
//                symbol against the one the fetched URL names)
//   recordings   asset-not-found, asset-removed, player-id-redirected (info,
//                with the canonical entry), timecode-beyond-end,
//                date-mismatch (one day of tolerance for time zones),
//                speaker-mismatch (a country the footnote or its citing
//                sentence names against the affiliation of the statement at
//                the timecode, one statement of tolerance either side),
//                quote-not-found (a quotation of the citing sentence against
//                the transcript in its language around the timecode)
//
// "Could not tell" is never a finding of severity error: such citations get
// CheckedCitation::reason, and the verdict `unverified` (rules.h).
//
// History (recheck): with VerifyOptions::use_history a failing link is
// `broken` only after `history.failures` failed checks whose first and last
// are at least `history.min_days` apart with no success since the first;
// before that it is unverified with the count so far. Without it (check), a
// 404/410 or a redirect loop is broken at once — the server said so — and a
// DNS failure only when the history shows it persists.
//
// Thread safety: none needed; VerifyCitations reads the store (const).
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "linker/citations/countries.h"
#include "linker/checks/history.h"
#include "linker/checks/rules.h"
#include "store/store.h"

namespace timecite::linker {

struct VerifyOptions {
  int64_t now_ms = 0;  // unix ms of this run
  bool use_history = false;
  HistoryPolicy history;  // N failed checks at least D days apart (history.h)
  // Country names for speaker-mismatch; the rule is off when null. Not owned.
  const CountryTable* countries = nullptr;
  // The quotation window around a citation's timecode, ms.
  int64_t quote_before_ms = 5 * 60'000;
  int64_t quote_after_ms = 15 * 60'000;
  // The URL actually fetched for a cited URL ([[remap]] of timecite.toml);
  // identity when empty. Takes and returns canonical URLs (common/url.h).
  std::function<std::string(const std::string&)> map_url;
  // The archive copy of a dead URL, when one is known (the Wayback Machine's
  // answer, looked up by the caller); empty function or "" when none.
  std::function<std::string(const std::string&)> archive_url;
  // Fetch keys (the mapped canonical URLs of PlanFetches) and asset ids this
  // run meant to fetch but did not finish (check/recheck --deadline passed, or
  // the run was interrupted): their citations are `unverified` with
  // `unfinished_reason`, whatever an earlier run stored for them.
  std::set<std::string> unfinished;
  std::string unfinished_reason;
};

// What the citations need fetched and indexed before VerifyCitations can
// judge them: every cited URL (mapped, canonical, each once, in first-seen
// order) and every well-formed UN Web TV asset id. A citation's
// url_alternative is not in it: PlanAlternativeFetches names the ones worth
// a request once these are fetched.
struct FetchPlan {
  std::vector<std::string> urls;
  std::vector<std::string> asset_ids;
};
FetchPlan PlanFetches(const std::vector<Citation>& citations,
                      const VerifyOptions& options);

// The other readings (Citation::url_alternative; mapped, canonical, each
// once, in first-seen order) of the citations whose URL as read failed for
// certain in its latest check (404, 410, DNS, redirect loop): fetch them
// after PlanFetches' URLs and before SettleUrlAlternatives. A URL that
// answers costs no second request. Errors: a store read failed (other than
// NotFound).
Result<std::vector<std::string>> PlanAlternativeFetches(
    const std::vector<Citation>& citations, const store::Store& db,
    const VerifyOptions& options);

// Settles the citations a reader could read two ways (Citation::
// url_alternative: a URL broken across lines at a hyphen or wrapped, or a
// final punctuation that may be the URL's), from what was fetched for
// PlanFetches and PlanAlternativeFetches: when the latest check of the URL as read is a
// certain failure (404, 410, DNS, redirect loop: linker/checks/history.h) and the
// latest check of the other reading succeeded, the citation takes the other
// reading (AssignUrl; url_alternative then holds the reading that failed,
// and url_alternative_taken is set). Run it before the rules. Returns how
// many citations changed. Errors: a store read failed (other than NotFound).
Result<int> SettleUrlAlternatives(std::vector<Citation>& citations,
                                  const store::Store& db,
                                  const VerifyOptions& options);

// Links written without a scheme (`undocs.org/A/75/816`, `www.un.org/...`)
// are fetched over https; when that fails for certain — the connection is
// refused or TLS fails (handshake, certificate) — they are fetched over http.
// PlanSchemeFallbacks names the http fetch keys (mapped, canonical, each
// once, in first-seen order) of the citations whose latest https check so
// failed; fetch them after PlanFetches' URLs, then SettleSchemeFallbacks
// points each such citation whose http check succeeded at its http URL
// (url_canonical and url; url_written stays as written, so it is reported as
// written) and returns how many changed. Errors: a store read failed (other
// than NotFound).
Result<std::vector<std::string>> PlanSchemeFallbacks(
    const std::vector<Citation>& citations, const store::Store& db,
    const VerifyOptions& options);
Result<int> SettleSchemeFallbacks(std::vector<Citation>& citations,
                                  const store::Store& db,
                                  const VerifyOptions& options);

// The host probes (linker/checks/not_found_probe.h) worth a request once
// PlanFetches' URLs are fetched and the alternatives settled: one per host
// and directory pattern among the citations whose answer is suspect — a
// page served with 200 whose title alone reads like a not-found page, or a
// deep link redirected to the site's home page. Canonical, each once, in
// first-seen order; none for an answer that is clear either way. Fetch
// them before VerifyCitations, which compares each suspect page with its
// probe's stored answer (soft-404 as an error when the page is the host's
// not-found answer, no finding or a warning when the host answers a missing
// page otherwise, the title-only warning when no probe answered). Errors: a
// store read failed (other than NotFound).
Result<std::vector<std::string>> PlanNotFoundProbes(
    const std::vector<Citation>& citations, const store::Store& db,
    const VerifyOptions& options);

// The online rules, as a table (ids, default severities, summaries) for
// KnownRuleIds and docs/rules.md. Their Apply does nothing: they need the
// store, see VerifyCitations.
const std::vector<std::unique_ptr<Rule>>& OnlineRules();

// Applies the online rules to `citations` (after the offline ones), reading
// fetch records, fetch history, bodies, recordings and segments from `db`.
// Sets `reason` on every citation that could not be verified. Errors: a store
// read failed (other than NotFound).
Status VerifyCitations(std::vector<CheckedCitation>& citations,
                       const store::Store& db, const VerifyOptions& options);

// ---- pieces, exposed for tests ---------------------------------------------

// A URL's current streak of failed checks and the policy's view of it.
struct LinkHistory : FailureStreak {
  bool persistent = false;  // VerifyOptions::history confirms the streak
};
// `log` is a URL's fetch history, oldest first (Store::FetchHistory).
LinkHistory SummarizeHistory(const std::vector<store::FetchRecord>& log,
                             const VerifyOptions& options);

// What an HTML body served with 200 says about being a "page not found"
// page: kKnownPage for a site's known not-found page (UN Web TV's "The
// requested page could not be found."), the evidence of a soft 404;
// kTitleOnly when only its <title> or first heading reads like one, in any
// of the six UN languages ("404", "not found", "page non trouvée", "не
// найдена", "找不到", ...) — a real page can say so as ordinary language, so
// the soft-404 finding is then a warning, never an error (issue 20).
enum class NotFoundEvidence { kNone, kTitleOnly, kKnownPage };
NotFoundEvidence NotFoundPageEvidence(std::string_view body);

// NotFoundPageEvidence(body) != kNone.
bool LooksLikeNotFoundPage(std::string_view body);

// Quotations in `text`: spans between “ ” « » „ “ 「 」 『 』 or straight
// double quotes, long enough to be checked (3 words, or 6 CJK characters).
std::vector<std::string> FindQuotations(std::string_view text);

// How much of `quote` appears in `text`, from 0 to 1: the share of the
// quote's word bigrams (character bigrams for CJK) found in `text`, after
// folding case, width and punctuation.
double QuoteCoverage(std::string_view quote, std::string_view text);

}  // namespace timecite::linker
