#include "linker/checks/verify.h"

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <map>
#include <set>
#include <unordered_set>

#include "common/count.h"
#include "common/symbol.h"
#include "common/time.h"
#include "common/url.h"
#include "common/utf8.h"
#include "linker/checks/history.h"
#include "linker/checks/not_found_probe.h"
#include "linker/citations/timecode.h"
#include "linker/citations/webtv.h"
#include "linker/document/urls.h"

namespace timecite::linker {
namespace {

// One online rule: its id, default severity and summary (the table of
// docs/rules.md). The logic is in VerifyCitations, which needs the store.
class OnlineRule : public Rule {
 public:
  OnlineRule(std::string_view id, Severity severity, std::string_view summary)
      : id_(id), severity_(severity), summary_(summary) {}
  std::string_view id() const override { return id_; }
  Severity default_severity() const override { return severity_; }
  std::string_view summary() const override { return summary_; }
  void Apply(std::vector<CheckedCitation>&) const override {}

 private:
  std::string_view id_;
  Severity severity_;
  std::string_view summary_;
};

Severity DefaultSeverity(std::string_view id) {
  for (const auto& r : OnlineRules()) {
    if (r->id() == id) return r->default_severity();
  }
  for (const auto& r : OfflineRules()) {
    if (r->id() == id) return r->default_severity();
  }
  return Severity::kWarning;
}

void Add(CheckedCitation& c, std::string_view rule, std::string message,
         std::string suggestion = "") {
  c.findings.push_back(Finding{std::string(rule), DefaultSeverity(rule),
                               std::move(message), std::move(suggestion)});
}

// Sets the reason of an unverified citation (the first one wins: it is the
// most basic).
void CouldNotTell(CheckedCitation& c, std::string reason) {
  if (c.reason.empty()) c.reason = std::move(reason);
}

// The fetch key of a canonical URL: mapped ([[remap]]), then what is sent
// (Url::request: no fragment, percent-encoding normalised).
std::string MappedKeyOf(const std::string& canonical, const VerifyOptions& o) {
  if (canonical.empty()) return "";
  const std::string mapped = o.map_url ? o.map_url(canonical) : canonical;
  auto u = ParseUrl(mapped);
  return u.ok() ? u->request : mapped;
}

std::string MappedKey(const Citation& c, const VerifyOptions& o) {
  return MappedKeyOf(c.url_canonical, o);
}

// The fetch key of a URL as written; "" when it does not parse.
std::string MappedCanonical(const std::string& written,
                            const VerifyOptions& o) {
  auto u = ParseUrl(WithDefaultScheme(written));
  return u.ok() ? MappedKeyOf(u->canonical, o) : "";
}

// Days since 1970-01-01 of "YYYY-MM-DD"; nullopt when malformed.
std::optional<int64_t> DayNumber(std::string_view iso) {
  if (iso.size() != 10 || iso[4] != '-' || iso[7] != '-') return std::nullopt;
  auto num = [&](size_t pos, size_t len) {
    int v = 0;
    for (size_t i = pos; i < pos + len; ++i) {
      if (iso[i] < '0' || iso[i] > '9') return -1;
      v = v * 10 + (iso[i] - '0');
    }
    return v;
  };
  const int y = num(0, 4), m = num(5, 2), d = num(8, 2);
  if (y < 0 || m < 0 || d < 0) return std::nullopt;
  const std::chrono::year_month_day date{
      std::chrono::year{y}, std::chrono::month{static_cast<unsigned>(m)},
      std::chrono::day{static_cast<unsigned>(d)}};
  if (!date.ok()) return std::nullopt;
  return std::chrono::sys_days{date}.time_since_epoch().count();
}

std::string Describe(const store::FetchRecord& r) {
  std::string msg;
  if (r.error == ErrorClass::kHttpStatus ||
      (r.error == ErrorClass::kOk && r.status >= 400)) {
    msg = "HTTP " + std::to_string(r.status);
  } else if (r.error != ErrorClass::kOk) {
    msg = ErrorClassName(r.error);
    if (!r.error_message.empty()) msg += " (" + r.error_message + ")";
  } else {
    msg = "HTTP " + std::to_string(r.status);
  }
  return msg;
}

bool PathIsHome(std::string_view path) {
  if (path.empty() || path == "/") return true;
  static const char* const kLangs[] = {"/en", "/fr", "/es",
                                       "/ru", "/ar", "/zh"};
  for (const char* l : kLangs) {
    std::string_view lv(l);
    if (path == lv || (path.size() == lv.size() + 1 &&
                       path.substr(0, lv.size()) == lv && path.back() == '/')) {
      return true;
    }
  }
  return false;
}

// Hosts whose whole purpose is to redirect (the UN's symbol permalinks, DOIs):
// their permanent redirects are not a reason to change the citation.
bool RedirectsByDesign(const std::string& url) {
  auto u = ParseUrl(url);
  if (!u.ok()) return false;
  return u->host == "undocs.org" || u->host == "www.undocs.org" ||
         u->host == "doi.org" || u->host == "dx.doi.org" ||
         u->host == "hdl.handle.net";
}

bool EndsWithPdf(std::string_view path) {
  if (path.size() < 4) return false;
  std::string tail(path.substr(path.size() - 4));
  std::transform(tail.begin(), tail.end(), tail.begin(), [](unsigned char ch) {
    return static_cast<char>(std::tolower(ch));
  });
  return tail == ".pdf";
}

std::string Lower(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(), [](unsigned char ch) {
    return static_cast<char>(std::tolower(ch));
  });
  return out;
}

// Why an answer that succeeded may be a soft 404.
enum class Suspicion {
  kNone,
  kSentHome,   // a deep link redirected to the site's home page
  kTitleOnly,  // NotFoundEvidence::kTitleOnly
  kKnownPage,  // NotFoundEvidence::kKnownPage
};

// `key`: the citation's fetch key; `r` its latest fetch (an answer);
// `body` its HTML body. A recording's page is judged by the recording
// checks instead.
Suspicion SuspicionOf(const Citation& c, const std::string& key,
                      const store::FetchRecord& r, std::string_view body) {
  if (!r.redirects.empty() && !r.final_url.empty() && r.final_url != key &&
      !RedirectsByDesign(key)) {
    auto from = ParseUrl(key);
    auto to = ParseUrl(r.final_url);
    if (from.ok() && to.ok() && !PathIsHome(from->path) &&
        PathIsHome(to->path)) {
      return Suspicion::kSentHome;
    }
  }
  if (c.kind == CitationKind::kRecording) return Suspicion::kNone;
  switch (NotFoundPageEvidence(body)) {
    case NotFoundEvidence::kKnownPage:
      return Suspicion::kKnownPage;
    case NotFoundEvidence::kTitleOnly:
      return Suspicion::kTitleOnly;
    case NotFoundEvidence::kNone:
      break;
  }
  return Suspicion::kNone;
}

// Suspicions a host probe settles (not_found_probe.h).
bool ProbeSettles(Suspicion s) {
  return s == Suspicion::kSentHome || s == Suspicion::kTitleOnly;
}

// What the store knows about one URL, read once per run.
struct UrlFacts {
  std::optional<store::FetchRecord> latest;
  LinkHistory history;
  std::string body;  // when HTML and needed
};

// What the store knows about one recording, read once per run.
struct AssetFacts {
  std::optional<store::Recording> recording;
  std::vector<store::Segment> statements;  // by start
  std::vector<store::Segment> sentences;   // by start
};

class Verifier {
 public:
  Verifier(const store::Store& db, const VerifyOptions& o) : db_(db), o_(o) {}

  Status Run(std::vector<CheckedCitation>& citations) {
    for (auto& c : citations) {
      if (c.citation.kind == CitationKind::kInvalidUrl ||
          c.citation.url_canonical.empty()) {
        continue;
      }
      if (!o_.unfinished.empty() &&
          (o_.unfinished.contains(MappedKey(c.citation, o_)) ||
           (c.citation.asset &&
            o_.unfinished.contains(c.citation.asset->asset_id)))) {
        CouldNotTell(c, o_.unfinished_reason);
        continue;
      }
      Result<const UrlFacts*> url = Facts(MappedKey(c.citation, o_));
      if (!url.ok()) return url.status();
      const AssetFacts* asset = nullptr;
      if (c.citation.kind == CitationKind::kRecording && c.citation.asset &&
          c.citation.asset->id_well_formed) {
        Result<const AssetFacts*> a = Asset(c.citation.asset->asset_id);
        if (!a.ok()) return a.status();
        asset = *a;
      }
      const bool asset_decided = asset != nullptr && asset->recording &&
                                 asset->recording->status == "removed";
      CheckLink(c, **url, asset_decided);
      if (asset != nullptr) CheckRecording(c, *asset, **url);
      if (c.citation.kind == CitationKind::kDocument ||
          EndsWithPdf(PathOf(c)) || !c.citation.text_symbols.empty()) {
        CheckDocument(c, **url);
      }
    }
    if (!error_.ok()) return error_;
    return SettleConflicts(citations);
  }

  // The host probes (not_found_probe.h) that would settle a citation's
  // answer: see PlanNotFoundProbes.
  Result<std::vector<std::string>> PlanProbes(
      const std::vector<Citation>& citations) {
    std::vector<std::string> out;
    std::unordered_set<std::string> seen;
    for (const Citation& c : citations) {
      if (c.kind == CitationKind::kInvalidUrl || c.url_canonical.empty())
        continue;
      const std::string key = MappedKey(c, o_);
      Result<const UrlFacts*> url = Facts(key);
      if (!url.ok()) return url.status();
      const UrlFacts& f = **url;
      if (!f.latest || f.latest->error != ErrorClass::kOk ||
          !ProbeSettles(SuspicionOf(c, key, *f.latest, f.body))) {
        continue;
      }
      std::string probe = NotFoundProbeUrl(key);
      if (!probe.empty() && seen.insert(probe).second)
        out.push_back(std::move(probe));
    }
    return out;
  }

 private:
  // A page's comparison with its host's not-found answer.
  struct Probed {
    ProbeComparison comparison = ProbeComparison::kNoProbe;
    std::string url;     // the probe URL
    std::string answer;  // what it answered: "HTTP 404", ...
  };
  Probed Probe(const std::string& key, const store::FetchRecord& r,
               std::string_view body) {
    Probed out;
    out.url = NotFoundProbeUrl(key);
    if (out.url.empty()) return out;
    Result<const UrlFacts*> probe = Facts(out.url);
    if (!probe.ok()) {
      if (error_.ok()) error_ = probe.status();
      return out;
    }
    const UrlFacts& p = **probe;
    if (!p.latest) return out;
    out.answer = Describe(*p.latest);
    out.comparison = CompareWithNotFoundProbe(r, body, &*p.latest, p.body);
    return out;
  }

  static std::string PathOf(const CheckedCitation& c) {
    return c.citation.url ? c.citation.url->path : "";
  }

  Result<const UrlFacts*> Facts(const std::string& key) {
    auto it = urls_.find(key);
    if (it != urls_.end()) return &it->second;
    UrlFacts facts;
    Result<store::FetchRecord> latest = db_.GetFetch(key);
    if (latest.ok()) {
      facts.latest = std::move(latest).value();
      // Robots and bot walls are not the link's failure: we did not look.
      if (CountsAsFailure(ClassifyCheck(*facts.latest))) {
        auto log = db_.FetchHistory(key);
        if (!log.ok()) return log.status();
        facts.history = SummarizeHistory(*log, o_);
      }
      const bool html =
          facts.latest->content_type.find("html") != std::string::npos;
      if (html && !facts.latest->body_hash.empty() &&
          facts.latest->error == ErrorClass::kOk) {
        auto body = db_.GetBody(facts.latest->body_hash);
        if (body.ok()) {
          facts.body = std::move(body).value();
        } else if (!body.status().IsNotFound()) {
          return body.status();
        }
      }
    } else if (!latest.status().IsNotFound()) {
      return latest.status();
    }
    return &urls_.emplace(key, std::move(facts)).first->second;
  }

  Result<const AssetFacts*> Asset(const std::string& asset_id) {
    auto it = assets_.find(asset_id);
    if (it != assets_.end()) return &it->second;
    AssetFacts facts;
    Result<store::Recording> rec = db_.GetRecording(asset_id);
    if (rec.ok()) {
      facts.recording = std::move(rec).value();
      auto segments = db_.SegmentsOf(asset_id);
      if (!segments.ok()) return segments.status();
      for (store::Segment& s : *segments) {
        if (s.kind == store::SegmentKind::kStatement)
          facts.statements.push_back(std::move(s));
        if (s.kind == store::SegmentKind::kSentence)
          facts.sentences.push_back(std::move(s));
      }
    } else if (!rec.status().IsNotFound()) {
      return rec.status();
    }
    return &assets_.emplace(asset_id, std::move(facts)).first->second;
  }

  std::string Archive(const std::string& url) const {
    return o_.archive_url ? o_.archive_url(url) : "";
  }

  // A failure that the history must confirm (recheck) before it is broken.
  void Broken(CheckedCitation& c, const UrlFacts& f, const std::string& key,
              std::string what) {
    if (o_.use_history && !f.history.persistent) {
      CouldNotTell(
          c, what + ": " + Count(f.history.failed_checks, "failed check") + " since " + UtcDate(f.history.first_failure_ms) +
                 "; broken after " + std::to_string(o_.history.failures) +
                 " over at least " + std::to_string(o_.history.min_days) +
                 " days");
      return;
    }
    std::string archive = Archive(key);
    std::string message = "the link is dead: " + what;
    if (f.history.failed_checks > 1) {
      message += " (" + std::to_string(f.history.failed_checks) +
                 " failed checks since " + UtcDate(f.history.first_failure_ms) +
                 ")";
    }
    if (!archive.empty()) message += "; an archived copy exists";
    Add(c, "link-broken", std::move(message), archive);
  }

  // Offline, asset-id-conflict cannot tell which of two look-alike ids is
  // right; online the store can: the finding on the id that exists becomes
  // info, the one on the id that does not gets the other URL as suggestion.
  Status SettleConflicts(std::vector<CheckedCitation>& citations) {
    for (auto& c : citations) {
      if (!c.citation.asset) continue;
      for (Finding& f : c.findings) {
        if (f.rule != "asset-id-conflict") continue;
        const std::string marker = "' here, '";
        const size_t b = f.message.find(marker);
        if (b == std::string::npos) continue;
        const size_t e = f.message.find('\'', b + marker.size());
        if (e == std::string::npos) continue;
        const std::string other =
            f.message.substr(b + marker.size(), e - b - marker.size());
        std::string why;
        if (!IsWellFormedAssetId(other, &why) ||
            !c.citation.asset->id_well_formed)
          continue;
        Result<const AssetFacts*> mine = Asset(c.citation.asset->asset_id);
        if (!mine.ok()) return mine.status();
        Result<const AssetFacts*> theirs = Asset(other);
        if (!theirs.ok()) return theirs.status();
        auto exists = [](const AssetFacts* a) {
          return a->recording && a->recording->status != "removed";
        };
        auto gone = [](const AssetFacts* a) {
          return a->recording && a->recording->status == "removed";
        };
        if (exists(*mine) && gone(*theirs)) {
          f.severity = Severity::kInfo;
          f.message +=
              "; online: " + other + " does not exist, this id is right";
          f.suggestion.clear();  // nothing to change here
        } else if (gone(*mine) && exists(*theirs)) {
          f.message += "; online: " + other + " exists, this id does not";
          f.suggestion = c.citation.asset->UrlOf(other);
        }
      }
    }
    return Status::Ok();
  }

  void CheckLink(CheckedCitation& c, const UrlFacts& f, bool asset_decided) {
    const std::string key = MappedKey(c.citation, o_);
    if (!f.latest) {
      CouldNotTell(c, "not fetched");
      return;
    }
    const store::FetchRecord& r = *f.latest;
    const ErrorClass ec = r.error;
    if (ec == ErrorClass::kOk || ec == ErrorClass::kTooLarge) {
      if (ec == ErrorClass::kTooLarge) {
        Add(c, "body-over-cap",
            "the answer is larger than the body cap and was not read whole "
            "(checks of its content may be incomplete)");
      }
      // A hop from https to http: the reader leaves an encrypted page for a
      // plain one (the final answer came over http).
      // Each hop's Location is the next URL (a relative one keeps the
      // scheme).
      std::string hop_from = r.url;
      for (const store::RedirectHop& hop : r.redirects) {
        const std::string lower = Lower(hop.location);
        if (hop_from.starts_with("https://") && lower.starts_with("http://")) {
          Add(c, "redirect-downgrade",
              "redirected from https to http: " + hop_from + " -> " +
                  hop.location);
          break;
        }
        if (lower.starts_with("https://") || lower.starts_with("http://"))
          hop_from = hop.location;
      }
      // An answer. Where did it end?
      bool permanent = false;
      for (const auto& hop : r.redirects)
        permanent |= hop.status == 301 || hop.status == 308;
      const Suspicion suspicion = SuspicionOf(c.citation, key, r, f.body);
      if (suspicion == Suspicion::kSentHome) {
        // A deep link sent to the site's home page, by any 3xx (a 302 too:
        // InternetArchiveBot treats redirects to the root so), is a soft 404
        // — unless the host answers a path that does not exist otherwise.
        const Probed probe = Probe(key, r, f.body);
        if (probe.comparison == ProbeComparison::kDiffers) {
          c.findings.push_back(Finding{
              "soft-404", Severity::kWarning,
              "redirected to the site's home page " + r.final_url +
                  "; the host answers " + probe.answer +
                  " for a page that does not exist, so it may have been sent "
                  "there on purpose (check the page)",
              ""});
        } else {
          Add(c, "soft-404",
              "redirected to the site's home page " + r.final_url +
                  (probe.comparison == ProbeComparison::kSame
                       ? ", as is a page that does not exist"
                       : ""));
        }
        return;
      }
      if (!r.redirects.empty() && !r.final_url.empty() && r.final_url != key &&
          !RedirectsByDesign(key) && permanent) {
        Add(c, "link-redirected", "moved permanently to " + r.final_url,
            r.final_url);
      }
      if (suspicion == Suspicion::kKnownPage) {
        std::string archive = Archive(key);
        Add(c, "soft-404",
            "HTTP " + std::to_string(r.status) +
                " but the page says it does not exist" +
                (archive.empty() ? "" : "; an archived copy exists"),
            archive);
      } else if (suspicion == Suspicion::kTitleOnly) {
        // Only the title or first heading reads like a not-found page: a
        // real page may use those words ("Resolution 404 (1977)"). The host's
        // answer for a page that does not exist decides; without it, this is
        // worth a look, never a dead link.
        const Probed probe = Probe(key, r, f.body);
        if (probe.comparison == ProbeComparison::kSame) {
          std::string archive = Archive(key);
          Add(c, "soft-404",
              "HTTP " + std::to_string(r.status) +
                  " but the page is what the host answers for a page that "
                  "does not exist (" + probe.url + ")" +
                  (archive.empty() ? "" : "; an archived copy exists"),
              archive);
        } else if (probe.comparison == ProbeComparison::kNoProbe) {
          c.findings.push_back(Finding{
              "soft-404", Severity::kWarning,
              "HTTP " + std::to_string(r.status) +
                  " and the page's title or heading reads like a not-found "
                  "page; only the title says so (check the page)",
              ""});
        }
      }
      return;
    }
    if (ec == ErrorClass::kHttpStatus) {
      const int s = r.status;
      if (s == 404 || s == 410) {
        if (!asset_decided) Broken(c, f, key, "HTTP " + std::to_string(s));
        return;
      }
      if (s == 429) {
        std::string why = "rate limited (HTTP 429";
        if (!r.retry_after.empty()) why += ", Retry-After: " + r.retry_after;
        why += ")";
        Add(c, "link-rate-limited", why);
        CouldNotTell(c, why);
        return;
      }
      if (s == 401 || s == 403 || s == 451) {
        CouldNotTell(c, "access denied (HTTP " + std::to_string(s) + ")");
        return;
      }
      if (s >= 500) {
        Add(c, "link-unreachable", "server error HTTP " + std::to_string(s));
        if (o_.use_history && f.history.persistent) {
          Broken(c, f, key, "HTTP " + std::to_string(s));
        } else {
          CouldNotTell(c, "server error HTTP " + std::to_string(s));
        }
        return;
      }
      CouldNotTell(c, "HTTP " + std::to_string(s));
      return;
    }
    if (ec == ErrorClass::kRedirectLoop) {
      Broken(c, f, key, "a redirect loop");
      return;
    }
    if (ec == ErrorClass::kDns) {
      if (f.history.persistent) {
        Broken(c, f, key, "the host name does not resolve");
      } else {
        Add(c, "link-unreachable",
            "the host name did not resolve (" +
                Count(f.history.failed_checks, "failed check") + ")");
        CouldNotTell(c, "DNS lookup failed");
      }
      return;
    }
    if (ec == ErrorClass::kConnect || ec == ErrorClass::kTimeout) {
      if (o_.use_history && f.history.persistent) {
        Broken(c, f, key, Describe(r));
        return;
      }
      Add(c, "link-unreachable", "no answer: " + Describe(r));
      CouldNotTell(c, "no answer: " + Describe(r));
      return;
    }
    if (ec == ErrorClass::kTls) {
      Add(c, "tls-error", "TLS failed: " + Describe(r));
      CouldNotTell(c, "TLS failed");
      return;
    }
    if (ec == ErrorClass::kBotChallenge) {
      CouldNotTell(c, "a bot challenge answered instead of the page");
      return;
    }
    if (ec == ErrorClass::kRobotsDisallowed) {
      CouldNotTell(c, "robots.txt of the site disallows fetching it");
      return;
    }
    if (ec == ErrorClass::kPrivateAddress) {
      Add(c, "private-address", "not fetched: " + Describe(r));
      CouldNotTell(c, "a private or local address (not fetched)");
      return;
    }
    CouldNotTell(c, Describe(r));
  }

  void CheckDocument(CheckedCitation& c, const UrlFacts& f) {
    if (!f.latest || f.latest->error != ErrorClass::kOk) return;
    const store::FetchRecord& r = *f.latest;
    if (EndsWithPdf(PathOf(c)) &&
        Lower(r.content_type).find("html") != std::string::npos &&
        !LooksLikeNotFoundPage(f.body)) {
      Add(c, "content-type-mismatch",
          "the link names a PDF but answers " + r.content_type + " (" +
              (r.final_url.empty() ? c.citation.url_canonical : r.final_url) +
              ")");
    }
    // The symbol the fetched URL names, when the cited one named none.
    if (!c.citation.url_symbol.empty() || c.citation.text_symbols.empty() ||
        r.final_url.empty()) {
      return;
    }
    auto final_url = ParseUrl(r.final_url);
    if (!final_url.ok()) return;
    std::optional<std::string> fetched = symbol::FromUrl(*final_url);
    if (!fetched) return;
    const auto& texts = c.citation.text_symbols;
    if (std::find(texts.begin(), texts.end(), *fetched) != texts.end()) return;
    Add(c, "document-symbol-mismatch",
        "the footnote names " + texts.front() + " but the link leads to " +
            *fetched,
        symbol::DocsLink(texts.front()));
  }

  void CheckRecording(CheckedCitation& c, const AssetFacts& a,
                      const UrlFacts& page) {
    const Citation& cit = c.citation;
    if (!a.recording) {
      if (page.latest && page.latest->error == ErrorClass::kOk)
        CouldNotTell(c, "recording not indexed");
      return;
    }
    const store::Recording& rec = *a.recording;
    if (rec.status == "removed") {
      const std::string because =
          rec.extra.contains("removed_because") &&
                  rec.extra["removed_because"].is_string()
              ? rec.extra["removed_because"].get<std::string>()
              : "";
      if (because == "kaltura-deleted" || because == "page-gone-entry-kept") {
        Add(c, "asset-removed",
            "recording " + cit.asset->asset_id + " was removed from UN Web TV" +
                (because == "kaltura-deleted" ? " (Kaltura entry deleted)"
                                              : " (its page is gone)"),
            Archive(MappedKey(cit, o_)));
      } else {
        Add(c, "asset-not-found",
            "UN Web TV has no recording " + cit.asset->asset_id +
                (because == "kaltura-no-entry"
                     ? " (Kaltura knows no such entry)"
                     : ""));
      }
      return;
    }
    if (!rec.entry_id.empty() && !rec.player_id.empty() &&
        rec.entry_id != rec.player_id) {
      const std::string canonical_id = webtv::AssetIdFromEntryId(rec.entry_id);
      std::string suggestion;
      if (!canonical_id.empty()) {
        suggestion = cit.asset->UrlOf(canonical_id);
      }
      Add(c, "player-id-redirected",
          "player id " + rec.player_id + " plays Kaltura entry " + rec.entry_id,
          suggestion);
    }
    if (cit.start_ms && rec.duration_ms > 0) {
      if (*cit.start_ms >= rec.duration_ms) {
        Add(c, "timecode-beyond-end",
            (cit.time_written.empty() ? FormatTimecode(*cit.start_ms)
                                      : cit.time_written) +
                " is past the end of the recording (" +
                FormatTimecode(rec.duration_ms) + ")");
      } else if (cit.end_ms && *cit.end_ms > rec.duration_ms) {
        Add(c, "timecode-beyond-end",
            "the range ends at " + FormatTimecode(*cit.end_ms) +
                ", after the end of the recording (" +
                FormatTimecode(rec.duration_ms) + ")");
      }
    }
    CheckDate(c, rec);
    CheckSpeaker(c, a);
    CheckQuote(c, a);
  }

  void CheckDate(CheckedCitation& c, const store::Recording& rec) {
    const std::string& written = c.citation.date;
    if (written.empty() || rec.date.size() != 10) return;
    std::string full = written;
    if (written.rfind("--", 0) == 0 && written.size() == 7) {
      full = rec.date.substr(0, 4) +
             written.substr(1);  // "--06-01" → year of the recording
    }
    auto cited = DayNumber(full);
    auto actual = DayNumber(rec.date);
    if (!cited || !actual) return;
    int64_t diff = std::llabs(*cited - *actual);
    if (written.rfind("--", 0) == 0)
      diff = std::min<int64_t>(diff, std::llabs(365 - diff));
    if (diff <= 1) return;
    Add(c, "date-mismatch",
        "the footnote dates it " + written + "; the recording is of " +
            rec.date);
  }

  // The index of the statement that covers `ms`, or -1.
  static int StatementAt(const std::vector<store::Segment>& st, int64_t ms) {
    int found = -1;
    for (size_t i = 0; i < st.size(); ++i) {
      if (st[i].start_ms <= ms)
        found = static_cast<int>(i);
      else
        break;
    }
    return found;
  }

  void CheckSpeaker(CheckedCitation& c, const AssetFacts& a) {
    const Citation& cit = c.citation;
    if (o_.countries == nullptr || !cit.start_ms || a.statements.empty())
      return;
    std::set<std::string> named;
    for (const std::string* text : {&cit.context, &cit.citing_sentence}) {
      for (const auto& m : o_.countries->FindCountries(*text))
        named.insert(m.alpha3);
    }
    if (named.empty()) return;
    // Only countries that speak in this recording: the others are topics.
    std::set<std::string> speaking;
    for (const auto& s : a.statements) {
      if (named.count(s.affiliation)) speaking.insert(s.affiliation);
    }
    if (speaking.empty()) return;
    const int at = StatementAt(a.statements, *cit.start_ms);
    if (at < 0) return;
    for (int i = std::max(0, at - 1);
         i <= std::min<int>(at + 1, static_cast<int>(a.statements.size()) - 1);
         ++i) {
      if (speaking.count(a.statements[i].affiliation)) return;
    }
    // The nearest statement by a named speaker.
    const store::Segment* best = nullptr;
    for (const auto& s : a.statements) {
      if (!speaking.count(s.affiliation)) continue;
      if (best == nullptr || std::llabs(s.start_ms - *cit.start_ms) <
                                 std::llabs(best->start_ms - *cit.start_ms)) {
        best = &s;
      }
    }
    const store::Segment& here = a.statements[at];
    std::string message =
        "at " + FormatTimecode(*cit.start_ms) + " the speaker is " +
        (here.speaker_name.empty() ? "" : here.speaker_name + " ") + "(" +
        (here.affiliation.empty() ? "no affiliation" : here.affiliation) +
        "), not " + *speaking.begin();
    std::string suggestion;
    if (best != nullptr) {
      message += "; " + best->affiliation + " speaks at " +
                 FormatTimecode(best->start_ms);
      suggestion = FormatTimecode(best->start_ms);
    }
    Add(c, "speaker-mismatch", std::move(message), std::move(suggestion));
  }

  static std::string ScriptLanguage(std::string_view text) {
    size_t pos = 0;
    while (pos < text.size()) {
      char32_t cp = 0;
      pos += utf8::Decode(text, pos, &cp);
      if ((cp >= 0x4E00 && cp <= 0x9FFF) || (cp >= 0x3400 && cp <= 0x4DBF))
        return "zh";
      if (cp >= 0x0400 && cp <= 0x04FF) return "ru";
      if (cp >= 0x0600 && cp <= 0x06FF) return "ar";
    }
    return "latin";
  }

  static bool SameLanguage(const std::string& script, const std::string& lang) {
    if (script == "latin")
      return lang == "en" || lang == "fr" || lang == "es" || lang.empty();
    return lang == script || (script == "zh" && lang.rfind("zh", 0) == 0);
  }

  void CheckQuote(CheckedCitation& c, const AssetFacts& a) {
    const Citation& cit = c.citation;
    if (a.sentences.empty()) return;
    for (const std::string& quote : FindQuotations(cit.citing_sentence)) {
      const std::string script = ScriptLanguage(quote);
      std::vector<const store::Segment*> same;
      for (const auto& s : a.sentences) {
        if (SameLanguage(script, s.language)) same.push_back(&s);
      }
      if (same.empty()) continue;  // no transcript in the quote's language
      const int64_t t = cit.start_ms.value_or(0);
      constexpr double kFound = 0.7;
      auto covered = [&](int64_t from, int64_t to, int64_t* where) {
        // Single sentences first, then runs of two and three, so a quote
        // spanning sentences is found and one within a sentence is placed
        // there.
        double best = 0;
        for (size_t run = 1; run <= 3 && best < kFound; ++run) {
          for (size_t i = 0; i < same.size(); ++i) {
            if (same[i]->end_ms < from || same[i]->start_ms > to) continue;
            if (i + run > same.size() || same[i + run - 1]->start_ms > to)
              continue;
            std::string text;
            for (size_t j = i; j < i + run; ++j) text += same[j]->text + " ";
            const double cov = QuoteCoverage(quote, text);
            if (cov > best) {
              best = cov;
              *where = same[i]->start_ms;
            }
          }
        }
        return best;
      };
      int64_t where = 0;
      if (cit.start_ms && covered(t - o_.quote_before_ms, t + o_.quote_after_ms,
                                  &where) >= kFound) {
        continue;
      }
      int64_t elsewhere = 0;
      const bool anywhere =
          covered(INT64_MIN / 2, INT64_MAX / 2, &elsewhere) >= kFound;
      if (!cit.start_ms && anywhere)
        continue;  // no time given: found is enough
      std::string shown =
          quote.size() > 80 ? quote.substr(0, 77) + "..." : quote;
      if (anywhere) {
        Add(c, "quote-not-found",
            "the quotation \"" + shown + "\" is said at " +
                FormatTimecode(elsewhere) + ", not near " + FormatTimecode(t),
            FormatTimecode(elsewhere));
      } else {
        Add(c, "quote-not-found",
            "the quotation \"" + shown + "\" is not in the transcript of " +
                cit.asset->asset_id);
      }
    }
  }

  const store::Store& db_;
  const VerifyOptions& o_;
  Status error_ = Status::Ok();  // a store read failed during a check
  std::map<std::string, UrlFacts> urls_;
  std::map<std::string, AssetFacts> assets_;
};

// Folds one code point for quote matching: 0 for punctuation and spaces
// (word separators), otherwise the folded letter or digit.
char32_t FoldQuoteChar(char32_t cp) {
  cp = FoldPhraseChar(cp);
  if (cp == 0) return 0;
  if (cp < 0x80) {
    if ((cp >= 'a' && cp <= 'z') || (cp >= '0' && cp <= '9')) return cp;
    return 0;
  }
  // General punctuation, CJK punctuation, full-width forms already folded.
  if ((cp >= 0x2000 && cp <= 0x206F) || (cp >= 0x3000 && cp <= 0x303F) ||
      cp == 0x00AB || cp == 0x00BB || cp == 0x060C || cp == 0x061B ||
      cp == 0x061F || cp == 0x00A0) {
    return 0;
  }
  return cp;
}

bool IsCjk(char32_t cp) {
  return (cp >= 0x4E00 && cp <= 0x9FFF) || (cp >= 0x3400 && cp <= 0x4DBF) ||
         (cp >= 0x3040 && cp <= 0x30FF) || (cp >= 0xAC00 && cp <= 0xD7AF);
}

// Tokens for matching: words of folded letters; each CJK character is a word.
std::vector<std::u32string> Tokens(std::string_view text) {
  std::vector<std::u32string> out;
  std::u32string word;
  size_t pos = 0;
  auto flush = [&] {
    if (!word.empty()) out.push_back(std::move(word));
    word.clear();
  };
  while (pos < text.size()) {
    char32_t cp = 0;
    pos += utf8::Decode(text, pos, &cp);
    const char32_t f = FoldQuoteChar(cp);
    if (f == 0) {
      flush();
    } else if (IsCjk(f)) {
      flush();
      out.push_back(std::u32string(1, f));
    } else {
      word.push_back(f);
    }
  }
  flush();
  return out;
}

}  // namespace

const std::vector<std::unique_ptr<Rule>>& OnlineRules() {
  static const auto* rules = [] {
    auto* v = new std::vector<std::unique_ptr<Rule>>();
    auto add = [&](std::string_view id, Severity s, std::string_view summary) {
      v->push_back(std::make_unique<OnlineRule>(id, s, summary));
    };
    add("asset-not-found", Severity::kError,
        "UN Web TV has no recording with this asset id.");
    add("asset-removed", Severity::kError,
        "The recording existed but was removed.");
    add("player-id-redirected", Severity::kInfo,
        "The asset's player id plays another Kaltura entry (the canonical id "
        "is suggested).");
    add("timecode-beyond-end", Severity::kError,
        "The timecode is at or after the end of the recording.");
    add("date-mismatch", Severity::kWarning,
        "The footnote's date is not the recording's (one day of tolerance).");
    add("speaker-mismatch", Severity::kWarning,
        "The country the footnote names does not speak at that time (one "
        "statement of "
        "tolerance).");
    add("quote-not-found", Severity::kWarning,
        "The quotation is not in the transcript near the timecode.");
    add("link-broken", Severity::kError,
        "The link is dead: 404/410, a redirect loop, or a DNS failure that "
        "persists.");
    add("link-redirected", Severity::kWarning,
        "The link redirects permanently: cite the new URL.");
    add("soft-404", Severity::kError,
        "The page answers but says it does not exist, or sends a deep link to "
        "the home page.");
    add("link-unreachable", Severity::kInfo,
        "No answer: DNS, connection, timeout or server error (unverified).");
    add("link-rate-limited", Severity::kInfo,
        "The server answered 429 (unverified).");
    add("tls-error", Severity::kInfo,
        "The TLS handshake or certificate failed (unverified).");
    add("redirect-downgrade", Severity::kWarning,
        "A redirect leads from https to plain http (the page is no longer "
        "read encrypted).");
    add("body-over-cap", Severity::kInfo,
        "The answer is larger than the body cap and was not read whole.");
    add("private-address", Severity::kInfo,
        "The link (or a redirect of it) leads to a loopback, private, "
        "link-local or cloud metadata address: not fetched (unverified; "
        "--allow-private fetches it).");
    add("content-type-mismatch", Severity::kWarning,
        "The cited file answers another type (a PDF link that answers HTML).");
    return v;
  }();
  return *rules;
}

FetchPlan PlanFetches(const std::vector<Citation>& citations,
                      const VerifyOptions& options) {
  FetchPlan plan;
  std::unordered_set<std::string> urls, assets;
  for (const Citation& c : citations) {
    if (c.kind == CitationKind::kInvalidUrl || c.url_canonical.empty())
      continue;
    std::string key = MappedKey(c, options);
    if (urls.insert(key).second) plan.urls.push_back(std::move(key));
    if (c.kind == CitationKind::kRecording && c.asset &&
        c.asset->id_well_formed && assets.insert(c.asset->asset_id).second) {
      plan.asset_ids.push_back(c.asset->asset_id);
    }
  }
  return plan;
}

namespace {

// The class of the latest check of a URL (a fetch key); nullopt when never
// checked.
Result<std::optional<CheckClass>> LatestCheck(const store::Store& db,
                                              const std::string& key) {
  if (key.empty()) return std::optional<CheckClass>();
  Result<store::FetchRecord> record = db.GetFetch(key);
  if (!record.ok()) {
    if (record.status().code() == Status::Code::kNotFound)
      return std::optional<CheckClass>();
    return record.status();
  }
  return std::optional<CheckClass>(ClassifyCheck(*record));
}

}  // namespace

Result<std::vector<std::string>> PlanAlternativeFetches(
    const std::vector<Citation>& citations, const store::Store& db,
    const VerifyOptions& options) {
  std::vector<std::string> out;
  std::unordered_set<std::string> seen;
  for (const Citation& c : citations) {
    if (c.url_alternative.empty() || c.url_alternative_taken) continue;
    std::string other = MappedCanonical(c.url_alternative, options);
    if (other.empty() || seen.contains(other)) continue;
    auto read = LatestCheck(db, MappedKey(c, options));
    if (!read.ok()) return read.status();
    if (!*read || !IsCertainFailure(**read)) continue;
    seen.insert(other);
    out.push_back(std::move(other));
  }
  return out;
}

namespace {

// The http URL of a citation written without a scheme whose latest https
// check failed for certain (refused, TLS); "" otherwise.
Result<std::string> HttpFallbackOf(const Citation& c, const store::Store& db,
                                   const VerifyOptions& options) {
  if (c.kind == CitationKind::kInvalidUrl || !c.url ||
      c.url->scheme != "https" ||
      WithDefaultScheme(c.url_written) == c.url_written) {
    return std::string();
  }
  Result<store::FetchRecord> https = db.GetFetch(MappedKey(c, options));
  if (!https.ok()) {
    if (https.status().IsNotFound()) return std::string();
    return https.status();
  }
  if (https->error != ErrorClass::kConnect && https->error != ErrorClass::kTls)
    return std::string();
  return "http://" + c.url_written;
}

}  // namespace

Result<std::vector<std::string>> PlanSchemeFallbacks(
    const std::vector<Citation>& citations, const store::Store& db,
    const VerifyOptions& options) {
  std::vector<std::string> out;
  std::unordered_set<std::string> seen;
  for (const Citation& c : citations) {
    auto http = HttpFallbackOf(c, db, options);
    if (!http.ok()) return http.status();
    if (http->empty()) continue;
    std::string key = MappedCanonical(*http, options);
    if (!key.empty() && seen.insert(key).second) out.push_back(std::move(key));
  }
  return out;
}

Result<int> SettleSchemeFallbacks(std::vector<Citation>& citations,
                                  const store::Store& db,
                                  const VerifyOptions& options) {
  int changed = 0;
  for (Citation& c : citations) {
    auto http = HttpFallbackOf(c, db, options);
    if (!http.ok()) return http.status();
    if (http->empty()) continue;
    auto answered = LatestCheck(db, MappedCanonical(*http, options));
    if (!answered.ok()) return answered.status();
    if (!*answered || !IsSuccess(**answered)) continue;
    auto url = ParseUrl(*http);
    if (!url.ok()) continue;
    c.url_canonical = url->canonical;
    c.url = std::move(url).value();
    ++changed;
  }
  return changed;
}

Result<int> SettleUrlAlternatives(std::vector<Citation>& citations,
                                  const store::Store& db,
                                  const VerifyOptions& options) {
  const auto latest = [&](const std::string& key) { return LatestCheck(db, key); };
  int changed = 0;
  for (Citation& c : citations) {
    if (c.url_alternative.empty() || c.url_alternative_taken) continue;
    auto read = latest(MappedKey(c, options));
    if (!read.ok()) return read.status();
    if (!*read || !IsCertainFailure(**read)) continue;
    auto other = latest(MappedCanonical(c.url_alternative, options));
    if (!other.ok()) return other.status();
    if (!*other || !IsSuccess(**other)) continue;
    std::string failed = c.url_written;
    AssignUrl(c.url_alternative, &c);
    c.url_alternative = std::move(failed);
    c.url_alternative_taken = true;
    ++changed;
  }
  return changed;
}

Result<std::vector<std::string>> PlanNotFoundProbes(
    const std::vector<Citation>& citations, const store::Store& db,
    const VerifyOptions& options) {
  Verifier v(db, options);
  return v.PlanProbes(citations);
}

Status VerifyCitations(std::vector<CheckedCitation>& citations,
                       const store::Store& db, const VerifyOptions& options) {
  Verifier v(db, options);
  return v.Run(citations);
}

LinkHistory SummarizeHistory(const std::vector<store::FetchRecord>& log,
                             const VerifyOptions& options) {
  // The counting is the history policy's (linker/checks/history.h), so `recheck`
  // and `timecite history` agree.
  const LinkState state = JudgeHistory(log, options.history);
  LinkHistory h;
  static_cast<FailureStreak&>(h) = state;
  h.persistent = options.history.Confirms(state);
  return h;
}

bool LooksLikeNotFoundPage(std::string_view body) {
  return NotFoundPageEvidence(body) != NotFoundEvidence::kNone;
}

NotFoundEvidence NotFoundPageEvidence(std::string_view body) {
  if (body.empty()) return NotFoundEvidence::kNone;
  // Only the head of the page: <title> and the first heading.
  std::string head = Lower(body.substr(0, 64 * 1024));
  auto inner = [&](std::string_view open,
                   std::string_view close) -> std::string {
    size_t b = head.find(open);
    if (b == std::string::npos) return "";
    b = head.find('>', b);
    if (b == std::string::npos) return "";
    size_t e = head.find(close, b);
    if (e == std::string::npos || e - b > 2000) return "";
    return head.substr(b + 1, e - b - 1);
  };
  const std::string title = inner("<title", "</title>");
  const std::string h1 = inner("<h1", "</h1>");
  static const char* const kPhrases[] = {"page not found",
                                         "not found",
                                         "404",
                                         "could not be found",
                                         "page introuvable",
                                         "page non trouvée",
                                         "página no encontrada",
                                         "no se encontró",
                                         "страница не найдена",
                                         "не найдена",
                                         "找不到",
                                         "未找到",
                                         "页面不存在",
                                         "الصفحة غير موجودة",
                                         "غير موجودة"};
  // UN Web TV's not-found page.
  if (head.find("the requested page could not be found") != std::string::npos)
    return NotFoundEvidence::kKnownPage;
  for (const char* p : kPhrases) {
    if (title.find(p) != std::string::npos || h1.find(p) != std::string::npos)
      return NotFoundEvidence::kTitleOnly;
  }
  return NotFoundEvidence::kNone;
}

std::vector<std::string> FindQuotations(std::string_view text) {
  struct Pair {
    char32_t open, close;
  };
  static const Pair kPairs[] = {{U'\u201C', U'\u201D'}, {U'\u00AB', U'\u00BB'},
                                {U'\u201E', U'\u201C'}, {U'\u300C', U'\u300D'},
                                {U'\u300E', U'\u300F'}, {U'"', U'"'}};
  std::vector<std::string> out;
  size_t pos = 0;
  while (pos < text.size()) {
    char32_t cp = 0;
    pos += utf8::Decode(text, pos, &cp);
    const Pair* pair = nullptr;
    for (const Pair& p : kPairs) {
      if (p.open == cp) pair = &p;
    }
    if (pair == nullptr) continue;
    // Find the closing mark.
    size_t q = pos, end = std::string::npos;
    while (q < text.size()) {
      char32_t c2 = 0;
      const size_t here = q;
      q += utf8::Decode(text, q, &c2);
      if (c2 == pair->close) {
        end = here;
        break;
      }
    }
    if (end == std::string::npos) break;
    std::string quote(text.substr(pos, end - pos));
    pos = q;
    const auto tokens = Tokens(quote);
    size_t cjk = 0;
    for (const auto& t : tokens) cjk += t.size() == 1 && IsCjk(t[0]);
    if ((cjk >= 6) || (tokens.size() - cjk >= 3))
      out.push_back(std::move(quote));
  }
  return out;
}

double QuoteCoverage(std::string_view quote, std::string_view text) {
  const auto q = Tokens(quote);
  if (q.empty()) return 0;
  const auto t = Tokens(text);
  if (q.size() == 1) {
    return std::find(t.begin(), t.end(), q[0]) != t.end() ? 1.0 : 0.0;
  }
  std::set<std::pair<std::u32string, std::u32string>> bigrams;
  for (size_t i = 0; i + 1 < t.size(); ++i) bigrams.emplace(t[i], t[i + 1]);
  size_t hit = 0;
  for (size_t i = 0; i + 1 < q.size(); ++i)
    hit += bigrams.count({q[i], q[i + 1]});
  return static_cast<double>(hit) / static_cast<double>(q.size() - 1);
}

}  // namespace timecite::linker
