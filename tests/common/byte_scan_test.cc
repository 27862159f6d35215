#include "common/byte_scan.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <string>
#include <vector>

#include "test_util.h"

namespace timecite::bytes {
namespace {

TEST(ByteScan, FindsTheFirstAndTheLastOfTheSet) {
  const std::string text = "no stop here, then one. And [1] and \xE3\x80\x82";
  EXPECT_EQ((FindFirstOf<'.', '['>(text, 0)), text.find('.'));
  EXPECT_EQ((FindFirstOf<'.', '['>(text, text.find('.') + 1)), text.find('['));
  EXPECT_EQ((FindFirstOf<'#'>(text, 0)), text.size());
  EXPECT_EQ((FindFirstOf<'.'>(text, text.size())), text.size());
  EXPECT_EQ((FindLastOf<'.', 0xE3>(text, text.size())), text.size() - 3);
  EXPECT_EQ((FindLastOf<'.', 0xE3>(text, text.size() - 3)), text.find('.'));
  EXPECT_EQ((FindLastOf<'.'>(text, text.find('.'))), std::string::npos);
  EXPECT_EQ((FindLastOf<'.'>(text, 0)), std::string::npos);
  EXPECT_TRUE((MoreThanNotOf<' '>(std::string(17, 'x') + "  ", 16)));
  EXPECT_FALSE((MoreThanNotOf<' '>(std::string(16, 'x') + "  ", 16)));
  EXPECT_FALSE((MoreThanNotOf<' '>(std::string(40, ' '), 0)));
}

// The sixteen-byte steps must give what a byte-by-byte look gives, for every
// start and end against the chunk boundaries.
TEST(ByteScan, AgreesWithOneByteAtATime) {
  timecite::testing::Lcg next(99);
  static constexpr unsigned char kPool[] = {'a',  ' ',  '.',  '[', 0xC2,
                                            0xE2, 0x80, 0xFF, 0x00};
  int found = 0;
  for (int round = 0; round < 5000; ++round) {
    std::string s(next() % 70, 'a');
    // Sparse hits: most chunks have none.
    for (char& c : s)
      if (next() % 12 == 0) c = static_cast<char>(kPool[next() % sizeof kPool]);
    const std::size_t from = next() % (s.size() + 1);
    std::size_t first = s.size();
    for (std::size_t i = from; i < s.size(); ++i) {
      const auto c = static_cast<unsigned char>(s[i]);
      if (c == '[' || c == 0xC2 || c == 0xE2) {
        first = i;
        break;
      }
    }
    ASSERT_EQ((FindFirstOf<'[', 0xC2, 0xE2>(s, from)), first) << round;
    std::size_t first_other = s.size();
    for (std::size_t i = from; i < s.size(); ++i) {
      if (s[i] != 'a' && s[i] != '.') {
        first_other = i;
        break;
      }
    }
    ASSERT_EQ((FindFirstNotOf<'a', '.'>(s, from)), first_other) << round;
    std::size_t last = std::string::npos;
    for (std::size_t i = from; i-- > 0;) {
      const auto c = static_cast<unsigned char>(s[i]);
      if (c == '.' || c == 0xFF || c == 0x00) {
        last = i;
        break;
      }
    }
    ASSERT_EQ((FindLastOf<'.', 0xFF, 0x00>(s, from)), last) << round;
    std::size_t others = 0;
    for (char c : s) others += c != 'a' && c != ' ';
    const std::size_t n = next() % 70;
    ASSERT_EQ((MoreThanNotOf<'a', ' '>(s, n)), others > n) << round;
    if (first != s.size()) ++found;
  }
  EXPECT_GT(found, 1000);
  EXPECT_LT(found, 4900);
}

// The ASCII runs copied in lower case (and widened with their offsets): the
// run ends at the first byte that is not ASCII or is NUL, wherever it falls
// against the sixteen-byte steps, and nothing is written past the room the
// contract asks for (text.size() - from).
TEST(ByteScan, LowerAsciiRunsAgreeWithOneByteAtATime) {
  timecite::testing::Lcg next(4242);
  static constexpr char kPool[] = {'a', 'Z', 'A', 'z',    '@',    '[',    '`',
                                   '{', '0', ' ', '\x7F', '\x80', '\xC3', '\0'};
  int long_runs = 0;
  for (int round = 0; round < 5000; ++round) {
    std::string s(next() % 80, 'q');
    for (char& c : s)
      if (next() % 20 == 0) c = kPool[next() % sizeof kPool];
    const std::size_t from = next() % (s.size() + 1);
    std::string expected;
    for (std::size_t i = from; i < s.size(); ++i) {
      const auto c = static_cast<unsigned char>(s[i]);
      if (c == 0 || c >= 0x80) break;
      expected += (c >= 'A' && c <= 'Z') ? static_cast<char>(c + 32) : s[i];
    }
    std::string out(s.size() + 16 + 8, '#');
    const std::size_t n = LowerAsciiRun(s, from, out.data());
    ASSERT_EQ(n, expected.size()) << round;
    ASSERT_EQ(out.substr(0, n), expected) << round;
    const std::size_t room = s.size() - from;
    ASSERT_EQ(out.substr(room), std::string(out.size() - room, '#')) << round;
    std::u32string cps(s.size() + 16 + 8, U'#');
    std::vector<std::uint32_t> begins(s.size() + 16 + 8, 7777);
    ASSERT_EQ(WidenLowerAsciiRun(s, from, cps.data(), begins.data()), n);
    for (std::size_t k = 0; k < n; ++k) {
      ASSERT_EQ(cps[k], static_cast<unsigned char>(expected[k])) << round;
      ASSERT_EQ(begins[k], from + k) << round;
    }
    for (std::size_t k = room; k < cps.size(); ++k) {
      ASSERT_EQ(cps[k], U'#') << round;
      ASSERT_EQ(begins[k], 7777u) << round;
    }
    if (n >= 32) ++long_runs;
  }
  EXPECT_GT(long_runs, 500);  // the sixteen-byte steps ran
}

// Digits (or a few other bytes) and the bytes that are not plain printable
// ASCII, against a byte-by-byte look, across the sixteen-byte steps.
TEST(ByteScan, DigitsAndPlainAsciiAgreeWithOneByteAtATime) {
  timecite::testing::Lcg next(31337);
  static constexpr unsigned char kPool[] = {'0',  '9',  '/',  ':',  ' ',  '!',
                                            '~',  0x7F, 0x80, 0xD9, 0xDB, 0xEF,
                                            0xFF, 0x00, '(',  '"',  0x1F};
  int digits_found = 0;
  for (int round = 0; round < 5000; ++round) {
    std::string s(next() % 70, 'k');
    for (char& c : s)
      if (next() % 15 == 0) c = static_cast<char>(kPool[next() % sizeof kPool]);
    const std::size_t from = next() % (s.size() + 1);
    const std::size_t to = from + next() % (s.size() - from + 1);
    std::size_t digit = to;
    for (std::size_t i = from; i < to; ++i) {
      const auto c = static_cast<unsigned char>(s[i]);
      if ((c >= '0' && c <= '9') || c == 0xD9 || c == 0xEF) {
        digit = i;
        break;
      }
    }
    ASSERT_EQ((FindFirstDigitOr<0xD9, 0xEF>(s, from, to)), digit) << round;
    std::size_t plain_digit = to;
    for (std::size_t i = from; i < to; ++i) {
      if (s[i] >= '0' && s[i] <= '9') {
        plain_digit = i;
        break;
      }
    }
    ASSERT_EQ((FindFirstDigitOr<>(s, from, to)), plain_digit) << round;
    std::size_t not_plain = s.size();
    for (std::size_t i = from; i < s.size(); ++i) {
      const auto c = static_cast<unsigned char>(s[i]);
      if (c <= 0x20 || c >= 0x7F || c == '(' || c == '"') {
        not_plain = i;
        break;
      }
    }
    ASSERT_EQ((FindFirstNotPlain<'(', '"'>(s, from)), not_plain) << round;
    if (digit != to) ++digits_found;
  }
  EXPECT_GT(digits_found, 300);  // ranges are often short
  EXPECT_LT(digits_found, 4900);
}

}  // namespace
}  // namespace timecite::bytes
