#include "linker/checks/rules.h"

#include <algorithm>
#include <map>
#include <regex>
#include <optional>
#include <set>
#include <unordered_map>

#include "common/symbol.h"
#include "linker/checks/verify.h"

namespace timecite::linker {

const char* SeverityName(Severity s) {
  switch (s) {
    case Severity::kInfo: return "info";
    case Severity::kWarning: return "warning";
    case Severity::kError: return "error";
  }
  return "warning";
}

const char* VerdictName(Verdict v) {
  switch (v) {
    case Verdict::kOk: return "ok";
    case Verdict::kWarning: return "warning";
    case Verdict::kBroken: return "broken";
    case Verdict::kUnverified: return "unverified";
  }
  return "unverified";
}

namespace {

std::string Where(const Citation& c) {
  std::string s = c.footnote ? "footnote " + std::to_string(c.footnote) + " (line " +
                                   std::to_string(c.line) + ")"
                             : "line " + std::to_string(c.line);
  return s;
}

class RuleBase : public Rule {
 public:
  RuleBase(std::string_view id, Severity severity, std::string_view summary)
      : id_(id), severity_(severity), summary_(summary) {}
  std::string_view id() const override { return id_; }
  Severity default_severity() const override { return severity_; }
  std::string_view summary() const override { return summary_; }

 protected:
  void Add(CheckedCitation& c, std::string message, std::string suggestion = "") const {
    c.findings.push_back(
        Finding{std::string(id_), severity_, std::move(message), std::move(suggestion)});
  }

 private:
  std::string_view id_;
  Severity severity_;
  std::string_view summary_;
};

class UrlInvalid : public RuleBase {
 public:
  UrlInvalid() : RuleBase("url-invalid", Severity::kError, "The URL does not parse.") {}
  void Apply(std::vector<CheckedCitation>& all) const override {
    for (auto& c : all) {
      if (c.citation.kind == CitationKind::kInvalidUrl) Add(c, c.citation.url_error);
    }
  }
};

class AssetIdMalformed : public RuleBase {
 public:
  AssetIdMalformed()
      : RuleBase("asset-id-malformed", Severity::kError,
                 "A UN Web TV asset id is not \"k1\" + 8 of [0-9a-z].") {}
  void Apply(std::vector<CheckedCitation>& all) const override {
    for (auto& c : all) {
      const auto& a = c.citation.asset;
      if (!a || a->id_well_formed) continue;
      std::string suggestion;
      std::string lower = a->asset_id;
      std::transform(lower.begin(), lower.end(), lower.begin(),
                     [](unsigned char ch) { return static_cast<char>(std::tolower(ch)); });
      std::string why;
      if (lower != a->asset_id && IsWellFormedAssetId(lower, &why)) {
        suggestion = a->UrlOf(lower);
      }
      Add(c, "asset id '" + a->asset_id + "' is malformed: " + a->id_problem, suggestion);
    }
  }
};

class AssetFolderMismatch : public RuleBase {
 public:
  AssetFolderMismatch()
      : RuleBase("asset-folder-mismatch", Severity::kError,
                 "The URL's folder is not the first 3 characters of the asset id.") {}
  void Apply(std::vector<CheckedCitation>& all) const override {
    for (auto& c : all) {
      const auto& a = c.citation.asset;
      if (!a || !a->id_well_formed || a->folder_matches || a->folder.empty()) continue;
      Add(c,
          "folder '" + a->folder + "' does not match asset id '" + a->asset_id +
              "' (expected '" + a->asset_id.substr(0, 3) + "')",
          a->CanonicalUrl());
    }
  }
};

// Citations of one meeting (same meeting number, same full date, bodies equal
// or one unknown) or with look-alike ids (same length, differing only by
// 0/o, 1/l/i, 5/s, 2/z, 8/b) that give different asset ids. Near-linear: the
// citations are grouped by the key a conflict needs (the look-alike form of
// the id; meeting number + date, then body), and each citation meets only
// the distinct ids of its groups, not every other citation. Each citation
// gets one finding per conflicting id, naming that id's first conflicting
// citation in document order (the findings of the former pairwise scan).
class AssetIdConflict : public RuleBase {
 public:
  AssetIdConflict()
      : RuleBase("asset-id-conflict", Severity::kWarning,
                 "One meeting is cited with different asset ids.") {}
  void Apply(std::vector<CheckedCitation>& all) const override {
    std::vector<CheckedCitation*> recordings;
    for (auto& c : all) {
      if (c.citation.asset && !c.citation.asset->asset_id.empty()) recordings.push_back(&c);
    }
    // Look-alike form → id → first position in `recordings`.
    std::unordered_map<std::string, std::map<std::string, std::size_t>> by_form;
    // (meeting number, date) → id → its first positions, by body ("" for
    // none) and over every body.
    struct FirstOf {
      std::map<std::string, std::size_t> by_body;
      std::size_t any = 0;
    };
    std::map<std::pair<int, std::string>, std::map<std::string, FirstOf>> by_meeting;
    for (std::size_t i = 0; i < recordings.size(); ++i) {
      const Citation& c = recordings[i]->citation;
      by_form[LookAlikeForm(c.asset->asset_id)].emplace(c.asset->asset_id, i);
      if (!HasMeeting(c)) continue;
      auto [it, added] = by_meeting[{c.meeting_number, c.date}].try_emplace(c.asset->asset_id);
      if (added) it->second.any = i;
      it->second.by_body.emplace(c.body, i);
    }
    struct Partner {
      std::size_t at = 0;  // position in `recordings`
      bool look_alike = false;
    };
    std::map<std::string, Partner> partners;  // other id → first conflicting citation
    std::vector<std::pair<std::size_t, bool>> ordered;
    for (std::size_t k = 0; k < recordings.size(); ++k) {
      const Citation& c = recordings[k]->citation;
      const std::string& id = c.asset->asset_id;
      partners.clear();
      for (const auto& [other, at] : by_form[LookAlikeForm(id)]) {
        if (other != id) partners[other] = {at, true};
      }
      if (HasMeeting(c)) {
        for (const auto& [other, first] : by_meeting[{c.meeting_number, c.date}]) {
          if (other == id || partners.count(other) > 0) continue;
          std::optional<std::size_t> at;
          if (c.body.empty()) {
            at = first.any;
          } else {
            for (const std::string& body : {c.body, std::string()}) {
              auto b = first.by_body.find(body);
              if (b != first.by_body.end() && (!at || b->second < *at)) at = b->second;
            }
          }
          if (at) partners[other] = {*at, false};
        }
      }
      ordered.clear();
      for (const auto& [other, p] : partners) ordered.emplace_back(p.at, p.look_alike);
      std::sort(ordered.begin(), ordered.end());
      for (const auto& [at, look_alike] : ordered) {
        // The reason reads the pair in document order, as a pairwise scan does.
        const Citation& first = recordings[std::min(k, at)]->citation;
        const Citation& second = recordings[std::max(k, at)]->citation;
        std::string why;
        if (look_alike) {
          std::string pairs;
          LookAlike(first.asset->asset_id, second.asset->asset_id, &pairs);
          why = "they differ only by look-alike characters (" + pairs + ")";
        } else {
          why = "both describe meeting " + std::to_string(first.meeting_number) + " of " +
                first.date + (first.body.empty() ? std::string() : " (" + first.body + ")");
        }
        Report(*recordings[k], recordings[at]->citation, why);
      }
    }
  }

 private:
  // A meeting number and a full date: the key of SameMeeting.
  static bool HasMeeting(const Citation& c) {
    return c.meeting_number != 0 && c.date.size() == 10;
  }
  // The id with each look-alike character replaced by its class: two ids
  // are look-alikes (LookAlike) exactly when they differ and share this form.
  static std::string LookAlikeForm(std::string id) {
    for (char& ch : id) {
      switch (ch) {
        case '0': ch = 'o'; break;
        case '1': case 'i': ch = 'l'; break;
        case '5': ch = 's'; break;
        case '2': ch = 'z'; break;
        case '8': ch = 'b'; break;
        default: break;
      }
    }
    return id;
  }
  void Report(CheckedCitation& c, const Citation& other, const std::string& why) const {
    Add(c,
        "asset id '" + c.citation.asset->asset_id + "' here, '" + other.asset->asset_id +
            "' at " + Where(other) + " for the same meeting: " + why,
        "use one id for both; the online check tells which exists (" + other.url_written + ")");
  }
};

class TimecodeMalformed : public RuleBase {
 public:
  TimecodeMalformed()
      : RuleBase("timecode-malformed", Severity::kError,
                 "A time phrase gives an impossible timecode (1:75:00).") {}
  void Apply(std::vector<CheckedCitation>& all) const override {
    for (auto& c : all) {
      for (const auto& [written, error] : c.citation.malformed_times) {
        Add(c, "timecode '" + written + "' is impossible: " + error);
      }
    }
  }
};

// A URL a reader joined across a line break at a hyphen it was not sure of
// (PDF without a link annotation: Citation::url_alternative).
class UrlWrappedAtHyphen : public RuleBase {
 public:
  UrlWrappedAtHyphen()
      : RuleBase("url-wrapped-at-hyphen", Severity::kInfo,
                 "A URL broken across lines after a hyphen could be read with or without it; "
                 "the online check keeps the reading that answers.") {}
  void Apply(std::vector<CheckedCitation>& all) const override {
    for (auto& c : all) {
      const Citation& x = c.citation;
      if (x.url_alternative.empty() ||
          x.url_alternative_kind != UrlAlternative::kHyphenBreak)
        continue;
      if (x.url_alternative_taken) {
        Add(c, "the URL is broken across lines after a hyphen; read as " + x.url_written +
                   ", which answers (" + x.url_alternative + " does not)");
      } else {
        Add(c, "the URL is broken across lines after a hyphen and read as " + x.url_written +
                   "; the other reading is " + x.url_alternative +
                   " (online, it is kept when only it answers)");
      }
    }
  }
};

// Where a URL ends or joins was a guess the online check settled, or (a URL
// joined across a line break) a guess to confirm: says which reading is used.
// A URL whose trailing punctuation was cut, as it almost always is rightly,
// gets a finding only when the online check kept the punctuation.
class UrlReading : public RuleBase {
 public:
  UrlReading()
      : RuleBase("url-reading", Severity::kInfo,
                 "A URL read across a line break, or whose final punctuation "
                 "turned out to be its own: which reading is used and why.") {}
  void Apply(std::vector<CheckedCitation>& all) const override {
    for (auto& c : all) {
      const Citation& x = c.citation;
      if (x.url_alternative.empty()) continue;
      if (x.url_alternative_kind == UrlAlternative::kLineWrap) {
        if (x.url_alternative_taken) {
          Add(c, "the URL ends at the line break: read as " + x.url_written +
                     ", which answers (joined with the next line, " +
                     x.url_alternative + " does not)");
        } else {
          Add(c, "the URL is wrapped onto the next line and read joined, as " +
                     x.url_written + "; the other reading is " +
                     x.url_alternative +
                     " (online, it is kept when only it answers)");
        }
      } else if (x.url_alternative_kind ==
                     UrlAlternative::kTrailingPunctuation &&
                 x.url_alternative_taken) {
        Add(c, "the final punctuation is the URL's: read as " + x.url_written +
                   ", which answers (" + x.url_alternative + " does not)");
      }
    }
  }
};

bool IsOdsHost(std::string_view host) {
  return host == "documents-dds-ny.un.org" || host == "daccess-ods.un.org" ||
         host == "daccess-dds-ny.un.org" || host == "documents-dds-ge.un.org";
}

class LegacyUrl : public RuleBase {
 public:
  LegacyUrl()
      : RuleBase("legacy-url", Severity::kWarning,
                 "A legacy link: an ODS job-number URL or a pre-2021 UN Web TV link.") {}
  void Apply(std::vector<CheckedCitation>& all) const override {
    for (auto& c : all) {
      const Citation& cit = c.citation;
      if (cit.kind == CitationKind::kLegacyRecording) {
        Add(c,
            "pre-2021 UN Web TV link: its Brightcove id has no known mapping to a current "
            "asset",
            "find the meeting on webtv.un.org and cite its /asset/ URL");
        continue;
      }
      if (!cit.url || !IsOdsHost(cit.url->host)) continue;
      std::string symbol = cit.url_symbol;
      if (symbol.empty() && cit.text_symbols.size() == 1) symbol = cit.text_symbols.front();
      if (!symbol.empty()) {
        Add(c, "ODS link by job number; the footnote names the document " + symbol,
            symbol::DocsLink(symbol));
      } else {
        Add(c, "ODS link by job number; no symbol is known to replace it",
            "cite the document by its symbol: https://docs.un.org/SYMBOL");
      }
    }
  }
};

class TrackingParameter : public RuleBase {
 public:
  TrackingParameter()
      : RuleBase("tracking-parameter", Severity::kWarning,
                 "The URL carries parameters that only track the reader.") {}
  void Apply(std::vector<CheckedCitation>& all) const override {
    for (auto& c : all) {
      const Citation& cit = c.citation;
      if (!cit.url || cit.url->query.empty()) continue;
      std::vector<std::string> removed;
      std::string kept;
      std::string_view q = cit.url->query;
      while (!q.empty()) {
        const std::size_t amp = q.find('&');
        const std::string_view param = q.substr(0, amp);
        const std::string_view name = param.substr(0, param.find('='));
        if (IsTrackingParameter(cit.url->host, name)) {
          removed.emplace_back(param);
        } else if (!param.empty()) {
          if (!kept.empty()) kept.push_back('&');
          kept.append(param);
        }
        if (amp == std::string_view::npos) break;
        q.remove_prefix(amp + 1);
      }
      if (removed.empty()) continue;
      // Rebuild from the URL as written: replace its query, keep the rest.
      const std::string& w = cit.url_written;
      const std::size_t qpos = w.find('?');
      const std::size_t hpos = w.find('#', qpos);
      std::string fixed = w.substr(0, qpos);
      if (!kept.empty()) fixed += "?" + kept;
      if (hpos != std::string::npos) fixed += w.substr(hpos);
      std::string list;
      for (const auto& r : removed) list += (list.empty() ? "" : ", ") + r;
      Add(c, "tracking parameter " + list + " in the URL", fixed);
    }
  }
};

class DocumentSymbolMismatch : public RuleBase {
 public:
  DocumentSymbolMismatch()
      : RuleBase("document-symbol-mismatch", Severity::kWarning,
                 "The symbol in the footnote is not the one the URL names.") {}
  void Apply(std::vector<CheckedCitation>& all) const override {
    for (auto& c : all) {
      const Citation& cit = c.citation;
      if (cit.url_symbol.empty() || cit.text_symbols.empty()) continue;
      if (std::find(cit.text_symbols.begin(), cit.text_symbols.end(), cit.url_symbol) !=
          cit.text_symbols.end()) {
        continue;
      }
      Add(c,
          "the footnote names " + cit.text_symbols.front() + " but the URL names " +
              cit.url_symbol,
          symbol::DocsLink(cit.text_symbols.front()));
    }
  }
};

}  // namespace

bool IsTrackingParameter(std::string_view host, std::string_view name) {
  static const std::set<std::string_view> kEverywhere = {
      "utm_source", "utm_medium", "utm_campaign", "utm_term", "utm_content", "utm_id",
      "fbclid", "gclid", "dclid", "msclkid", "mc_cid", "mc_eid", "igshid", "_hsenc",
      "_hsmi", "yclid", "_ga"};
  if (kEverywhere.count(name)) return true;
  const bool twitter = host == "twitter.com" || host == "x.com" || host == "mobile.twitter.com" ||
                       host == "www.twitter.com";
  if (twitter && (name == "s" || name == "t" || name == "ref_src" || name == "ref_url")) {
    return true;
  }
  const bool youtube = host == "youtu.be" || HostWithin(host, "youtube.com");
  if (youtube && (name == "si" || name == "feature")) return true;
  return false;
}

bool LookAlike(std::string_view a, std::string_view b, std::string* pairs) {
  if (a.size() != b.size() || a == b) return false;
  auto cls = [](char c) -> char {
    switch (c) {
      case '0': case 'o': return 'o';
      case '1': case 'l': case 'i': return 'l';
      case '5': case 's': return 's';
      case '2': case 'z': return 'z';
      case '8': case 'b': return 'b';
      default: return c;
    }
  };
  std::set<std::string> seen;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (a[i] == b[i]) continue;
    if (cls(a[i]) != cls(b[i])) return false;
    std::string p{a[i], '/', b[i]};
    if (seen.insert(p).second) *pairs += (pairs->empty() ? "" : ", ") + p;
  }
  return true;
}

const std::vector<std::unique_ptr<Rule>>& OfflineRules() {
  static const auto* rules = [] {
    auto* v = new std::vector<std::unique_ptr<Rule>>();
    v->push_back(std::make_unique<UrlInvalid>());
    v->push_back(std::make_unique<AssetIdMalformed>());
    v->push_back(std::make_unique<AssetFolderMismatch>());
    v->push_back(std::make_unique<AssetIdConflict>());
    v->push_back(std::make_unique<TimecodeMalformed>());
    v->push_back(std::make_unique<UrlWrappedAtHyphen>());
    v->push_back(std::make_unique<UrlReading>());
    v->push_back(std::make_unique<LegacyUrl>());
    v->push_back(std::make_unique<TrackingParameter>());
    v->push_back(std::make_unique<DocumentSymbolMismatch>());
    return v;
  }();
  return *rules;
}

const std::vector<std::string>& KnownRuleIds() {
  static const auto* ids = [] {
    auto* v = new std::vector<std::string>();
    for (const auto& r : OfflineRules()) v->emplace_back(r->id());
    for (const auto& r : OnlineRules()) {
      if (std::find(v->begin(), v->end(), r->id()) == v->end()) v->emplace_back(r->id());
    }
    return v;
  }();
  return *ids;
}

namespace {

bool AnyMatch(const std::vector<std::regex>& patterns, const std::string& url) {
  if (url.size() > kMaxPatternUrlBytes) return false;
  for (const auto& re : patterns) {
    if (std::regex_search(url, re)) return true;
  }
  return false;
}

std::vector<std::regex> Compile(const std::vector<std::string>& patterns) {
  std::vector<std::regex> out;
  for (const auto& p : patterns) out.emplace_back(p);
  return out;
}

void ApplySeverity(const std::map<std::string, std::string>& severity, CheckedCitation& c) {
  std::vector<Finding> kept;
  for (Finding& f : c.findings) {
    auto it = severity.find(f.rule);
    if (it != severity.end()) {
      if (it->second == "off") continue;
      f.severity = it->second == "error"     ? Severity::kError
                   : it->second == "warning" ? Severity::kWarning
                                             : Severity::kInfo;
    }
    kept.push_back(std::move(f));
  }
  c.findings = std::move(kept);
}

}  // namespace

std::vector<CheckedCitation> CheckCitations(std::vector<Citation> citations,
                                            const CheckOptions& options) {
  const std::vector<std::regex> accept = Compile(options.accept);
  const std::vector<std::regex> exclude = Compile(options.exclude);
  std::vector<CheckedCitation> out;
  out.reserve(citations.size());
  for (auto& c : citations) {
    if (AnyMatch(exclude, c.url_written)) continue;
    out.push_back(CheckedCitation{std::move(c), {}, {}, {}});
  }
  for (const auto& rule : OfflineRules()) rule->Apply(out);
  if (!options.offline && options.online) options.online(out);
  for (auto& c : out) {
    ApplySeverity(options.severity, c);
    if (AnyMatch(accept, c.citation.url_written)) {
      c.findings.clear();
      c.verdict = Verdict::kOk;
      c.reason = "accepted by the configuration";
      continue;
    }
    bool error = false, warning = false;
    for (const Finding& f : c.findings) {
      error |= f.severity == Severity::kError;
      warning |= f.severity == Severity::kWarning;
    }
    if (error) {
      c.verdict = Verdict::kBroken;
    } else if (warning) {
      c.verdict = Verdict::kWarning;
    } else if (options.offline) {
      c.verdict = Verdict::kUnverified;
      c.reason = "offline: the link was not fetched";
    } else if (!c.reason.empty()) {
      c.verdict = Verdict::kUnverified;
    } else {
      c.verdict = Verdict::kOk;
    }
  }
  return out;
}

}  // namespace timecite::linker
