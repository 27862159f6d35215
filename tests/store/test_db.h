// Helpers for the store suites: a fresh temporary database directory per test
// and small record builders with real-looking values.
#pragma once

#include <unistd.h>

#include <atomic>
#include <filesystem>
#include <string>
#include <vector>

#include "store/records.h"

namespace timecite::store::testing {

// A directory under the system temp dir, removed when the object dies.
class TempDir {
 public:
  TempDir() {
    static std::atomic<int> counter{0};
    path_ = std::filesystem::temp_directory_path() /
            ("timecite-store-test-" + std::to_string(::getpid()) + "-" +
             std::to_string(counter.fetch_add(1)));
    std::filesystem::remove_all(path_);
    std::filesystem::create_directories(path_);
  }
  ~TempDir() {
    std::error_code ec;
    std::filesystem::permissions(path_, std::filesystem::perms::owner_all,
                                 std::filesystem::perm_options::add, ec);
    std::filesystem::remove_all(path_, ec);
  }
  const std::filesystem::path& path() const { return path_; }
  std::filesystem::path db() const { return path_ / "db"; }

 private:
  std::filesystem::path path_;
};

inline Recording MakeRecording(const std::string& asset_id,
                               const std::string& date = "2021-03-08",
                               const std::string& body = "Security Council") {
  Recording r;
  r.asset_id = asset_id;
  r.player_id = "1_" + asset_id.substr(2);
  r.entry_id = r.player_id;
  r.title = "Meeting of " + date;
  r.body = body;
  r.date = date;
  r.start_utc_ms = 1615208400000;  // 2021-03-08T13:00:00Z
  r.duration_ms = 3 * 3600 * 1000;
  r.languages = {"en", "fr"};
  r.categories = {"Meetings & Events", "Security Council"};
  r.related_documents = {"https://undocs.org/S/PV.8762"};
  r.meeting_symbol = "S/PV.8762";
  r.status = "ready";
  return r;
}

inline Segment MakeSegment(const std::string& asset_id, SegmentKind kind,
                           int64_t start_ms, int64_t end_ms, uint32_t seq = 0,
                           const std::string& affiliation = "") {
  Segment s;
  s.asset_id = asset_id;
  s.kind = kind;
  s.start_ms = start_ms;
  s.end_ms = end_ms;
  s.seq = seq;
  s.affiliation = affiliation;
  s.speaker_name =
      affiliation.empty() ? "" : "Representative of " + affiliation;
  s.language = "en";
  s.text = "text at " + std::to_string(start_ms);
  s.source = "transcript";
  return s;
}

}  // namespace timecite::store::testing
