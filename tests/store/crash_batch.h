// The batches of the crash test: each one a recording with kSegments segments
// and a citation set, written through the Store API as one WriteBatch each
// (PutRecording) plus one ReplaceCitations. A batch is "whole" when the
// recording, every one of its segments and its index entries are present.
#pragma once

#include <string>
#include <vector>

#include "store/store.h"

namespace timecite::store::testing {

inline constexpr int kCrashSegments = 40;

inline std::string CrashAsset(int trial, int i) {
  return "t" + std::to_string(trial) + "-" + std::to_string(i);
}

inline std::string CrashText(int trial, int i, int j) {
  return "batch " + CrashAsset(trial, i) + " segment " + std::to_string(j) +
         std::string(200, 'x');
}

inline Status WriteCrashBatch(Store& store, int trial, int i) {
  Recording r;
  r.asset_id = CrashAsset(trial, i);
  r.date = "2021-03-08";
  r.body = "Crash Council";
  r.title = "crash batch " + r.asset_id;
  std::vector<Segment> segs;
  for (int j = 0; j < kCrashSegments; ++j) {
    Segment s;
    s.asset_id = r.asset_id;
    s.kind = j % 2 ? SegmentKind::kSentence : SegmentKind::kStatement;
    s.start_ms = j * 1000;
    s.end_ms = j * 1000 + 999;
    s.affiliation = "CRA";
    s.text = CrashText(trial, i, j);
    segs.push_back(std::move(s));
  }
  // Every fourth batch is a command's final one and syncs.
  return store.PutRecording(r, segs, /*sync=*/i % 4 == 3);
}

}  // namespace timecite::store::testing
