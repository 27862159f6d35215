// Kaltura `multirequest` answer -> the canonical entry of a player id
// (DESIGN.md §1; shapes in ../shared/corpus/webtv/shapes.md). The request is
// session.startWidgetSession then baseEntry.list filtered by
// redirectFromEntryId; the answer is a JSON array, one element per request.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "common/status.h"

namespace timecite::indexer {

inline constexpr int kKalturaStatusReady = 2;
inline constexpr int kKalturaStatusDeleted = 3;

struct KalturaEntry {
  std::string entry_id;  // canonical id after redirects, "1_zk3kwu7h"
  std::string name;
  int64_t duration_ms = 0;    // msDuration, else duration (s) * 1000
  int64_t created_at_ms = 0;  // createdAt (unix s) * 1000
  int status = 0;             // 2 ready, 3 deleted, ... (KalturaEntryStatus)
  bool removed() const { return status == kKalturaStatusDeleted; }
};

// A KalturaAPIException Kaltura sent (with HTTP 200).
struct KalturaError {
  std::string code;  // e.g. "INVALID_KS"
  std::string message;
};

struct KalturaAnswer {
  enum class Kind {
    kEntry,     // `entry` holds the canonical entry (check entry.removed())
    kNoEntry,   // the list came back empty: Kaltura knows no such id
    kApiError,  // Kaltura refused: `error` says why
  };
  Kind kind = Kind::kNoEntry;
  KalturaEntry entry;
  KalturaError error;
};

// Parses the multirequest answer (also a bare KalturaAPIException object).
// Errors: InvalidArgument for bytes that are not JSON (or over 16 MiB) or
// JSON of another shape (named in the message).
Result<KalturaAnswer> ParseKalturaMultirequest(std::string_view json);

// "ready", "deleted", "pending", ... for a KalturaEntryStatus; "status <n>"
// for values without a name.
std::string KalturaStatusName(int status);

}  // namespace timecite::indexer
