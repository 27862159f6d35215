#include "linker/report/report.h"
#include "linker/report/report_findings.h"

#include "common/count.h"
#include "linker/citations/timecode.h"
#include "timecite/version.h"

namespace timecite::linker {

bool Summary::HasErrors() const {
  auto it = verdicts.find("broken");
  return it != verdicts.end() && it->second > 0;
}

Summary Summarize(const std::vector<DocumentReport>& reports) {
  Summary s;
  for (const auto& r : reports) {
    ++s.documents;
    for (const auto& c : r.citations) {
      ++s.citations;
      ++s.verdicts[VerdictName(c.verdict)];
      for (const auto& f : c.findings) ++s.rules[f.rule];
    }
  }
  return s;
}

namespace {

struct Palette {
  const char* red = "";
  const char* yellow = "";
  const char* green = "";
  const char* dim = "";
  const char* bold = "";
  const char* reset = "";
};

Palette MakePalette(bool color) {
  if (!color) return {};
  return {"\033[31m", "\033[33m", "\033[32m", "\033[2m", "\033[1m", "\033[0m"};
}

const char* VerdictColor(Verdict v, const Palette& p) {
  switch (v) {
    case Verdict::kBroken: return p.red;
    case Verdict::kWarning: return p.yellow;
    case Verdict::kOk: return p.green;
    case Verdict::kUnverified: return p.dim;
  }
  return "";
}

}  // namespace

void WriteText(std::ostream& out, const std::vector<DocumentReport>& reports,
               const TextOptions& options) {
  const Palette p = MakePalette(options.color);
  for (const auto& r : reports) {
    out << p.bold << r.path << p.reset << ": " << Count(r.citations.size(), "citation")
        << "\n";
    int last_footnote = -1;
    for (const auto& c : r.citations) {
      const Citation& cit = c.citation;
      if (options.quiet && c.verdict != Verdict::kBroken) continue;
      if (cit.footnote != last_footnote) {
        out << "\n  " << p.bold
            << (cit.footnote ? "footnote " + std::to_string(cit.footnote) : std::string("body text"))
            << p.reset << "\n";
        last_footnote = cit.footnote;
      }
      out << "    " << cit.line << ":" << cit.column;
      if (!cit.origin.empty()) out << " (" << cit.origin << ")";
      out << "  " << cit.url_written << "\n";
      std::string facts;
      if (cit.asset) facts += "asset " + cit.asset->asset_id;
      if (cit.start_ms) {
        facts += (facts.empty() ? "" : ", ") + std::string("starts at ") +
                 FormatTimecode(*cit.start_ms) + " (" + std::to_string(*cit.start_ms) + " ms)";
        if (cit.end_ms) facts += " to " + FormatTimecode(*cit.end_ms);
      }
      if (!cit.date.empty()) facts += (facts.empty() ? "" : ", ") + cit.date;
      if (cit.meeting_number) {
        facts += (facts.empty() ? "" : ", ") + std::string("meeting ") +
                 std::to_string(cit.meeting_number);
      }
      if (!cit.url_symbol.empty()) facts += (facts.empty() ? "" : ", ") + cit.url_symbol;
      if (!facts.empty()) out << "      " << p.dim << facts << p.reset << "\n";
      out << "      " << VerdictColor(c.verdict, p) << VerdictName(c.verdict) << p.reset;
      if (!c.reason.empty()) out << p.dim << " (" << c.reason << ")" << p.reset;
      out << "\n";
      for (const auto& f : c.findings) {
        if (options.quiet && f.severity != Severity::kError) continue;
        const char* color = f.severity == Severity::kError     ? p.red
                            : f.severity == Severity::kWarning ? p.yellow
                                                               : p.dim;
        out << "      " << color << SeverityName(f.severity) << p.reset << " [" << f.rule
            << "] " << f.message << "\n";
        if (!f.suggestion.empty()) out << "        suggestion: " << f.suggestion << "\n";
      }
    }
    out << "\n";
  }
  const Summary s = Summarize(reports);
  out << "Summary: " << Count(s.citations, "citation") << " in "
      << Count(s.documents, "document");
  for (const char* v : {"ok", "warning", "broken", "unverified"}) {
    auto it = s.verdicts.find(v);
    const std::size_t n = it == s.verdicts.end() ? 0 : it->second;
    // "1 warning", "2 warnings"; the others read as adjectives ("2 broken").
    out << ", " << (std::string_view(v) == "warning" ? Count(n, v) : std::to_string(n) + " " + v);
  }
  out << "\n";
  if (!s.rules.empty()) {
    out << "Findings:";
    bool first = true;
    for (const auto& [rule, n] : s.rules) {
      out << (first ? " " : ", ") << rule << " " << n;
      first = false;
    }
    out << "\n";
  }
}

nlohmann::json CitationToJson(const CheckedCitation& c) {
  using nlohmann::json;
  const Citation& cit = c.citation;
  json j = {
      {"footnote", cit.footnote},
      {"seq", cit.seq},
      {"line", cit.line},
      {"column", cit.column},
      {"url", cit.url_written},
      {"canonical_url", cit.url_canonical},
      {"kind", CitationKindName(cit.kind)},
      {"verdict", VerdictName(c.verdict)},
  };
  if (!cit.origin.empty()) j["origin"] = cit.origin;
  if (!c.reason.empty()) j["reason"] = c.reason;
  if (cit.asset) {
    j["asset"] = {{"host", cit.asset->host},         {"lang", cit.asset->lang},
                  {"folder", cit.asset->folder},     {"asset_id", cit.asset->asset_id},
                  {"player_id", cit.asset->player_id}, {"well_formed", cit.asset->id_well_formed}};
  }
  if (cit.start_ms) {
    j["timecode"] = {{"start_ms", *cit.start_ms},
                     {"written", cit.time_written},
                     {"line", cit.time_line},
                     {"column", cit.time_column}};
    if (cit.end_ms) j["timecode"]["end_ms"] = *cit.end_ms;
  }
  if (!cit.date.empty()) j["date"] = cit.date;
  if (cit.meeting_number) j["meeting_number"] = cit.meeting_number;
  if (!cit.body.empty()) j["body"] = cit.body;
  if (!cit.url_symbol.empty()) j["url_symbol"] = cit.url_symbol;
  if (!cit.text_symbols.empty()) j["text_symbols"] = cit.text_symbols;
  j["findings"] = FindingsToJson(c.findings);
  return j;
}

nlohmann::json FindingsToJson(const std::vector<Finding>& findings) {
  using nlohmann::json;
  json out = json::array();
  for (const auto& f : findings) {
    json jf = {{"rule", f.rule}, {"severity", SeverityName(f.severity)}, {"message", f.message}};
    if (!f.suggestion.empty()) jf["suggestion"] = f.suggestion;
    out.push_back(std::move(jf));
  }
  return out;
}

nlohmann::json ReportToJson(const std::vector<DocumentReport>& reports, const std::string& mode) {
  using nlohmann::json;
  json docs = json::array();
  for (const auto& r : reports) {
    json cits = json::array();
    for (const auto& c : r.citations) cits.push_back(CitationToJson(c));
    docs.push_back({{"path", r.path}, {"citations", std::move(cits)}});
  }
  const Summary s = Summarize(reports);
  json verdicts = {{"ok", 0}, {"warning", 0}, {"broken", 0}, {"unverified", 0}};
  for (const auto& [v, n] : s.verdicts) verdicts[v] = n;
  return {{"schema_version", kReportSchemaVersion},
          {"tool", {{"name", "timecite"}, {"version", TIMECITE_VERSION}}},
          {"mode", mode},
          {"documents", std::move(docs)},
          {"summary",
           {{"documents", s.documents},
            {"citations", s.citations},
            {"verdicts", std::move(verdicts)},
            {"findings", s.rules}}}};
}

}  // namespace timecite::linker
