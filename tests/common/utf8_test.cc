#include "common/utf8.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <iterator>
#include <string>

#include "test_util.h"

namespace timecite::utf8 {
namespace {

TEST(Utf8, DecodesEachLength) {
  char32_t cp = 0;
  EXPECT_EQ(Decode("a", 0, &cp), 1u);
  EXPECT_EQ(cp, U'a');
  EXPECT_EQ(Decode("é", 0, &cp), 2u);
  EXPECT_EQ(cp, U'é');
  EXPECT_EQ(Decode("开", 0, &cp), 3u);
  EXPECT_EQ(cp, U'开');
  EXPECT_EQ(Decode("😀", 0, &cp), 4u);
  EXPECT_EQ(cp, char32_t{0x1F600});
}

TEST(Utf8, RejectsOverlongSurrogateAndTruncated) {
  char32_t cp = 0;
  EXPECT_EQ(Decode("\xC0\xAF", 0, &cp), 0u);          // overlong '/'
  EXPECT_EQ(Decode("\xED\xA0\x80", 0, &cp), 0u);      // U+D800
  EXPECT_EQ(Decode("\xE5\xBC", 0, &cp), 0u);          // truncated 开
  EXPECT_EQ(Decode("\xF4\x90\x80\x80", 0, &cp), 0u);  // > U+10FFFF
}

TEST(Utf8, FindInvalidGivesOffset) {
  EXPECT_EQ(FindInvalid("abc开"), std::string_view::npos);
  EXPECT_EQ(FindInvalid(std::string_view("ab\xFF"
                                         "c",
                                         4)),
            2u);
  // After a long ASCII run (read eight bytes at a time) and at the very end.
  EXPECT_EQ(FindInvalid(std::string(21, 'a') + "\xC3"), 21u);
  EXPECT_EQ(FindInvalid(std::string(16, 'a') + "\xE5\xBC"), 16u);
  EXPECT_EQ(FindInvalid("\xED\xA0\x80"), 0u);      // surrogate
  EXPECT_EQ(FindInvalid("\xE0\x9F\xBF"), 0u);      // overlong 3-byte
  EXPECT_EQ(FindInvalid("\xF0\x8F\xBF\xBF"), 0u);  // overlong 4-byte
  EXPECT_EQ(FindInvalid("\xF4\x90\x80\x80"), 0u);  // above U+10FFFF
  EXPECT_EQ(FindInvalid("x\xF4\x8F\xBF\xBF"), std::string_view::npos);
}

// The offset of the first sequence Decode (the reference reading of RFC
// 3629) rejects, or npos.
std::size_t FirstInvalidByDecode(std::string_view s) {
  char32_t cp;
  for (std::size_t i = 0; i < s.size();) {
    const std::size_t n = Decode(s, i, &cp);
    if (n == 0) return i;
    i += n;
  }
  return std::string_view::npos;
}

// FindInvalid validates without decoding; it must agree with Decode (the
// reference reading of RFC 3629) on every input.
TEST(Utf8, FindInvalidAgreesWithDecodeOnRandomBytes) {
  timecite::testing::Lcg next(12345);
  // Bytes biased towards what makes sequences: ASCII, leads, continuations.
  static constexpr unsigned char kPool[] = {
      'a',  ' ',  0x7F, 0x80, 0x8F, 0x90, 0x9F, 0xA0, 0xBF,
      0xC0, 0xC1, 0xC2, 0xDF, 0xE0, 0xE1, 0xEC, 0xED, 0xEE,
      0xEF, 0xF0, 0xF1, 0xF3, 0xF4, 0xF5, 0xFF};
  int invalid = 0;
  for (int round = 0; round < 20000; ++round) {
    std::string s(next() % 24, 'a');
    for (char& c : s) c = static_cast<char>(kPool[next() % sizeof kPool]);
    const std::size_t expected = FirstInvalidByDecode(s);
    if (expected != std::string_view::npos) ++invalid;
    ASSERT_EQ(FindInvalid(s), expected) << "round " << round;
  }
  EXPECT_GT(invalid, 1000);  // both outcomes were exercised
  EXPECT_LT(invalid, 20000);
}

// Long, mostly valid text with at most one damaged byte: the 16-byte blocks
// of the vector validator (and the restart of the scalar one after a block
// that shows an error) must give the same offset as Decode, wherever the
// damage falls against a block boundary.
TEST(Utf8, FindInvalidAgreesWithDecodeOnLongText) {
  timecite::testing::Lcg next(777);
  // Code points of every length, at the edges of the ranges.
  static constexpr char32_t kPoints[] = {
      U'a',     U' ',   0x7F,   0x80,   0x7FF,   0x800,   0xFFF,
      0xD7FF,   0xE000, 0xFFFD, 0xFFFF, 0x10000, 0x3FFFF, 0x40000,
      0x10FFFF, 0x4E2D, 0x0410, 0x0627, 0x00E9,  0x1F600, 0x3002};
  static constexpr unsigned char kDamage[] = {0x80, 0xBF, 0xC0, 0xC1, 0xC2,
                                              0xE0, 0xED, 0xEF, 0xF0, 0xF4,
                                              0xF5, 0xFF, 'a'};
  int invalid = 0;
  for (int round = 0; round < 20000; ++round) {
    std::string s;
    const unsigned length = next() % 90;
    while (s.size() < length) Append(kPoints[next() % std::size(kPoints)], &s);
    if (next() % 4 != 0 && !s.empty()) {
      s[next() % s.size()] =
          static_cast<char>(kDamage[next() % sizeof kDamage]);
    }
    if (next() % 3 == 0) s.resize(next() % (s.size() + 1));  // cut anywhere
    const std::size_t expected = FirstInvalidByDecode(s);
    if (expected != std::string_view::npos) ++invalid;
    ASSERT_EQ(FindInvalid(s), expected) << "round " << round;
  }
  EXPECT_GT(invalid, 5000);  // both outcomes were exercised
  EXPECT_LT(invalid, 15000);
}

TEST(Utf8, CodePointCountCountsLeadBytes) {
  EXPECT_EQ(CodePointCount(""), 0u);
  EXPECT_EQ(CodePointCount("abc"), 3u);
  // 17 code points of 1, 2, 3 and 4 bytes: past one sixteen-byte step.
  const std::string mixed =
      "a\xC3\xA9\xE5\xBC\x80\xF0\x9F\x98\x80" + std::string(13, 'x');
  EXPECT_EQ(CodePointCount(mixed), 17u);
  std::string cjk;
  for (int i = 0; i < 40; ++i) cjk += "\xE5\xBC\x80";
  EXPECT_EQ(CodePointCount(cjk), 40u);
  EXPECT_EQ(CodePointCount(cjk.substr(1)), 39u);  // starts on a continuation
}

TEST(Utf8, FoldsFullWidthAndDropsInvisible) {
  EXPECT_EQ(FoldWidthString("１：２９：４０"), "1:29:40");
  EXPECT_EQ(FoldWidthString("a\u200Bb\u00ADc"), "abc");
  EXPECT_EQ(FoldWidthString("开始"), "开始");
  EXPECT_EQ(CodePointCount("开始ab"), 4u);
}

}  // namespace
}  // namespace timecite::utf8

namespace timecite::utf8 {
namespace {

TEST(Utf8, FoldForSearch) {
  EXPECT_EQ(FoldForSearch(U'：'), U':');
  EXPECT_EQ(FoldForSearch(U'١'), U'1');
  EXPECT_EQ(FoldForSearch(U'۴'), U'4');
  EXPECT_EQ(FoldForSearch(U'M'), U'm');
  EXPECT_EQ(FoldForSearch(U'É'), U'é');
  EXPECT_EQ(FoldForSearch(U'Н'), U'н');
  EXPECT_EQ(FoldForSearch(U'∶'), U':');
  EXPECT_EQ(FoldForSearch(U'开'), U'开');
}

}  // namespace
}  // namespace timecite::utf8

namespace timecite::utf8 {
namespace {

// DecodeInline reads the common sequences itself; it must answer as Decode
// on every input, valid or not, at every position.
TEST(Utf8, DecodeInlineAgreesWithDecode) {
  timecite::testing::Lcg next(777);
  static constexpr unsigned char kPool[] = {'a',  0x7F, 0x80, 0x9F, 0xA0, 0xBF,
                                            0xC1, 0xC2, 0xD0, 0xDF, 0xE0, 0xE4,
                                            0xED, 0xEF, 0xF0, 0xF4, 0xFF};
  int decoded = 0;
  for (int round = 0; round < 20000; ++round) {
    std::string s(1 + next() % 6, 'a');
    for (char& c : s) c = static_cast<char>(kPool[next() % sizeof kPool]);
    for (std::size_t pos = 0; pos <= s.size(); ++pos) {
      char32_t a = 0xABCD, b = 0xABCD;
      const std::size_t n = Decode(s, pos, &a);
      ASSERT_EQ(DecodeInline(s, pos, &b), n) << round << " at " << pos;
      ASSERT_EQ(a, b);
      if (n > 1) ++decoded;
    }
  }
  EXPECT_GT(decoded, 1000);
  char32_t cp = 0;
  EXPECT_EQ(DecodeInline("жx", 0, &cp), 2u);
  EXPECT_EQ(cp, U'ж');
  EXPECT_EQ(DecodeInline("开x", 0, &cp), 3u);
  EXPECT_EQ(cp, U'开');
}

}  // namespace
}  // namespace timecite::utf8
