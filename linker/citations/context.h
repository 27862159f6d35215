// What a footnote says about the meeting it cites: dates, meeting numbers and
// the UN body, read from the footnote's text in the six UN languages (Arabic,
// Chinese, English, French, Russian, Spanish), with Western, full-width or
// Arabic-Indic digits. The text is folded as the time-phrase grammar folds it
// (linker/citations/timecode.h FoldPhraseChar). docs/languages.md lists the forms.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace timecite::linker {

struct DateMention {
  int year = 0;  // 0 when the text gives none ("6 月 1 日")
  int month = 0;
  int day = 0;
  std::size_t begin = 0, end = 0;  // bytes in the searched text
  // "2021-03-08", or "--03-08" (ISO 8601's form for a date without a year).
  std::string Iso() const;
};

// "2021年3月8日", "2021 年 3 月 12 日", "3月8日", "8 March 2021",
// "March 8, 2021", "2021-03-08", "8 mars 2021", "8 de marzo de 2021",
// "8 марта 2021 г.", "8 مارس 2021", "٨ آذار ٢٠٢١", "8 آذار/مارس 2021",
// "8 كانون الثاني/يناير 2021". Impossible dates (31 February) are skipped.
std::vector<DateMention> FindDates(std::string_view text);

struct MeetingMention {
  int number = 0;
  std::size_t begin = 0, end = 0;
};

// "第1次会议", "第 9 次会议", "第一次会议", "第十一次全体会议", "1st meeting",
// "21st plenary meeting", "(8th meeting)", "9748th meeting", "1re séance",
// "5e séance", "9ᵉ séance", "3ª sesión", "9.ª sesión", "6-е заседание",
// "9-го пленарного заседания", "الجلسة 9", "الجلسة العامة 21",
// "الجلسة التاسعة", "الجلسة الحادية عشرة", "الجلسة الثالثة والعشرون".
std::vector<MeetingMention> FindMeetingNumbers(std::string_view text);

// A short key for the UN body named in the text ("OEWG", "GGE", "AHC",
// "SC", "GA", "HRC", "ECOSOC", "C-24", "CEDAW", ...), or "" when none is
// recognised; names in the six languages ("Conseil de sécurité", "مجلس الأمن").
// The first body named wins.
std::string FindBody(std::string_view text);

// FindDates, FindMeetingNumbers and FindBody of one text, folded once (for a
// caller that wants more than one of them).
struct ContextMentions {
  std::vector<DateMention> dates;
  std::vector<MeetingMention> meetings;
  std::string body;
};
ContextMentions FindContext(std::string_view text);

}  // namespace timecite::linker
