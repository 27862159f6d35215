// Value codec: every field round-trips, unknown fields survive a
// read-modify-write, and bad bytes are Corruption, never a default record.
#include "store/records.h"

#include <gtest/gtest.h>

#include "common/test_util.h"

namespace timecite::store {
namespace {

using nlohmann::json;

std::string ToCbor(const json& j) {
  std::string out;
  json::to_cbor(j, out);
  return out;
}

TEST(RecordsTest, FetchRecordRoundTrips) {
  FetchRecord f;
  f.url = "https://webtv.un.org/en/asset/k1o/k1obxycc3u";
  f.status = 200;
  f.final_url = "https://webtv.un.org/en/asset/k1o/k1obxycc3u";
  f.redirects = {{301, "https://webtv.un.org/en/asset/k1o/k1obxycc3u"}};
  f.etag = "\"abc\"";
  f.last_modified = "Mon, 08 Mar 2021 13:00:00 GMT";
  f.content_type = "text/html; charset=UTF-8";
  f.content_length = 48213;
  f.body_hash = "sha256:00ff";
  f.fetched_at_ms = 1700000000123;
  f.attempts = 2;
  auto back = DecodeFetch(EncodeFetch(f));
  ASSERT_OK(back);
  EXPECT_EQ(back->url, f.url);
  EXPECT_EQ(back->status, 200);
  EXPECT_EQ(back->redirects, f.redirects);
  EXPECT_EQ(back->etag, "\"abc\"");
  EXPECT_EQ(back->content_length, 48213);
  EXPECT_EQ(back->fetched_at_ms, 1700000000123);
  EXPECT_EQ(back->attempts, 2);
  EXPECT_TRUE(back->extra.empty());
}

TEST(RecordsTest, FetchRecordKeepsItsErrorClassAsACodeAndTheCrawlersFields) {
  FetchRecord f;
  f.url = "https://undocs.org/S/PV.9748";
  f.status = 429;
  f.error = ErrorClass::kHttpStatus;
  f.method = "HEAD";
  f.started_ms = 1700000000000;
  f.error_message = "HTTP 429";
  f.retry_after = "120";
  f.body_truncated = true;
  const std::string cbor = EncodeFetch(f);
  const json j = json::from_cbor(cbor);
  EXPECT_EQ(j["v"], 2);
  EXPECT_EQ(j["error"], 5);  // the code of http-status, never its name
  EXPECT_FALSE(j.contains("error_class"));
  EXPECT_EQ(j["retry_after"], "120");
  EXPECT_FALSE(j.contains("not_modified"));  // written only when set
  auto back = DecodeFetch(cbor);
  ASSERT_OK(back);
  EXPECT_EQ(back->error, ErrorClass::kHttpStatus);
  EXPECT_EQ(back->method, "HEAD");
  EXPECT_EQ(back->started_ms, 1700000000000);
  EXPECT_EQ(back->error_message, "HTTP 429");
  EXPECT_EQ(back->retry_after, "120");
  EXPECT_TRUE(back->body_truncated);
  EXPECT_FALSE(back->not_modified);
  EXPECT_TRUE(back->extra.empty());
}

TEST(RecordsTest, AnErrorCodeOfANewerVersionIsOtherAndKept) {
  const std::string cbor =
      ToCbor({{"v", 3}, {"url", "https://a.example/"}, {"status", 0}, {"error", 42}});
  auto f = DecodeFetch(cbor);
  ASSERT_OK(f);
  EXPECT_EQ(f->error, ErrorClass::kOther);
  EXPECT_EQ(ErrorClassName(f->error), "other");
  EXPECT_EQ(f->extra["error_code"], 42);
  auto again = DecodeFetch(EncodeFetch(*f));
  ASSERT_OK(again);
  EXPECT_EQ(again->error, ErrorClass::kOther);
  EXPECT_EQ(again->extra["error_code"], 42);
}

TEST(RecordsTest, ASchema2FetchRecordIsRefusedNotReadAsOk) {
  // Schema 2 kept the class by name; read without migrating, "dns" would
  // otherwise look like success.
  const std::string cbor = ToCbor(
      {{"v", 1}, {"url", "https://a.example/"}, {"status", 0}, {"error_class", "dns"}});
  auto f = DecodeFetch(cbor);
  ASSERT_FALSE(f.ok());
  EXPECT_EQ(f.status().code(), Status::Code::kCorruption);
  EXPECT_NE(f.status().message().find("migrate"), std::string::npos) << f.status().message();
}

TEST(RecordsTest, ValuesCarryTheirRecordVersion) {
  Segment s;
  s.asset_id = "k1x";
  auto j = json::from_cbor(EncodeSegment(s));
  EXPECT_EQ(j["v"], 1);
  EXPECT_EQ(j["kind"], "statement");
  EXPECT_EQ(json::from_cbor(EncodeCitation(CitationRecord{}))["v"], 1);
}

TEST(RecordsTest, UnknownFieldsSurviveReadModifyWrite) {
  // A value written by a newer version with a field this one does not know.
  json newer = {{"v", 2},
                {"asset_id", "k1obxycc3u"},
                {"title", "Old title"},
                {"duration_ms", 5400000},
                {"speaker_count", 31},
                {"thumbnails", {"a.jpg", "b.jpg"}}};
  auto rec = DecodeRecording(ToCbor(newer));
  ASSERT_OK(rec);
  EXPECT_EQ(rec->title, "Old title");
  EXPECT_EQ(rec->duration_ms, 5400000);
  rec->title = "New title";
  auto again = json::from_cbor(EncodeRecording(*rec));
  EXPECT_EQ(again["title"], "New title");
  EXPECT_EQ(again["speaker_count"], 31);
  EXPECT_EQ(again["thumbnails"], json({"a.jpg", "b.jpg"}));
  EXPECT_EQ(again["v"], 1);  // written by this version's codec
}

TEST(RecordsTest, BadBytesAreCorruption) {
  auto not_cbor = DecodeSegment("\xff\xff\x00garbage");
  ASSERT_FALSE(not_cbor.ok());
  EXPECT_EQ(not_cbor.status().code(), Status::Code::kCorruption);
  auto not_map = DecodeRecording(ToCbor(json::array({1, 2})));
  EXPECT_EQ(not_map.status().code(), Status::Code::kCorruption);
  auto wrong_type = DecodeCitation(ToCbor({{"footnote", "thirteen"}}));
  ASSERT_FALSE(wrong_type.ok());
  EXPECT_EQ(wrong_type.status().code(), Status::Code::kCorruption);
  EXPECT_NE(wrong_type.status().message().find("footnote"), std::string::npos);
  auto bad_kind = DecodeSegment(ToCbor({{"kind", "speech"}}));
  EXPECT_EQ(bad_kind.status().code(), Status::Code::kCorruption);
}

TEST(RecordsTest, OptionalFieldsStayAbsent) {
  CitationRecord c;
  c.source = "/r.md";
  auto back = DecodeCitation(EncodeCitation(c));
  ASSERT_OK(back);
  EXPECT_EQ(back->timecode_ms, std::nullopt);
  c.timecode_ms = 0;  // the very start is a real timecode
  back = DecodeCitation(EncodeCitation(c));
  ASSERT_OK(back);
  EXPECT_EQ(back->timecode_ms, std::optional<int64_t>(0));
}

TEST(RecordsTest, SegmentAndRecordingRoundTripOnEveryPath) {
  Segment s;
  s.asset_id = "k1obxycc3u";
  s.start_ms = 5380000;
  s.end_ms = 5384250;
  s.kind = SegmentKind::kCaption;
  s.seq = 70000;  // needs a 4-byte CBOR integer
  s.speaker_name = "Mr. Ebrahimi";
  s.affiliation = "IRN";
  s.language = "fa";
  s.text = std::string(300, 'y') + " \xd8\xa7\xd8\xa8";
  s.source = "captions";
  auto back = DecodeSegment(EncodeSegment(s));
  ASSERT_OK(back);
  EXPECT_EQ(back->start_ms, 5380000);
  EXPECT_EQ(back->end_ms, 5384250);
  EXPECT_EQ(back->kind, SegmentKind::kCaption);
  EXPECT_EQ(back->seq, 70000u);
  EXPECT_EQ(back->text, s.text);
  EXPECT_EQ(back->source, "captions");
  // With an unknown field the general path runs and gives the same record.
  s.extra = {{"confidence", 0.93}};
  back = DecodeSegment(EncodeSegment(s));
  ASSERT_OK(back);
  EXPECT_EQ(back->text, s.text);
  EXPECT_EQ(back->seq, 70000u);
  EXPECT_EQ(back->extra["confidence"], 0.93);

  Recording r;
  r.asset_id = "k1obxycc3u";
  r.languages = {"en", "zh"};
  r.start_utc_ms = -1000;  // before the epoch: a negative CBOR integer
  r.duration_ms = 5400000;
  auto rec = DecodeRecording(EncodeRecording(r));
  ASSERT_OK(rec);
  EXPECT_EQ(rec->languages, r.languages);
  EXPECT_EQ(rec->start_utc_ms, std::optional<int64_t>(-1000));
  EXPECT_EQ(rec->duration_ms, 5400000);
  r.start_utc_ms.reset();
  rec = DecodeRecording(EncodeRecording(r));
  ASSERT_OK(rec);
  EXPECT_EQ(rec->start_utc_ms, std::nullopt);
  // A truncated value is never a record.
  std::string cut = EncodeRecording(r);
  cut.resize(cut.size() - 3);
  EXPECT_EQ(DecodeRecording(cut).status().code(), Status::Code::kCorruption);
}

TEST(RecordsTest, SegmentKindNamesRoundTrip) {
  for (SegmentKind k : kAllSegmentKinds) {
    EXPECT_EQ(ParseSegmentKind(SegmentKindName(k)), k);
  }
  EXPECT_EQ(ParseSegmentKind("speech"), std::nullopt);
}

}  // namespace
}  // namespace timecite::store
