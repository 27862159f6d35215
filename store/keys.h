// Key codecs: one per key kind, for RocksDB's default bytewise comparator.
//
// Rules (docs/store.md has the full table):
// - numbers are fixed-width big-endian unsigned (u32: 4 bytes, u64: 8 bytes),
//   so byte order is numeric order; negative values are rejected by callers;
// - a variable-length text part is followed by the separator 0x00, a byte that
//   cannot occur in ids, URLs, paths, symbols or ISO codes (the store refuses
//   text containing it), so "ab" never sorts among the keys of "a";
// - a text part that ends a key has no separator.
//
// Each Decode* fails with Corruption on a key that does not parse.
// Thread safety: pure functions.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "common/status.h"
#include "store/records.h"

namespace timecite::store::keys {

inline constexpr char kSep = '\0';

// Big-endian fixed-width numbers.
void AppendU32(std::string& out, uint32_t v);
void AppendU64(std::string& out, uint64_t v);
uint32_t ReadU32(std::string_view in);  // REQUIRES: in.size() >= 4
uint64_t ReadU64(std::string_view in);  // REQUIRES: in.size() >= 8

// True when `text` may be stored as a key part (no separator byte).
bool ValidPart(std::string_view text);

// The smallest key greater than every key that starts with `prefix`, or ""
// when none exists (prefix all 0xff). Used as iterate_upper_bound.
std::string PrefixEnd(std::string_view prefix);

// fetch_log: url 0x00 time_ms(u64)
std::string FetchLogKey(std::string_view url, int64_t time_ms);
std::string FetchLogPrefix(std::string_view url);  // url 0x00
struct FetchLogKeyParts {
  std::string url;
  int64_t time_ms = 0;
};
Result<FetchLogKeyParts> DecodeFetchLogKey(std::string_view key);

// frontier: due_ms(u64) host 0x00 url
std::string FrontierKey(int64_t due_ms, std::string_view host,
                        std::string_view url);
struct FrontierKeyParts {
  int64_t due_ms = 0;
  std::string host;
  std::string url;
};
Result<FrontierKeyParts> DecodeFrontierKey(std::string_view key);

// segments: asset_id 0x00 kind(u8) start_ms(u64) seq(u32)
// Kind comes before the start so each kind is its own timeline and "which
// sentence covers t" is one SeekForPrev (docs/store.md explains).
// The kind byte 0x00 is reserved for the per-recording segment summary key
// asset_id 0x00 0x00.
std::string SegmentKey(std::string_view asset_id, SegmentKind kind,
                       int64_t start_ms, uint32_t seq);
std::string SegmentPrefix(std::string_view asset_id);  // asset_id 0x00
std::string SegmentKindPrefix(std::string_view asset_id, SegmentKind kind);
std::string SegmentSummaryKey(std::string_view asset_id);
// True for a key made by SegmentSummaryKey (its first 0x00 is second last).
bool IsSegmentSummaryKey(std::string_view key);
struct SegmentKeyParts {
  std::string asset_id;
  SegmentKind kind = SegmentKind::kStatement;
  int64_t start_ms = 0;
  uint32_t seq = 0;
};
Result<SegmentKeyParts> DecodeSegmentKey(std::string_view key);

// citations: source 0x00 footnote(u32) seq(u32)
std::string CitationKey(std::string_view source, int footnote, int seq);
std::string CitationPrefix(std::string_view source);  // source 0x00
struct CitationKeyParts {
  std::string source;
  int footnote = 0;
  int seq = 0;
};
Result<CitationKeyParts> DecodeCitationKey(std::string_view key);

// idx_recordings_by_date: date("YYYY-MM-DD") 0x00 asset_id -> empty
std::string RecordingByDateKey(std::string_view date,
                               std::string_view asset_id);
// idx_recordings_by_body: body 0x00 date 0x00 asset_id -> empty
std::string RecordingByBodyKey(std::string_view body, std::string_view date,
                               std::string_view asset_id);
// idx_segments_by_affiliation:
//   iso3 0x00 asset_id 0x00 kind(u8) start_ms(u64) seq(u32) -> empty
// i.e. iso3 0x00 followed by the segment key.
std::string SegmentByAffiliationKey(std::string_view iso3,
                                    std::string_view segment_key);

// Splits "a 0x00 b 0x00 c" into at most `max_parts` parts (the last takes the
// rest, separators included).
std::vector<std::string_view> Split(std::string_view key, size_t max_parts);

}  // namespace timecite::store::keys
