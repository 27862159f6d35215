#include "indexer/transcript.h"

#include "test_util.h"

namespace timecite::indexer {
namespace {

constexpr std::string_view kTranscript = R"json({
  "url": "https://transcripts.un.org/en/asset/k1a/k1abcd1234",
  "video": {"id": "k1a/k1abcd1234", "kaltura_id": "1_abcd1234",
            "title": "Security Council, 9748th meeting",
            "url": "https://webtv.un.org/en/asset/k1a/k1abcd1234",
            "date": "2021-03-08T00:00:00.000Z", "duration": "03:02:11",
            "body": "Security Council", "pv_symbol": "s/pv.9748"},
  "transcript": {"language": "en", "data": [
    {"statement_number": 1, "start": 12.0,
     "speaker": {"name": "Mr. Smith", "affiliation": "MLT", "affiliation_full": "Malta",
                 "function": "President", "group": null},
     "paragraphs": [{"sentences": [
        {"text": "I call the meeting to order.", "start": 12.0, "end": 15.4},
        {"text": "The agenda is adopted.", "start": 15.4, "end": 18.25}]}]},
    {"statement_number": 2, "start": 5380.5,
     "speaker": {"name": "Mr. Takht Ravanchi", "affiliation": "IRN",
                 "affiliation_full": "Iran (Islamic Republic of)", "function": "Representative"},
     "paragraphs": [{"sentences": [{"text": "Thank you, Madam President.", "start": 5380.5, "end": 5383.0}]},
                    {"sentences": [{"text": "We reject this.", "start": 5384.0, "end": 5386.123}]}]}
  ]}})json";

TEST(Transcript, StatementsAndSentences) {
  auto t = ParseTranscript(kTranscript, int64_t{10931500});
  ASSERT_OK(t);
  EXPECT_EQ(t->asset_id, "k1abcd1234");
  EXPECT_EQ(t->kaltura_id, "1_abcd1234");
  EXPECT_EQ(t->title, "Security Council, 9748th meeting");
  EXPECT_EQ(t->date, "2021-03-08");
  EXPECT_EQ(t->duration_ms, 10931000);
  EXPECT_EQ(t->body, "Security Council");
  EXPECT_EQ(t->pv_symbol, "S/PV.9748");
  EXPECT_EQ(t->language, "en");

  ASSERT_EQ(t->statements.size(), 2u);
  const ParsedSegment& first = t->statements[0];
  EXPECT_EQ(first.kind, SegmentKind::kStatement);
  EXPECT_EQ(first.start_ms, 12000);
  EXPECT_EQ(first.end_ms, 5380500);  // the next statement's start
  EXPECT_EQ(first.speaker_name, "Mr. Smith");
  EXPECT_EQ(first.affiliation, "MLT");
  EXPECT_EQ(first.function, "President");
  EXPECT_EQ(first.language, "en");
  EXPECT_EQ(first.text, "");
  EXPECT_EQ(t->statements[1].start_ms, 5380500);
  EXPECT_EQ(t->statements[1].end_ms, 10931500);  // the recording's end
  EXPECT_EQ(t->statements[1].affiliation, "IRN");

  ASSERT_EQ(t->sentences.size(), 4u);
  EXPECT_EQ(t->sentences[0], (ParsedSegment{SegmentKind::kSentence, 12000, 15400, "Mr. Smith",
                                            "MLT", "President", "en",
                                            "I call the meeting to order."}));
  EXPECT_EQ(t->sentences[1].end_ms, 18250);
  EXPECT_EQ(t->sentences[3].text, "We reject this.");
  EXPECT_EQ(t->sentences[3].start_ms, 5384000);
  EXPECT_EQ(t->sentences[3].end_ms, 5386123);
  EXPECT_EQ(t->sentences[3].affiliation, "IRN");
}

TEST(Transcript, LastStatementEndsAtVideoDurationWithoutKaltura) {
  auto t = ParseTranscript(kTranscript);
  ASSERT_OK(t);
  EXPECT_EQ(t->statements.back().end_ms, 10931000);
}

TEST(Transcript, LastStatementEndsAtLastSentenceWithoutAnyDuration) {
  auto t = ParseTranscript(R"({"transcript": {"language": "fr", "data": [
      {"start": 3, "speaker": null, "paragraphs": [{"sentences": [{"text": "Merci.", "start": 3, "end": 4.5}]}]}]}})");
  ASSERT_OK(t);
  ASSERT_EQ(t->statements.size(), 1u);
  EXPECT_EQ(t->statements[0].end_ms, 4500);
  EXPECT_EQ(t->statements[0].speaker_name, "");
  EXPECT_EQ(t->asset_id, "");
  EXPECT_EQ(t->sentences[0].language, "fr");
}

TEST(Transcript, StatementsOutOfOrderAreSorted) {
  auto t = ParseTranscript(R"({"transcript": {"language": "en", "data": [
      {"start": 100, "speaker": {"name": "B"}}, {"start": 10, "speaker": {"name": "A"}}]}})",
                           int64_t{200000});
  ASSERT_OK(t);
  ASSERT_EQ(t->statements.size(), 2u);
  EXPECT_EQ(t->statements[0].speaker_name, "A");
  EXPECT_EQ(t->statements[0].end_ms, 100000);
  EXPECT_EQ(t->statements[1].end_ms, 200000);
}

TEST(Transcript, NoTranscriptIsNotAnError) {
  auto empty = ParseTranscript(R"({"video": {"id": "k1a/k1abcd1234"}, "transcript": {"language": "en", "data": []}})");
  ASSERT_OK(empty);
  EXPECT_TRUE(empty->statements.empty());
  EXPECT_TRUE(empty->sentences.empty());
  EXPECT_EQ(empty->asset_id, "k1abcd1234");
  auto absent = ParseTranscript(R"({"video": {}})");
  ASSERT_OK(absent);
  EXPECT_TRUE(absent->statements.empty());
}

TEST(Transcript, BadInput) {
  for (std::string_view bad : {"", "{", "[]", "\"x\"", "{\"a\": \"\xFF\"}"}) {
    EXPECT_FALSE(ParseTranscript(bad).ok()) << bad;
  }
  auto negative = ParseTranscript(R"({"transcript": {"data": [{"start": -1}]}})");
  ASSERT_FALSE(negative.ok());
  EXPECT_NE(negative.status().message().find("statement 1"), std::string::npos);
  auto text_time = ParseTranscript(
      R"({"transcript": {"data": [{"start": 1, "paragraphs": [{"sentences": [{"start": "x"}]}]}]}})");
  ASSERT_FALSE(text_time.ok());
  EXPECT_NE(text_time.status().message().find("statement 1 sentence 1"), std::string::npos);
  EXPECT_FALSE(ParseTranscript(R"({"transcript": {"data": [{"start": 1e300}]}})").ok());
}

}  // namespace
}  // namespace timecite::indexer
