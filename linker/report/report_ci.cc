#include "linker/report/report_ci.h"

#include <pugixml.hpp>
#include <set>
#include <sstream>

#include "common/count.h"
#include "common/utf8.h"
#include "linker/citations/timecode.h"
#include "timecite/version.h"

namespace timecite::linker {
namespace {

// Markdown table cells: pipes and newlines would break the row.
std::string Cell(const std::string& s) {
  std::string out;
  for (char c : s) {
    if (c == '|')
      out += "\\|";
    else if (c == '\n')
      out += ' ';
    else
      out += c;
  }
  return out;
}

std::string Place(const Citation& c) {
  return c.footnote ? "fn " + std::to_string(c.footnote) : std::string("body");
}

const char* SarifLevel(Severity s) {
  switch (s) {
    case Severity::kError:
      return "error";
    case Severity::kWarning:
      return "warning";
    case Severity::kInfo:
      return "note";
  }
  return "warning";
}

// `text` with each byte that does not start a valid UTF-8 sequence replaced
// by U+FFFD (a file name in Latin-1): the JUnit XML says encoding="UTF-8".
std::string ValidUtf8(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  std::size_t pos = 0;
  while (pos < text.size()) {
    const std::size_t bad = utf8::FindInvalid(text.substr(pos));
    if (bad == std::string_view::npos) {
      out.append(text.substr(pos));
      break;
    }
    out.append(text.substr(pos, bad));
    out.append("\xEF\xBF\xBD");
    pos += bad + 1;
  }
  return out;
}

}  // namespace

void WriteMarkdown(std::ostream& out,
                   const std::vector<DocumentReport>& reports) {
  const Summary s = Summarize(reports);
  auto count = [&](const char* v) {
    auto it = s.verdicts.find(v);
    return it == s.verdicts.end() ? 0 : it->second;
  };
  out << "## timecite: " << Count(s.citations, "citation") << ", " << count("broken")
      << " broken, "
      << count("warning") << " with warnings, " << count("unverified")
      << " unverified\n\n";
  for (const auto& r : reports) {
    out << "### `" << r.path << "`\n\n";
    // Unverified citations without a finding are listed too (with why), except
    // offline, where that is every one of them.
    auto could_not_tell = [](const CheckedCitation& c) {
      return c.findings.empty() && c.verdict == Verdict::kUnverified &&
             c.reason.rfind("offline", 0) != 0;
    };
    std::size_t shown = 0;
    for (const auto& c : r.citations)
      shown += !c.findings.empty() || could_not_tell(c);
    if (shown == 0) {
      out << "No findings.\n\n";
      continue;
    }
    out << "| where | line | URL | verdict | finding | suggestion |\n"
        << "| --- | --- | --- | --- | --- | --- |\n";
    for (const auto& c : r.citations) {
      if (could_not_tell(c)) {
        out << "| " << Place(c.citation) << " | " << c.citation.line << " | "
            << Cell(c.citation.url_written) << " | unverified | "
            << Cell(c.reason) << " |  |\n";
      }
      for (const auto& f : c.findings) {
        out << "| " << Place(c.citation) << " | " << c.citation.line << " | "
            << Cell(c.citation.url_written) << " | " << VerdictName(c.verdict)
            << " | `" << f.rule << "` " << Cell(f.message) << " | "
            << Cell(f.suggestion) << " |\n";
      }
    }
    out << "\n";
  }
}

void WriteJUnit(std::ostream& out, const std::vector<DocumentReport>& reports,
                bool fail_on_warning) {
  pugi::xml_document doc;
  auto decl = doc.append_child(pugi::node_declaration);
  decl.append_attribute("version") = "1.0";
  decl.append_attribute("encoding") = "UTF-8";
  auto suites = doc.append_child("testsuites");
  suites.append_attribute("name") = "timecite";
  int all_tests = 0, all_failures = 0, all_skipped = 0;
  for (const auto& r : reports) {
    auto suite = suites.append_child("testsuite");
    suite.append_attribute("name") = r.path.c_str();
    int failures = 0, skipped = 0;
    for (const auto& c : r.citations) {
      auto tc = suite.append_child("testcase");
      tc.append_attribute("classname") = r.path.c_str();
      const std::string name = Place(c.citation) + " line " +
                               std::to_string(c.citation.line) + ": " +
                               c.citation.url_written;
      tc.append_attribute("name") = name.c_str();
      std::ostringstream detail;
      for (const auto& f : c.findings) {
        detail << SeverityName(f.severity) << " [" << f.rule << "] "
               << f.message;
        if (!f.suggestion.empty())
          detail << " (suggestion: " << f.suggestion << ")";
        detail << "\n";
      }
      const bool fail = c.verdict == Verdict::kBroken ||
                        (fail_on_warning && c.verdict == Verdict::kWarning);
      if (fail) {
        ++failures;
        auto f = tc.append_child("failure");
        f.append_attribute("message") =
            c.findings.empty() ? "broken" : c.findings[0].message.c_str();
        f.append_attribute("type") =
            c.findings.empty() ? "broken" : c.findings[0].rule.c_str();
        f.text().set(detail.str().c_str());
      } else if (c.verdict == Verdict::kUnverified) {
        ++skipped;
        tc.append_child("skipped").append_attribute("message") =
            c.reason.c_str();
      } else if (!c.findings.empty()) {
        tc.append_child("system-out").text().set(detail.str().c_str());
      }
    }
    suite.append_attribute("tests") = static_cast<int>(r.citations.size());
    suite.append_attribute("failures") = failures;
    suite.append_attribute("errors") = 0;
    suite.append_attribute("skipped") = skipped;
    all_tests += static_cast<int>(r.citations.size());
    all_failures += failures;
    all_skipped += skipped;
  }
  suites.append_attribute("tests") = all_tests;
  suites.append_attribute("failures") = all_failures;
  suites.append_attribute("skipped") = all_skipped;
  std::ostringstream xml;
  doc.save(xml, "  ", pugi::format_default, pugi::encoding_utf8);
  out << ValidUtf8(xml.view());
}

nlohmann::json ReportToSarif(const std::vector<DocumentReport>& reports) {
  using nlohmann::json;
  // The rules that occur, in first-seen order, with their index.
  std::vector<std::string> rule_ids;
  std::map<std::string, std::size_t> rule_index;
  json rules = json::array();
  for (const auto& r : reports) {
    for (const auto& c : r.citations) {
      for (const auto& f : c.findings) {
        if (rule_index.count(f.rule)) continue;
        rule_index[f.rule] = rule_ids.size();
        rule_ids.push_back(f.rule);
        json rule = {
            {"id", f.rule},
            {"defaultConfiguration", {{"level", SarifLevel(f.severity)}}},
            {"helpUri", "docs/rules.md#" + f.rule}};
        for (const auto& known : OfflineRules()) {
          if (known->id() == f.rule) {
            rule["shortDescription"] = {
                {"text", std::string(known->summary())}};
            rule["defaultConfiguration"]["level"] =
                SarifLevel(known->default_severity());
          }
        }
        rules.push_back(std::move(rule));
      }
    }
  }
  json results = json::array();
  for (const auto& r : reports) {
    for (const auto& c : r.citations) {
      const Citation& cit = c.citation;
      for (const auto& f : c.findings) {
        const int end_column =
            cit.column +
            static_cast<int>(utf8::CodePointCount(cit.url_written));
        json location = {{"physicalLocation",
                          {{"artifactLocation", {{"uri", r.path}}},
                           {"region",
                            {{"startLine", cit.line},
                             {"startColumn", cit.column},
                             {"endColumn", end_column}}}}}};
        std::string text = f.message;
        if (!f.suggestion.empty()) text += " Suggestion: " + f.suggestion;
        json result = {{"ruleId", f.rule},
                       {"ruleIndex", rule_index[f.rule]},
                       {"level", SarifLevel(f.severity)},
                       {"message", {{"text", text}}},
                       {"locations", json::array({location})}};
        if (f.suggestion.rfind("http", 0) == 0) {
          result["fixes"] = json::array(
              {{{"description", {{"text", "Replace the URL"}}},
                {"artifactChanges",
                 json::array(
                     {{{"artifactLocation", {{"uri", r.path}}},
                       {"replacements",
                        json::array({{{"deletedRegion",
                                       {{"startLine", cit.line},
                                        {"startColumn", cit.column},
                                        {"endColumn", end_column}}},
                                      {"insertedContent",
                                       {{"text", f.suggestion}}}}})}}})}}});
        }
        results.push_back(std::move(result));
      }
    }
  }
  return {{"$schema", "https://json.schemastore.org/sarif-2.1.0.json"},
          {"version", "2.1.0"},
          {"runs", json::array({{{"tool",
                                  {{"driver",
                                    {{"name", "timecite"},
                                     {"version", TIMECITE_VERSION},
                                     {"rules", std::move(rules)}}}}},
                                 {"columnKind", "unicodeCodePoints"},
                                 {"results", std::move(results)}}})}};
}

}  // namespace timecite::linker
