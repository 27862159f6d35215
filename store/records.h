// The record types kept in the store (DESIGN.md §3) and their value codec.
//
// Every value is a CBOR map (RFC 8949, written with nlohmann::json::to_cbor)
// holding a record version under "v" and one entry per field, named as the
// struct member. Fields this version does not know are kept in `extra` when a
// record is read and written back unchanged, so a read-modify-write by an older
// binary never drops what a newer one added. docs/store.md lists every field.
//
// Units: times and durations are integer milliseconds (unix epoch for points in
// time), sizes are bytes.
//
// Thread safety: plain values; see status.h.
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/fetch_error.h"
#include "common/status.h"

namespace timecite::store {

// One hop of a redirect chain: the status of the answer and its Location.
struct RedirectHop {
  int status = 0;
  std::string location;
  bool operator==(const RedirectHop&) const = default;
};

// The outcome of fetching one URL (the latest is kept per URL in `fetches`,
// every one in `fetch_log`).
struct FetchRecord {
  // 2: the error class is the field "error", its code (schema 3); version 1
  // had "error_class", its name ("" for ok), which only the schema 2 -> 3
  // migration reads (DecodeFetch refuses it).
  static constexpr int kVersion = 2;
  std::string url;        // canonical URL that was asked for (the key)
  int status = 0;         // HTTP status of the final answer; 0 when none came
  std::string final_url;  // URL after redirects
  std::vector<RedirectHop> redirects;  // in the order they were followed
  std::string etag;                    // as sent, quotes included
  std::string last_modified;           // HTTP-date as sent
  std::string content_type;
  int64_t content_length = -1;  // bytes of the body; -1 when unknown
  std::string body_hash;        // key of the body in `bodies`; empty if none
  ErrorClass error = ErrorClass::kOk;  // stored as its code (common/fetch_error.h)
  int64_t fetched_at_ms = 0;    // unix ms when the answer completed
  int attempts = 0;             // tries it took, retries included
  std::string method;           // "GET", "HEAD" or "POST" (the last one used)
  int64_t started_ms = 0;       // unix ms when the fetch began
  std::string error_message;    // curl's text or the crawler's; "" when ok
  std::string retry_after;      // Retry-After of the final answer, as sent
  bool not_modified = false;    // a 304 to a conditional request
  bool body_truncated = false;  // the body was cut at the cap
  nlohmann::json extra = nlohmann::json::object();  // unknown fields, kept
};

// A crawl task waiting in the frontier. Key: due time, host, URL; so a scan
// yields tasks in due order, and the same URL may be due at several times.
struct FrontierEntry {
  static constexpr int kVersion = 1;
  int64_t due_ms = 0;  // unix ms when the task may run
  std::string host;    // politeness key (host[:port], lower case)
  std::string url;
  nlohmann::json task = nlohmann::json::object();  // owned by the crawler
  nlohmann::json extra = nlohmann::json::object();
};

// A UN Web TV recording (one Kaltura entry).
struct Recording {
  static constexpr int kVersion = 1;
  std::string asset_id;   // e.g. "k1obxycc3u" (the key)
  std::string player_id;  // Kaltura id the page plays, e.g. "1_obxycc3u"
  std::string entry_id;   // canonical Kaltura entry after redirects
  std::string title;
  std::string body;  // e.g. "Security Council"; indexed as written
  std::string date;  // production date "YYYY-MM-DD"; indexed
  std::optional<int64_t> start_utc_ms;  // unix ms the meeting started
  int64_t duration_ms = 0;
  std::vector<std::string> languages;          // e.g. {"en", "fr"}
  std::vector<std::string> categories;         // category path, outermost first
  std::vector<std::string> related_documents;  // URLs or symbols
  std::string meeting_symbol;                  // e.g. "S/PV.9748"
  std::string status;  // "ready", "deleted", "live", ... as the indexer sets
  nlohmann::json extra = nlohmann::json::object();
};

// What a segment of a recording is. The numeric values are stored in keys:
// never renumber.
enum class SegmentKind : uint8_t {
  kStatement = 1,  // one speaker's turn
  kSentence = 2,   // a transcript sentence
  kCaption = 3,    // a caption cue
  kChapter = 4,    // an agenda item or chapter
  kCited = 5,      // a span some citation pointed at
};
inline constexpr SegmentKind kAllSegmentKinds[] = {
    SegmentKind::kStatement, SegmentKind::kSentence, SegmentKind::kCaption,
    SegmentKind::kChapter, SegmentKind::kCited};

// "statement", "sentence", "caption", "chapter", "cited".
std::string_view SegmentKindName(SegmentKind kind);
// The inverse of SegmentKindName; nullopt for any other text.
std::optional<SegmentKind> ParseSegmentKind(std::string_view name);

// A time span [start_ms, end_ms) of a recording.
struct Segment {
  static constexpr int kVersion = 1;
  std::string asset_id;
  int64_t start_ms = 0;  // from the start of the recording
  int64_t end_ms = 0;    // exclusive; >= start_ms
  SegmentKind kind = SegmentKind::kStatement;
  uint32_t seq = 0;          // tie-break among equal (kind, start)
  std::string speaker_name;  // as the source spells it
  std::string affiliation;   // ISO 3166-1 alpha-3, e.g. "IRN"; indexed
  std::string language;      // e.g. "en"
  std::string text;
  std::string source;  // where it came from: "transcript", "captions", ...
  nlohmann::json extra = nlohmann::json::object();
};

// A UN document known by URL.
struct Document {
  static constexpr int kVersion = 1;
  std::string url;     // the key
  std::string symbol;  // normalised, e.g. "A/RES/75/282"; may be empty
  std::string title;
  std::string language;
  std::string date;                         // "YYYY-MM-DD" when known
  std::vector<std::string> related_assets;  // recordings that cite it
  nlohmann::json extra = nlohmann::json::object();
};

// A document symbol and every URL known to carry it.
struct SymbolRecord {
  static constexpr int kVersion = 1;
  std::string symbol;  // the key
  std::vector<std::string> urls;
  nlohmann::json extra = nlohmann::json::object();
};

// One citation found in a document, with its last verdict.
// Key: source + footnote + seq.
struct CitationRecord {
  static constexpr int kVersion = 1;
  std::string source;  // absolute path of the document it was found in
  int footnote = 0;    // footnote number; 0 = body text. >= 0
  int seq = 0;         // order within the footnote. >= 0
  int line = 0;        // 1-based
  int column = 0;      // 1-based
  std::string url_written;
  std::string url_canonical;
  std::optional<int64_t> timecode_ms;
  std::string verdict;  // "ok" | "warning" | "broken" | "unverified"
  // Array of {rule, severity, message, suggestion} objects.
  nlohmann::json findings = nlohmann::json::array();
  int64_t checked_at_ms = 0;  // unix ms
  nlohmann::json extra = nlohmann::json::object();
};

// Value codec. Encode* returns the CBOR bytes; Decode* fails with Corruption
// when the bytes are not CBOR, not a map, or a known field has the wrong type.
// The key fields (e.g. Segment::asset_id) are stored in the value as well, so a
// value alone is a whole record.
std::string EncodeFetch(const FetchRecord& r);
Result<FetchRecord> DecodeFetch(std::string_view cbor);
std::string EncodeFrontier(const FrontierEntry& r);
Result<FrontierEntry> DecodeFrontier(std::string_view cbor);
std::string EncodeRecording(const Recording& r);
Result<Recording> DecodeRecording(std::string_view cbor);
std::string EncodeSegment(const Segment& r);
Result<Segment> DecodeSegment(std::string_view cbor);
std::string EncodeDocument(const Document& r);
Result<Document> DecodeDocument(std::string_view cbor);
std::string EncodeSymbol(const SymbolRecord& r);
Result<SymbolRecord> DecodeSymbol(std::string_view cbor);
std::string EncodeCitation(const CitationRecord& r);
Result<CitationRecord> DecodeCitation(std::string_view cbor);

// Any stored CBOR value as JSON (for `timecite db get/dump`); Corruption if
// the bytes are not CBOR.
Result<nlohmann::json> CborToJson(std::string_view cbor);

}  // namespace timecite::store
