// Malformed input never crashes a parser: deterministic mutations (byte flips,
// truncations, insertions of markup and multibyte junk) of valid documents
// go through every entry point, which must return a value or a Status.
#include <random>

#include "common/symbol.h"
#include "indexer/asset_page.h"
#include "indexer/captions.h"
#include "indexer/kaltura.h"
#include "indexer/schedule_page.h"
#include "indexer/transcript.h"
#include "indexer_test_util.h"

namespace timecite::indexer {
namespace {

using testing::Builtin;
using testing::Fixture;

std::vector<std::string> Mutations(const std::string& seed, int count) {
  static const char* kInserts[] = {"<", ">", "</div>", "<div class='field__item'>", "\"", "'",
                                   "\xFF", "\xE2\x80", "\xF0\x9F\x98\x80", "{", "}", "[", "]",
                                   "-->", "\n\n", "&amp;", "&#0;", "\0", "9999999999999999999"};
  std::mt19937 rng(1234);
  std::vector<std::string> out;
  for (int i = 0; i < count; ++i) {
    std::string s = seed;
    const int edits = 1 + static_cast<int>(rng() % 8);
    for (int e = 0; e < edits && !s.empty(); ++e) {
      const std::size_t at = rng() % s.size();
      switch (rng() % 4) {
        case 0: s[at] = static_cast<char>(rng() % 256); break;
        case 1: s.resize(at); break;
        case 2: s.insert(at, kInserts[rng() % std::size(kInserts)]); break;
        case 3: s.erase(at, rng() % 64); break;
      }
    }
    out.push_back(std::move(s));
  }
  return out;
}

constexpr std::string_view kTranscript = R"json({"video": {"id": "k1q/k1q2w3e4r5", "duration": "03:02:11"},
  "transcript": {"language": "en", "data": [{"start": 12.0, "speaker": {"name": "A", "affiliation": "MLT"},
  "paragraphs": [{"sentences": [{"text": "Hello.", "start": 12.0, "end": 15.4}]}]}]}})json";
constexpr std::string_view kKaltura =
    R"([{"objectType": "KalturaStartWidgetSessionResponse", "ks": "x"}, {"objects": [{"id": "1_zk3kwu7h", "msDuration": 5, "createdAt": 1, "status": 2}]}])";
constexpr std::string_view kVtt = "WEBVTT\n\n1\n00:01.000 --> 00:02.000\n<v A>Hi &amp; bye</v>\n\n";
constexpr std::string_view kSrt = "1\n00:00:01,000 --> 00:00:02,000\n<i>Hi</i>\n\n";

TEST(Robustness, AssetAndSchedulePages) {
  const Profile asset = Builtin("webtv-asset");
  const Profile schedule = Builtin("webtv-schedule");
  int ok = 0;
  for (const std::string& page : Mutations(Fixture("asset-page-security-council.html"), 150)) {
    ok += ParseAssetPage(page, asset).ok() ? 1 : 0;
  }
  for (const std::string& page : Mutations(Fixture("schedule-day.html"), 150)) {
    ok += ParseSchedulePage(page, schedule).ok() ? 1 : 0;
  }
  EXPECT_GT(ok, 0);  // most small mutations still parse
}

TEST(Robustness, JsonAndCaptions) {
  for (const std::string& text : Mutations(std::string(kTranscript), 300)) {
    (void)ParseTranscript(text, int64_t{1000}).ok();
  }
  for (const std::string& text : Mutations(std::string(kKaltura), 300)) {
    (void)ParseKalturaMultirequest(text).ok();
  }
  for (const std::string& text : Mutations(std::string(kVtt), 300)) {
    (void)ParseCaptions(text, "en").ok();
  }
  for (const std::string& text : Mutations(std::string(kSrt), 300)) {
    (void)ParseSrt(text, "en").ok();
  }
  SUCCEED();
}

TEST(Robustness, Symbols) {
  const std::string seed =
      "会议室文件，A/AC.290/2021/CRP.3*，<https://undocs.org/a/res/75/282> S/RES/2334 (2016), "
      "Security Council, 9748th meeting; First Committee, 26th plenary meeting, 80th session";
  for (const std::string& text : Mutations(seed, 400)) {
    for (const symbol::SymbolMatch& m : symbol::FindInText(text)) {
      ASSERT_LE(m.begin, m.end);
      ASSERT_LE(m.end, text.size());
      EXPECT_TRUE(symbol::Parse(m.symbol).has_value()) << m.symbol;
    }
    (void)symbol::Normalize(text);
    (void)symbol::MeetingRecordFromTitle(text);
  }
}

}  // namespace
}  // namespace timecite::indexer
