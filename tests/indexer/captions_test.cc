#include "indexer/captions.h"

#include "test_util.h"

namespace timecite::indexer {
namespace {

TEST(Captions, WebVtt) {
  constexpr std::string_view kVtt =
      "\xEF\xBB\xBFWEBVTT - UN Web TV\r\nKind: captions\r\n\r\n"
      "NOTE produced by the caption service\r\n\r\n"
      "STYLE\r\n::cue { color: yellow }\r\n\r\n"
      "intro\r\n00:12.000 --> 00:15.400 line:0 position:10%\r\n"
      "<v Mr. Smith>I call the meeting</v>\r\nto <i>order</i> &amp; begin.\r\n\r\n"
      "01:29:40.500 --> 01:29:43.000\r\n<c.yellow>Thank you,</c> <00:00:01.000>Madam&nbsp;President.\r\n";
  auto cues = ParseWebVtt(kVtt, "en");
  ASSERT_OK(cues);
  ASSERT_EQ(cues->size(), 2u);
  EXPECT_EQ((*cues)[0], (ParsedSegment{SegmentKind::kCaption, 12000, 15400, "Mr. Smith", "", "",
                                       "en", "I call the meeting to order & begin."}));
  EXPECT_EQ((*cues)[1].start_ms, 5380500);
  EXPECT_EQ((*cues)[1].end_ms, 5383000);
  EXPECT_EQ((*cues)[1].text, "Thank you, Madam President.");
  EXPECT_EQ((*cues)[1].speaker_name, "");
}

TEST(Captions, Srt) {
  constexpr std::string_view kSrt =
      "1\n00:00:12,000 --> 00:00:15,400\n<i>I call the meeting</i>\nto order.\n\n"
      "2\n01:29:40,500 --> 01:29:43,000\n{\\an8}Thank you.\n\n\n";
  auto cues = ParseSrt(kSrt, "fr");
  ASSERT_OK(cues);
  ASSERT_EQ(cues->size(), 2u);
  EXPECT_EQ((*cues)[0], (ParsedSegment{SegmentKind::kCaption, 12000, 15400, "", "", "", "fr",
                                       "I call the meeting to order."}));
  EXPECT_EQ((*cues)[1].start_ms, 5380500);
  EXPECT_EQ((*cues)[1].text, "Thank you.");
}

TEST(Captions, DetectsTheFormat) {
  auto vtt = ParseCaptions("WEBVTT\n\n00:01.000 --> 00:02.000\nHi\n", "en");
  ASSERT_OK(vtt);
  ASSERT_EQ(vtt->size(), 1u);
  EXPECT_EQ((*vtt)[0].end_ms, 2000);
  auto srt = ParseCaptions("1\n00:00:01,000 --> 00:00:02,000\nHi\n", "en");
  ASSERT_OK(srt);
  ASSERT_EQ(srt->size(), 1u);
  auto empty = ParseCaptions("WEBVTT\n", "en");
  ASSERT_OK(empty);
  EXPECT_TRUE(empty->empty());
}

TEST(Captions, Errors) {
  auto no_header = ParseWebVtt("00:01.000 --> 00:02.000\nHi\n", "en");
  ASSERT_FALSE(no_header.ok());
  EXPECT_NE(no_header.status().message().find("line 1"), std::string::npos);
  EXPECT_FALSE(ParseWebVtt("WEBVTTX\n", "en").ok());

  auto bad_timing = ParseSrt("1\n00:00:01,000 --> 00:00:xx,000\nHi\n\n", "en");
  ASSERT_FALSE(bad_timing.ok());
  EXPECT_NE(bad_timing.status().message().find("SRT line 2"), std::string::npos);

  auto backwards = ParseWebVtt("WEBVTT\n\n00:05.000 --> 00:02.000\nHi\n", "en");
  ASSERT_FALSE(backwards.ok());
  EXPECT_NE(backwards.status().message().find("line 3"), std::string::npos);

  EXPECT_FALSE(ParseSrt("1\nno timing here\n\n", "en").ok());
  EXPECT_FALSE(ParseSrt("1\n00:00:01,000 --> 00:00:02,000\n\xFF\n", "en").ok());
  EXPECT_FALSE(ParseSrt("1\n00:61:01,000 --> 00:62:02,000\nx\n", "en").ok());
  EXPECT_OK(ParseSrt("", "en"));
}

}  // namespace
}  // namespace timecite::indexer
