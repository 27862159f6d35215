// timecite search — recordings by date or date range and body; statements by
// speaker affiliation; sentences and captions by words.
#include <iostream>
#include <memory>

#include "cli/commands.h"
#include "cli/json_text.h"
#include "indexer/catalog/query.h"
#include "store/store.h"

namespace timecite::cli {
namespace {

struct SearchOptions {
  std::string date;  // YYYY-MM-DD or YYYY-MM-DD..YYYY-MM-DD
  std::vector<std::string> words;
  indexer::SearchQuery query;
  std::string format = "text";
};

// "2021-03-08" or "2021-03-01..2021-03-31" (either side may be empty, not
// both). Errors (usage): a side that is not a calendar day, a range that ends
// before it starts; the message names the value.
Status SplitDates(const std::string& date, indexer::SearchQuery* q) {
  if (date.empty()) return Status::Ok();
  const std::size_t dots = date.find("..");
  if (dots == std::string::npos) {
    q->from_date = q->to_date = date;
  } else {
    q->from_date = date.substr(0, dots);
    q->to_date = date.substr(dots + 2);
  }
  const std::string form =
      " (YYYY-MM-DD, or a range YYYY-MM-DD..YYYY-MM-DD with either side open)";
  if (q->from_date.empty() && q->to_date.empty())
    return Status::InvalidArgument("--date " + date + " has no day" + form);
  for (const std::string* d : {&q->from_date, &q->to_date}) {
    if (!d->empty() && !ParseDay(*d)) {
      return Status::InvalidArgument("--date " + date + ": " + *d +
                                     " is not a calendar day" + form);
    }
  }
  if (!q->from_date.empty() && !q->to_date.empty() &&
      q->to_date < q->from_date) {
    return Status::InvalidArgument("--date " + date + " ends before it starts");
  }
  return Status::Ok();
}

void PrintText(const std::vector<indexer::SearchHit>& hits) {
  for (const indexer::SearchHit& h : hits) {
    const store::Recording& r = h.recording;
    std::cout << (r.date.empty() ? "----------" : r.date) << "  " << r.asset_id
              << "  " << (r.body.empty() ? "-" : r.body) << "  " << r.title
              << "\n";
    if (h.segment) {
      const store::Segment& s = *h.segment;
      std::cout << "            " << indexer::FormatClock(s.start_ms) << "  "
                << store::SegmentKindName(s.kind) << "  ";
      if (!s.affiliation.empty()) std::cout << s.affiliation << "  ";
      std::cout << s.speaker_name;
      if (!s.text.empty())
        std::cout << (s.speaker_name.empty() ? "" : ": ") << s.text;
      std::cout << "\n";
    }
  }
  if (hits.empty()) std::cout << "no match\n";
}

int RunSearch(SearchOptions o, const GlobalOptions& g) {
  for (const std::string& w : o.words)
    o.query.words += (o.query.words.empty() ? "" : " ") + w;
  if (Status s = SplitDates(o.date, &o.query); !s.ok()) {
    PrintError(s.message());
    return kExitUsage;
  }
  auto db = store::Store::Open(DbPath(g), store::OpenMode::kReadOnly);
  if (!db.ok()) {
    PrintError(db.status().message());
    return kExitRuntimeError;
  }
  auto hits = indexer::Search(**db, o.query);
  if (!hits.ok()) {
    PrintError(hits.status().message());
    return hits.status().code() == Status::Code::kInvalidArgument
               ? kExitUsage
               : kExitRuntimeError;
  }
  if (o.format == "json") {
    std::cout << JsonText(indexer::ToJson(*hits)) << "\n";
  } else {
    PrintText(*hits);
  }
  return kExitOk;
}

}  // namespace

void RegisterSearch(CLI::App& app, GlobalOptions& g) {
  auto o = std::make_shared<SearchOptions>();
  auto* cmd = app.add_subcommand(
      "search",
      "Search the index by date, body, speaker affiliation and words");
  cmd->add_option(
      "words", o->words,
      "Words that must all occur in a sentence or caption (case-insensitive)");
  cmd->add_option("--date", o->date, "YYYY-MM-DD or YYYY-MM-DD..YYYY-MM-DD");
  cmd->add_option("--body", o->query.body,
                  "Body exactly as indexed, e.g. \"Security Council\"");
  cmd->add_option("--affiliation", o->query.affiliation,
                  "Speaker affiliation, ISO 3166-1 alpha-3 (IRN)");
  cmd->add_option("--limit", o->query.limit,
                  "At most this many results (0: all)");
  cmd->add_option("--format", o->format, "Output format")
      ->check(CLI::IsMember({"text", "json"}));
  cmd->footer(
      "Exit codes: 0 searched (\"no match\" included), 1 database error, 3 "
      "usage (an\nimpossible date or range).");
  cmd->callback([o, &g] { g.exit_code = RunSearch(*o, g); });
}

}  // namespace timecite::cli
