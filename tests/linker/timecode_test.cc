#include "linker/citations/timecode.h"

#include "test_util.h"

namespace timecite::linker {
namespace {

// The starts (ms) found in `text`.
std::vector<std::int64_t> Starts(std::string_view text) {
  std::vector<std::int64_t> out;
  for (const auto& p : FindTimePhrases(text)) {
    if (p.kind == TimePhrase::Kind::kStart) out.push_back(p.start_ms);
  }
  return out;
}
using V = std::vector<std::int64_t>;

TEST(Timecode, ChinesePhrases) {
  EXPECT_EQ(Starts("2021年3月8日（1:29:40开始）"), V{5380000});
  EXPECT_EQ(Starts("2021年3月9日，(38:20开始)，"), V{2300000});
  EXPECT_EQ(Starts("（35:23 开始）"), V{2123000});
  EXPECT_EQ(Starts("（开始于 3:24:34）"), V{12274000});
  EXPECT_EQ(Starts("从5分45秒开始"), V{345000});
  EXPECT_EQ(Starts("从1小时2分开始"), V{3720000});
}

TEST(Timecode, EnglishPhrases) {
  EXPECT_EQ(Starts("UN Web TV, 8 March 2021 (starting at 1:29:40)"),
            V{5380000});
  EXPECT_EQ(Starts("from 38:20"), V{2300000});
  EXPECT_EQ(Starts("at 3:24:34"), V{12274000});
  EXPECT_EQ(Starts("starting at 1h29m40s"), V{5380000});
  EXPECT_EQ(Starts("from 1 h 29 min 40 s"), V{5380000});
}

TEST(Timecode, FullWidthColonsAndArabicIndicDigits) {
  EXPECT_EQ(Starts("（１：２９：４０开始）"), V{5380000});
  EXPECT_EQ(Starts("(1：29：40开始)"), V{5380000});
  EXPECT_EQ(Starts("ابتداء من الدقيقة ١:٢٩:٤٠"), V{5380000});
}

TEST(Timecode, OtherUnLanguages) {
  EXPECT_EQ(Starts("à partir de 1:02:07"), V{3727000});
  EXPECT_EQ(Starts("a partir del minuto 1:39"), V{99000});
  EXPECT_EQ(Starts("начиная с 6:40"), V{400000});
}

TEST(Timecode, RangeGivesStartAndEnd) {
  auto phrases = FindTimePhrases("from 1:02:00 to 1:05:30");
  ASSERT_EQ(phrases.size(), 1u);
  EXPECT_EQ(phrases[0].kind, TimePhrase::Kind::kStart);
  EXPECT_EQ(phrases[0].start_ms, 3720000);
  EXPECT_EQ(phrases[0].end_ms, 3930000);
  auto fr = FindTimePhrases("de 1:02:00 à 1:05:30");
  ASSERT_EQ(fr.size(), 1u);
  EXPECT_EQ(fr[0].end_ms, 3930000);
}

TEST(Timecode, LengthIsNotAStart) {
  auto phrases = FindTimePhrases("YouTube video, 5:53");
  ASSERT_EQ(phrases.size(), 1u);
  EXPECT_EQ(phrases[0].kind, TimePhrase::Kind::kLength);
  EXPECT_EQ(phrases[0].start_ms, 353000);
  EXPECT_TRUE(Starts("duration 2:31:55").empty());
}

TEST(Timecode, BareClocksAndTimesOfDayAreNotStarts) {
  EXPECT_TRUE(Starts("The list 12:30 of things").empty());
  EXPECT_TRUE(Starts("the meeting resumed at 10:00 am").empty());
  EXPECT_TRUE(Starts("at 15:00 UTC").empty());
  EXPECT_TRUE(Starts("from 2020 to 2021").empty());
  EXPECT_TRUE(Starts("第1次会议 2021年3月8日").empty());
}

TEST(Timecode, ImpossibleValuesAreMalformed) {
  auto phrases = FindTimePhrases("(starting at 1:75:00)");
  ASSERT_EQ(phrases.size(), 1u);
  EXPECT_EQ(phrases[0].kind, TimePhrase::Kind::kMalformed);
  EXPECT_EQ(phrases[0].written, "1:75:00");
  EXPECT_NE(phrases[0].error.find("minutes must be below 60"),
            std::string::npos);
  auto secs = FindTimePhrases("from 38:75");
  ASSERT_EQ(secs.size(), 1u);
  EXPECT_EQ(secs[0].kind, TimePhrase::Kind::kMalformed);
  // A three-part clock is a timecode even without a cue.
  auto bare = FindTimePhrases("video 2:61:00");
  ASSERT_EQ(bare.size(), 1u);
  EXPECT_EQ(bare[0].kind, TimePhrase::Kind::kMalformed);
}

TEST(Timecode, OffsetsAreBytesOfTheTimecode) {
  const std::string text = "（开始于 3:24:34）";
  auto phrases = FindTimePhrases(text);
  ASSERT_EQ(phrases.size(), 1u);
  EXPECT_EQ(text.substr(phrases[0].begin, phrases[0].end - phrases[0].begin),
            "3:24:34");
}

TEST(Timecode, ParseTimecode) {
  EXPECT_EQ(ParseTimecode("1:29:40").value(), 5380000);
  EXPECT_EQ(ParseTimecode("38:20").value(), 2300000);
  EXPECT_EQ(ParseTimecode("5380").value(), 5380000);
  EXPECT_EQ(ParseTimecode("1h29m40s").value(), 5380000);
  EXPECT_EQ(ParseTimecode("5分45秒").value(), 345000);
  EXPECT_FALSE(ParseTimecode("1:75:00").ok());
  EXPECT_FALSE(ParseTimecode("soon").ok());
  EXPECT_FALSE(ParseTimecode("").ok());
}

TEST(Timecode, Format) {
  EXPECT_EQ(FormatTimecode(5380000), "1:29:40");
  EXPECT_EQ(FormatTimecode(2300000), "38:20");
  EXPECT_EQ(FormatTimecode(0), "0:00");
}

}  // namespace
}  // namespace timecite::linker

namespace timecite::linker {
namespace {

// FoldPhraseChar answers from a table; it must be the rule on every code
// point (a wrong table entry would silently miss a cue or a digit).
TEST(Timecode, FoldPhraseCharTableIsTheRule) {
  for (char32_t cp = 0; cp <= 0x10FFFF; ++cp) {
    if (cp >= 0xD800 && cp <= 0xDFFF) continue;  // not scalar values
    ASSERT_EQ(FoldPhraseChar(cp), FoldPhraseCharByRule(cp))
        << "U+" << std::hex << static_cast<std::uint32_t>(cp);
    // Folding never lengthens UTF-8 (the context readers fold in place).
    const auto bytes = [](char32_t c) {
      return c < 0x80 ? 1 : c < 0x800 ? 2 : c < 0x10000 ? 3 : 4;
    };
    if (const char32_t f = FoldPhraseChar(cp); f != 0) {
      ASSERT_LE(bytes(f), bytes(cp)) << std::hex << static_cast<int>(cp);
    }
  }
  EXPECT_EQ(FoldPhraseChar(U'Ж'), U'ж');
  EXPECT_EQ(FoldPhraseChar(U'٣'), U'3');
  EXPECT_EQ(FoldPhraseChar(U'：'), U':');
  EXPECT_EQ(FoldPhraseChar(U'أ'), U'ا');
  EXPECT_EQ(FoldPhraseChar(0x064E), U'\0');  // fatha: dropped
  EXPECT_EQ(FoldPhraseChar(0x1F600), char32_t{0x1F600});
}

// The eval set's timecode-in-url trap: every form a link carries a start in.
TEST(StartInUrl, EveryFormALinkCarriesAStartIn) {
  auto at = [](std::string_view q, std::string_view f) -> std::int64_t {
    auto s = StartInUrl(q, f);
    return s ? s->start_ms : -1;
  };
  EXPECT_EQ(at("t=1h2m3s", ""), 3723000);
  EXPECT_EQ(at("", "t=1:02:14"), 3734000);
  EXPECT_EQ(at("t=1:02:25", ""), 3745000);
  EXPECT_EQ(at("t=9003", ""), 9003000);
  EXPECT_EQ(at("start=3767", ""), 3767000);
  EXPECT_EQ(at("iframeembed=true&entry_id=1_7mj4nna8&kalturaSeekFrom=3756", ""), 3756000);
  EXPECT_EQ(at("lang=en&t=1h2m58s", ""), 3778000);
  EXPECT_EQ(at("t=1%3A02%3A03", ""), 3723000);
  EXPECT_EQ(StartInUrl("t=1h2m3s", "")->written, "t=1h2m3s");
  // None, or not a timecode.
  EXPECT_EQ(at("", ""), -1);
  EXPECT_EQ(at("s=20&ref=x", "section-2"), -1);
  EXPECT_EQ(at("t=abc", ""), -1);
  EXPECT_EQ(at("t=1:75:00", ""), -1);
  EXPECT_EQ(at("at=30", ""), -1);
}

}  // namespace
}  // namespace timecite::linker
