// The checks. Each rule has a stable id (DESIGN.md §4), a default severity, a
// one-line summary, and adds Findings to the citations it applies to, with a
// suggested fix where one can be derived. docs/rules.md lists them all.
//
// The rules here are the offline ones: they read only the document. A
// citation that needs the network to be verified gets the verdict
// `unverified` with the reason "offline" unless a finding decides it.
#pragma once

#include <functional>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "linker/citations/citation.h"

namespace timecite::linker {

enum class Severity { kInfo, kWarning, kError };
const char* SeverityName(Severity s);

enum class Verdict { kOk, kWarning, kBroken, kUnverified };
const char* VerdictName(Verdict v);

struct Finding {
  std::string rule;        // stable id, e.g. "asset-id-malformed"
  Severity severity = Severity::kWarning;
  std::string message;     // one line
  std::string suggestion;  // a corrected URL or an instruction; may be empty
};

struct CheckedCitation {
  Citation citation;
  std::vector<Finding> findings;
  Verdict verdict = Verdict::kUnverified;
  std::string reason;  // why unverified ("offline"), empty otherwise
};

// One rule. Apply sees every citation of one document, so rules that compare
// citations (asset-id-conflict) are rules like the others.
class Rule {
 public:
  virtual ~Rule() = default;
  virtual std::string_view id() const = 0;
  virtual Severity default_severity() const = 0;
  virtual std::string_view summary() const = 0;
  virtual void Apply(std::vector<CheckedCitation>& citations) const = 0;
};

// The offline rules, in the order they run.
const std::vector<std::unique_ptr<Rule>>& OfflineRules();

struct CheckOptions {
  // Offline: what needs the network is unverified ("offline"). Online: the
  // `online` step (verify.h) runs after the offline rules and sets a reason
  // on what it could not verify; a citation with no finding and no reason is
  // ok.
  bool offline = true;
  std::function<void(std::vector<CheckedCitation>&)> online;
  // Rule id → "off" (finding dropped), "info", "warning" or "error".
  std::map<std::string, std::string> severity;
  // ECMAScript regexes matched against the URL as written (URLs longer than
  // kMaxPatternUrlBytes never match): `exclude` drops the citation before any
  // rule runs; `accept` makes it ok whatever its findings.
  std::vector<std::string> accept;
  std::vector<std::string> exclude;
};

inline constexpr std::size_t kMaxPatternUrlBytes = 4096;

// Every rule id a configuration may name: the offline rules and those that
// need the network (docs/rules.md).
const std::vector<std::string>& KnownRuleIds();

// Drops excluded citations, runs every rule (and `online`), applies the
// severity overrides, and sets each verdict: broken when a finding is an
// error, warning when one is a warning, otherwise unverified when offline or
// when the online step left a reason, else ok; accepted URLs are ok. REQUIRES: the patterns are valid regexes
// (common/config.h checks them).
std::vector<CheckedCitation> CheckCitations(std::vector<Citation> citations,
                                            const CheckOptions& options);

// Query parameters that only track the reader ("utm_source", Twitter's "s"
// and "t", YouTube's "si", ...), for `host`. Exposed for tests.
bool IsTrackingParameter(std::string_view host, std::string_view name);

// Ids that differ only by look-alike characters (0/o, 1/l/i, 5/s, 2/z, 8/b)?
// Equal ids are not look-alikes.
bool LookAlike(std::string_view a, std::string_view b, std::string* pairs);

}  // namespace timecite::linker
