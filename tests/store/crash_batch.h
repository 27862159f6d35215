// The batches of the crash test, written through the Store API, one WriteBatch
// each: batch i is a recording with kCrashSegments segments (PutRecording),
// except every third, which is a set of kCrashCitations citations of one
// source (ReplaceCitations). A batch is "whole" when all of it is present.
#pragma once

#include <string>
#include <vector>

#include "store/store.h"

namespace timecite::store::testing {

inline constexpr int kCrashSegments = 40;
inline constexpr int kCrashCitations = 12;

inline bool IsCitationBatch(int i) { return i % 3 == 2; }

inline std::string CrashAsset(int trial, int i) {
  return "t" + std::to_string(trial) + "-" + std::to_string(i);
}

inline std::string CrashText(int trial, int i, int j) {
  return "batch " + CrashAsset(trial, i) + " segment " + std::to_string(j) +
         std::string(200, 'x');
}

inline std::string CrashSource(int trial, int i) {
  return "/reports/" + CrashAsset(trial, i) + ".md";
}

inline Status WriteCrashBatch(Store& store, int trial, int i) {
  const bool sync = i % 4 == 3;  // a command's final batch syncs
  if (IsCitationBatch(i)) {
    std::vector<CitationRecord> cs;
    for (int j = 0; j < kCrashCitations; ++j) {
      CitationRecord c;
      c.source = CrashSource(trial, i);
      c.footnote = j;
      c.url_written = CrashText(trial, i, j);
      c.verdict = "ok";
      cs.push_back(std::move(c));
    }
    return store.ReplaceCitations(CrashSource(trial, i), cs, sync);
  }
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
  return store.PutRecording(r, segs, sync);
}

}  // namespace timecite::store::testing
