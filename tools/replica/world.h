// The replica's world: what the stand-in UN sites hold. Read from a JSON world
// file whose format docs/world-format.md documents field by field.
//
// Units: times inside recordings are seconds (floating point) as UN Transcripts
// writes them; durations are milliseconds; delays in faults are milliseconds.
//
// Thread safety: a World is a plain value; the replica reads it from many
// threads and never writes it after Start.
#pragma once

#include <cstdint>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/status.h"

namespace timecite::replica {

struct Speaker {
  std::string name;
  std::string affiliation;  // ISO 3166-1 alpha-3
  std::string affiliation_full;
  std::string function;
  std::string group;
};

struct Sentence {
  std::string text;
  double start = 0;  // s from the start of the recording
  double end = 0;
};

struct Statement {
  double start = 0;  // s
  Speaker speaker;
  std::vector<Sentence> sentences;
};

struct RelatedLink {
  std::string title;
  std::string url;
};

struct Recording {
  std::string asset_id;   // "k1abcd1234"
  std::string player_id;  // "1_abcd1234"; derived from asset_id when absent
  std::string entry_id;   // canonical Kaltura entry; player_id when absent
  std::string title;
  std::string body;        // "Security Council"; the schedule card's h6
  std::string date;        // "YYYY-MM-DD" production date
  std::string start_time;  // ISO 8601 with offset, as the schedule prints it
  int64_t duration_ms = 0;
  std::vector<std::string> languages;   // "English", "French", ...
  std::vector<std::string> categories;  // outermost first
  std::vector<std::string> topics;      // Subject Topical
  std::vector<std::string> corporate_names;
  std::string summary;
  std::string description;
  std::vector<RelatedLink> related;
  std::string pv_symbol;  // meeting record, e.g. "S/PV.9748"
  // "ready" (default), "deleted" (Kaltura status 3, page still served),
  // "unpublished" (page is a soft 404), "missing" (page answers 404).
  std::string status = "ready";
  int64_t created_at = 0;  // unix s, Kaltura createdAt
  // When set, Kaltura answers element 2 with this KalturaAPIException.
  std::string kaltura_error_code;
  std::string kaltura_error_message;
  std::string transcript_language = "en";
  std::vector<Statement> statements;  // empty: transcripts.un.org answers 404
};

struct ScheduleItem {
  std::string asset_id;
  std::string start;  // printed in div.mediaun-timezone, e.g. "2021-03-08T10:00:00-05:00"
  bool live = false;
  std::string note;  // the free text at the right of the card
};

struct ScheduleDay {
  std::string date;  // "YYYY-MM-DD"
  std::vector<ScheduleItem> items;
};

struct Document {
  std::string symbol;  // served at docs.un.org/[lang/]SYMBOL; undocs.org redirects
  std::string url;     // or a full URL (front.un-arm.org/...) instead of a symbol
  std::string title;
  std::string content_type = "application/pdf";
  std::string body;  // empty: a one-page PDF (or HTML page) naming the title
};

struct Snapshot {
  std::string url;        // the original URL
  std::string timestamp;  // "YYYYMMDDhhmmss"
};

// A page served as given, at one URL.
struct Page {
  std::string url;
  int status = 200;
  std::string content_type = "text/html; charset=UTF-8";
  std::string body;
  std::map<std::string, std::string> headers;
};

// Many generated pages on one host (benchmarks): path_prefix + 0..count-1.
struct Synthetic {
  std::string host;
  std::string path_prefix = "/page/";
  int count = 0;
  int bytes = 2048;
};

// A fault injected at one URL. Every field is optional; see
// docs/world-format.md for what each does and in which order they apply.
struct Fault {
  std::string url;  // scheme ignored: matched on host + path + query
  int times = -1;   // applies to the first `times` requests; -1: always
  std::string method;  // only requests with this method ("HEAD"); "": all
  int status = 0;   // 0: the normal answer's status
  std::map<std::string, std::string> headers;
  std::string retry_after;             // sent as is ("2", an HTTP-date)
  int retry_after_date_in_s = -1;      // sends an HTTP-date this far ahead
  int delay_ms = 0;                    // before the status line
  int chunk_delay_ms = 0;              // between body chunks
  int chunks = 1;                      // how many pieces the body is sent in
  bool reset = false;                  // TCP RST before any byte of answer
  std::string redirect;                // Location (relative or absolute)
  int redirect_status = 302;
  std::string cookie;                  // "name=value": redirect to self setting it
  int64_t truncate_at = -1;            // declare the full length, send this much
  int64_t body_bytes = -1;             // an oversized body of this many bytes
  bool chunked = false;                // with body_bytes: no Content-Length
  int64_t gzip_bomb_bytes = -1;        // gzip of this many zero bytes
  std::string content_type;            // overrides the normal content type
  bool soft_404 = false;               // 200 with the "could not be found" page
  bool bot_challenge = false;          // 202 + x-amzn-waf-action: challenge
  std::optional<std::string> body;     // overrides the normal body
};

// What a site answers for a path it does not know, under a prefix: its own
// not-found answer (a 404 page, a "soft" 200 page, a redirect to the home
// page), as a careful checker's probe of a path that cannot exist meets it.
// Applies where the replica has nothing to serve (it would answer 404 with
// its not-found page); the longest matching prefix wins.
struct NotFoundAnswer {
  std::string prefix;  // a URL; scheme and port ignored: host + path prefix
  int status = 404;    // with `redirect`: the redirect's status (3xx)
  std::string content_type = "text/html; charset=UTF-8";
  std::string body;      // empty: the replica's not-found page
  std::string redirect;  // Location (relative or absolute); "" for none
};

struct World {
  std::vector<Recording> recordings;
  std::vector<ScheduleDay> schedule;
  std::vector<Document> documents;
  std::vector<Snapshot> snapshots;
  std::map<std::string, std::string> robots;  // host → robots.txt text
  std::vector<Page> pages;
  std::vector<Synthetic> synthetic;
  std::vector<Fault> faults;
  std::vector<NotFoundAnswer> not_found;

  const Recording* FindAsset(std::string_view asset_id) const;
  // By player id or canonical entry id (Kaltura's redirectFromEntryId).
  const Recording* FindEntry(std::string_view entry_id) const;
};

// Parses a world file's text. Errors: InvalidArgument naming the field.
Result<World> ParseWorld(std::string_view json_text);
Result<World> LoadWorld(const std::filesystem::path& path);

// "k1abcd1234" → "1_abcd1234"; empty when the id is not k + digit + 8.
std::string PlayerIdOf(std::string_view asset_id);

}  // namespace timecite::replica
