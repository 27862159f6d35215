#include "common/utf8.h"

#include <gtest/gtest.h>

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
  EXPECT_EQ(FindInvalid(std::string_view("ab\xFF" "c", 4)), 2u);
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
