// timecite search QUERY — what was said, across every indexed meeting, from
// the full-text index (search/search.h, docs/search.md): ranked, grouped by
// recording with its best segments, snippets and deep links to the moment.
#include <algorithm>
#include <iostream>
#include <memory>
#include <tuple>

#include "cli/commands.h"
#include "cli/json_text.h"
#include "indexer/profile.h"
#include "indexer/catalog/query.h"
#include "linker/citations/countries.h"
#include "search/result_json.h"
#include "search/search.h"

namespace timecite::cli {
namespace {

struct SearchOptions {
  std::vector<std::string> words;
  std::string country;
  std::string date;  // YYYY-MM-DD or YYYY-MM-DD..YYYY-MM-DD
  std::string from, to;
  std::string sort = "relevance";
  std::string format = "text";
  std::string lang;
  search::SearchRequest request;
};

// "2021-03-08" or "2021-03-01..2021-03-31" (either side may be empty, not
// both) into from/to. Errors (usage): a side that is not a calendar day, a
// range that ends before it starts; the message names the value.
Status SplitDates(const std::string& date, std::string* from, std::string* to) {
  if (date.empty()) return Status::Ok();
  const std::size_t dots = date.find("..");
  if (dots == std::string::npos) {
    *from = *to = date;
  } else {
    *from = date.substr(0, dots);
    *to = date.substr(dots + 2);
  }
  const std::string form =
      " (YYYY-MM-DD, or a range YYYY-MM-DD..YYYY-MM-DD with either side open)";
  if (from->empty() && to->empty())
    return Status::InvalidArgument("--date " + date + " has no day" + form);
  for (const std::string* d : {from, to}) {
    if (!d->empty() && !ParseDay(*d)) {
      return Status::InvalidArgument("--date " + date + ": " + *d +
                                     " is not a calendar day" + form);
    }
  }
  if (!from->empty() && !to->empty() && *to < *from)
    return Status::InvalidArgument("--date " + date + " ends before it starts");
  return Status::Ok();
}

// --from/--to and --date into the request. Errors as SplitDates.
Status ReadDates(const SearchOptions& o, search::SearchRequest* r) {
  if (Status s = SplitDates(o.date, &r->from_date, &r->to_date); !s.ok()) return s;
  for (const auto& [flag, value, into] :
       {std::tuple{"--from", &o.from, &r->from_date}, std::tuple{"--to", &o.to, &r->to_date}}) {
    if (value->empty()) continue;
    if (!ParseDay(*value))
      return Status::InvalidArgument(std::string(flag) + " " + *value +
                                     " is not a calendar day (YYYY-MM-DD)");
    *into = *value;
  }
  if (!r->from_date.empty() && !r->to_date.empty() && r->to_date < r->from_date)
    return Status::InvalidArgument("--to " + r->to_date + " is before --from " + r->from_date);
  return Status::Ok();
}

void PrintText(const search::SearchResult& result, const indexer::Profile& profile,
               const std::string& lang) {
  for (const search::RecordingHit& r : result.recordings) {
    const store::Recording& rec = r.recording;
    std::cout << (rec.date.empty() ? "----------" : rec.date) << "  " << rec.asset_id << "  "
              << (rec.body.empty() ? "-" : rec.body) << "  " << rec.title << "\n";
    for (const search::SegmentHit& h : r.segments) {
      const store::Segment& s = h.segment;
      std::cout << "  " << indexer::FormatClock(s.start_ms) << "  "
                << store::SegmentKindName(s.kind) << "  ";
      if (!s.affiliation.empty()) std::cout << s.affiliation << "  ";
      std::cout << s.speaker_name;
      if (!h.snippet.empty()) std::cout << (s.speaker_name.empty() ? "" : ": ") << h.snippet;
      std::cout << "\n";
      // One link per segment: UN Transcripts at the moment (JSON has them all).
      const auto links = indexer::DeepLinks(profile, rec, s.start_ms, lang);
      const auto it = std::find_if(links.begin(), links.end(), [](const indexer::DeepLink& l) {
        return l.name == "transcripts";
      });
      if (it != links.end()) std::cout << "    " << it->url << "\n";
    }
  }
  if (result.recordings.empty()) {
    std::cout << "no match\n";
  } else {
    std::cout << result.matching_recordings << " recording(s), " << result.matching_segments
              << " segment(s)\n";
  }
  auto facet = [](const char* name, const std::map<std::string, uint64_t>& counts) {
    if (counts.empty()) return;
    std::cout << name << ":";
    for (const auto& [value, n] : counts) std::cout << "  " << value << " " << n;
    std::cout << "\n";
  };
  facet("by country", result.by_country);
  facet("by body", result.by_body);
  facet("by year", result.by_year);
}

// The command that rebuilds the index of the database the user named.
std::string RebuildCommand(const GlobalOptions& g) {
  return g.db_path.empty() ? "timecite index rebuild"
                           : "timecite --db " + g.db_path + " index rebuild";
}

int RunSearch(SearchOptions o, const GlobalOptions& g) {
  search::SearchRequest& r = o.request;
  for (const std::string& w : o.words) r.query += (r.query.empty() ? "" : " ") + w;
  if (Status s = ReadDates(o, &r); !s.ok()) {
    PrintError(s.message());
    return kExitUsage;
  }
  if (r.query.find_first_not_of(" \t\r\n") == std::string::npos) {
    PrintError(
        "empty query: give the words to search for (e.g. timecite search "
        "\"climate change\" --country NGA)");
    return kExitUsage;
  }
  if (!o.country.empty()) {
    auto code = linker::CountryCodeOf(o.country);
    if (!code.ok()) {
      PrintError((code.status().code() == Status::Code::kInvalidArgument ? "--country " : "") +
                 code.status().message());
      return code.status().code() == Status::Code::kInvalidArgument ? kExitUsage
                                                                     : kExitRuntimeError;
    }
    r.country = *code;
  }
  r.language = o.lang;
  r.sort = o.sort == "date" ? search::Sort::kDate : search::Sort::kRelevance;
  if (o.format == "text") r.highlight_open = r.highlight_close = "*";

  const std::filesystem::path dir = search::IndexPathFor(DbPath(g));
  auto index = search::SearchIndex::OpenReader(dir);
  if (!index.ok()) {
    // The library's message names the directory; the command is the user's.
    std::string message = index.status().message();
    if (const auto cut = message.find("; rebuild it with"); cut != std::string::npos)
      message.resize(cut);
    PrintError(message + "; rebuild it with: " + RebuildCommand(g));
    return kExitRuntimeError;
  }
  auto result = (*index)->Search(r);
  if (!result.ok()) {
    PrintError(result.status().message());
    return result.status().code() == Status::Code::kInvalidArgument ? kExitUsage
                                                                     : kExitRuntimeError;
  }
  auto profile = indexer::BuiltinProfile("webtv-asset");
  if (!profile.ok()) {
    PrintError(profile.status().message());
    return kExitRuntimeError;
  }
  const std::string link_lang = o.lang.empty() ? "en" : o.lang;
  if (o.format == "json") {
    std::cout << JsonText(search::ResultToJson(*result, *profile, link_lang)) << "\n";
  } else {
    PrintText(*result, *profile, link_lang);
  }
  return kExitOk;
}

}  // namespace

void RegisterSearch(CLI::App& app, GlobalOptions& g) {
  auto o = std::make_shared<SearchOptions>();
  auto* cmd = app.add_subcommand(
      "search",
      "Search what was said in every indexed meeting (full text, six languages)");
  cmd->add_option("query", o->words,
                  "Words (all must occur), \"a phrase\", OR, NOT, -word, prefix*, and "
                  "country:ISO3 body:NAME lang:xx speaker:NAME kind:sentence year:YYYY "
                  "symbol:S/PV.9748 (docs/search.md)");
  cmd->add_option("--country,--affiliation", o->country,
                  "Speaker's country: ISO 3166-1 alpha-3 (NGA) or a name (Nigeria), any case");
  cmd->add_option("--body", o->request.body, "Body, e.g. \"Security Council\" (any case)");
  cmd->add_option("--function", o->request.function, "Speaker function, e.g. President");
  cmd->add_option("--recording", o->request.recording, "Only this asset id");
  cmd->add_option("--lang", o->lang, "Language of the query and of the text searched")
      ->check(CLI::IsMember({"en", "fr", "es", "ru", "ar", "zh"}));
  cmd->add_option("--from", o->from, "First day, YYYY-MM-DD");
  cmd->add_option("--to", o->to, "Last day, YYYY-MM-DD");
  cmd->add_option("--date", o->date, "YYYY-MM-DD or YYYY-MM-DD..YYYY-MM-DD");
  cmd->add_option("--sort", o->sort, "relevance (BM25) or date (newest first)")
      ->check(CLI::IsMember({"relevance", "date"}));
  cmd->add_option("--limit", o->request.limit, "Recordings per page (1..1000)")
      ->check(CLI::Range(1, 1000));
  cmd->add_option("--offset", o->request.offset, "Recordings to skip (paging)");
  cmd->add_option("--segments", o->request.segments_per_recording,
                  "Best segments shown per recording (1..100)")
      ->check(CLI::Range(1, 100));
  cmd->add_flag("--facets", o->request.facets, "Count matches per country, body and year");
  cmd->add_option("--format", o->format, "Output format")
      ->check(CLI::IsMember({"text", "json"}));
  cmd->footer(
      "Exit codes: 0 searched (\"no match\" included), 1 missing or damaged index (the\n"
      "message gives the command that rebuilds it), 3 usage (an empty or malformed\n"
      "query, an impossible date or range, an unknown country).");
  cmd->callback([o, &g] { g.exit_code = RunSearch(*o, g); });
}

}  // namespace timecite::cli
