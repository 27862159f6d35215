// A database with two recordings written by a real store (the writer stays
// open, as a crawl would) and its search index (search::Rebuild), and a
// timecite::serve::Server over it on a free loopback port. Shared by the API
// and browser tests.
#pragma once

#include <gtest/gtest.h>
#include <unistd.h>

#include <atomic>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "common/test_util.h"
#include "search/search.h"
#include "serve/server.h"
#include "store/store.h"

namespace timecite::serve::testing {

inline store::Segment Seg(const std::string& asset, store::SegmentKind kind,
                          int64_t start, int64_t end, std::string speaker,
                          std::string affiliation, std::string text,
                          std::string lang = "en") {
  store::Segment s;
  s.asset_id = asset;
  s.kind = kind;
  s.start_ms = start;
  s.end_ms = end;
  s.speaker_name = std::move(speaker);
  s.affiliation = std::move(affiliation);
  s.text = std::move(text);
  s.language = std::move(lang);
  s.source = "transcript";
  return s;
}

// k1abcd1234: Security Council, 2024-10-14, 1:40:00 long; statements by
// Nigeria (1:40-3:20), the United States (3:20-5:00) and Iran (1:29:40-
// 1:29:50); sentences at 1:40, 2:30 (with "<script>" in it), 5:00 (Arabic)
// and 1:29:40 ("I thank you, Madam President.").
// k1xyz98765: General Assembly, 2021-03-08, 1:00:00, one sentence at 0:10.
inline Status WriteArchive(store::Store& db) {
  using K = store::SegmentKind;
  store::Recording a;
  a.asset_id = "k1abcd1234";
  a.player_id = "1_abcd1234";
  a.entry_id = "1_abcd1234";
  a.title = "The situation in the Middle East - Security Council, 9748th meeting";
  a.body = "Security Council";
  a.date = "2024-10-14";
  a.duration_ms = 6000000;
  a.meeting_symbol = "S/PV.9748";
  a.status = "ready";
  a.extra["transcript_language"] = "en";
  const std::string id = a.asset_id;
  std::vector<store::Segment> segs = {
      Seg(id, K::kStatement, 100000, 200000, "Ms. Amina Okafor", "NGA", ""),
      Seg(id, K::kStatement, 200000, 300000, "Mr. John Smith", "USA", ""),
      Seg(id, K::kStatement, 5380000, 5390000, "Mr. Reza Tehrani", "IRN", ""),
      Seg(id, K::kSentence, 100000, 150000, "Ms. Amina Okafor", "NGA",
          "Nigeria calls for regional cooperation on water."),
      Seg(id, K::kSentence, 150000, 200000, "Ms. Amina Okafor", "NGA",
          "<script>alert(1)</script> must stay text & be escaped."),
      Seg(id, K::kSentence, 300000, 310000, "", "",
          "نشكر الرئيسة على هذه الإحاطة.", "ar"),
      Seg(id, K::kSentence, 5380000, 5385000, "Mr. Reza Tehrani", "IRN",
          "I thank you, Madam President."),
  };
  for (uint32_t i = 0; i < segs.size(); ++i) segs[i].seq = i;
  if (Status st = db.PutRecording(a, segs, true); !st.ok()) return st;

  store::Recording b;
  b.asset_id = "k1xyz98765";
  b.player_id = "1_xyz98765";
  b.title = "General Assembly, 75th session, plenary";
  b.body = "General Assembly";
  b.date = "2021-03-08";
  b.duration_ms = 3600000;
  b.status = "ready";
  return db.PutRecording(
      b, {Seg(b.asset_id, K::kSentence, 10000, 20000, "", "",
              "Cooperation on climate is urgent.")},
      true);
}

class ServeEnv {
 public:
  // A fresh database with the archive (or empty) and a server over it. Null (after an
  // ADD_FAILURE) when something cannot be set up.
  static std::unique_ptr<ServeEnv> Start(ServeOptions options = {},
                                          bool archive = true) {
    static std::atomic<int> counter{0};
    auto env = std::unique_ptr<ServeEnv>(new ServeEnv);
    env->dir_ = std::filesystem::temp_directory_path() /
                ("timecite-serve-test-" + std::to_string(getpid()) + "-" +
                 std::to_string(counter++));
    std::filesystem::remove_all(env->dir_);
    auto db = store::Store::Open(env->dir_ / "db", store::OpenMode::kReadWrite);
    if (!db.ok()) {
      ADD_FAILURE() << db.status().ToString();
      return nullptr;
    }
    env->writer_ = std::move(db).value();
    if (Status st = archive ? WriteArchive(*env->writer_) : env->writer_->Flush();
        !st.ok()) {
      ADD_FAILURE() << st.ToString();
      return nullptr;
    }
    if (auto built = search::Rebuild(*env->writer_, search::IndexPathFor(env->dir_ / "db"));
        !built.ok()) {
      ADD_FAILURE() << built.status().ToString();
      return nullptr;
    }
    options.db = env->dir_ / "db";
    options.port = 0;
    auto server = Server::Create(std::move(options));
    if (!server.ok()) {
      ADD_FAILURE() << server.status().ToString();
      return nullptr;
    }
    env->server_ = std::move(server).value();
    if (Status st = env->server_->Start(); !st.ok()) {
      ADD_FAILURE() << st.ToString();
      return nullptr;
    }
    return env;
  }

  ~ServeEnv() {
    server_.reset();
    writer_.reset();
    std::error_code ec;
    std::filesystem::remove_all(dir_, ec);
  }

  Server& server() { return *server_; }
  store::Store& writer() { return *writer_; }
  // Writes a recording as a crawl does: the store, then the search index
  // (search::StoreFollower).
  Status AddRecording(const store::Recording& r, const std::vector<store::Segment>& segments) {
    search::StoreFollower follower(*writer_);
    follower.Before(r.asset_id);
    Status st = writer_->PutRecording(r, segments, true);
    follower.After(r.asset_id);
    return st.ok() ? follower.status() : st;
  }
  // Closes the writer (the database's lock), as a crawl that ended.
  void CloseWriter() { writer_.reset(); }
  const std::filesystem::path& dir() const { return dir_; }
  int port() const { return server_->port(); }

 private:
  ServeEnv() = default;
  std::filesystem::path dir_;
  std::unique_ptr<store::Store> writer_;
  std::unique_ptr<Server> server_;
};

// Options for tests: no rate limit, a quick catch-up.
inline ServeOptions TestOptions() {
  ServeOptions o;
  o.rate_per_second = 0;
  o.catch_up_interval_ms = 100;
  o.threads = 4;
  return o;
}

}  // namespace timecite::serve::testing
