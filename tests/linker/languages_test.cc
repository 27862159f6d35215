// The grammar and the context readers in each of the six UN languages: one
// test per language per kind of phrase (start, range, length, date, meeting),
// with the values they must give.
#include "linker/citations/context.h"
#include "linker/citations/timecode.h"
#include "test_util.h"

namespace timecite::linker {
namespace {

struct Found {
  TimePhrase::Kind kind;
  std::int64_t ms;
  std::optional<std::int64_t> end_ms;
  bool operator==(const Found&) const = default;
};
std::ostream& operator<<(std::ostream& os, const Found& f) {
  os << "{" << static_cast<int>(f.kind) << ", " << f.ms;
  if (f.end_ms) os << ".." << *f.end_ms;
  return os << "}";
}

// The only phrase of `text`, or a Found with ms -1 when there is not exactly one.
Found One(std::string_view text) {
  const auto phrases = FindTimePhrases(text);
  if (phrases.size() != 1) return {TimePhrase::Kind::kMalformed, -1, std::nullopt};
  return {phrases[0].kind, phrases[0].start_ms, phrases[0].end_ms};
}
Found Start(std::int64_t ms) { return {TimePhrase::Kind::kStart, ms, std::nullopt}; }
Found Range(std::int64_t ms, std::int64_t end) { return {TimePhrase::Kind::kStart, ms, end}; }
Found Length(std::int64_t ms) { return {TimePhrase::Kind::kLength, ms, std::nullopt}; }

std::string Date(std::string_view text) {
  const auto dates = FindDates(text);
  return dates.size() == 1 ? dates[0].Iso() : "(" + std::to_string(dates.size()) + " dates)";
}
int Meeting(std::string_view text) {
  const auto m = FindMeetingNumbers(text);
  return m.size() == 1 ? m[0].number : -static_cast<int>(m.size());
}

constexpr std::int64_t k1_02_07 = 3727000;
constexpr std::int64_t k1_02_00 = 3720000;
constexpr std::int64_t k1_05_30 = 3930000;
constexpr std::int64_t k1_29_40 = 5380000;
constexpr std::int64_t k12_30 = 750000;
constexpr std::int64_t k5_53 = 353000;
constexpr std::int64_t k2_31_55 = 9115000;

// --- English ---------------------------------------------------------------

TEST(English, Starts) {
  EXPECT_EQ(One("UN Web TV, 8 March 2021 (starting at 1:29:40)"), Start(k1_29_40));
  EXPECT_EQ(One("from 38:20"), Start(2300000));
  EXPECT_EQ(One("at minute 12:30"), Start(k12_30));
  EXPECT_EQ(One("at the 1:02:07 mark"), Start(k1_02_07));
  EXPECT_EQ(One("timestamp 1h29m40s"), Start(k1_29_40));
}
TEST(English, Ranges) {
  EXPECT_EQ(One("from 1:02:00 to 1:05:30"), Range(k1_02_00, k1_05_30));
  EXPECT_EQ(One("starting at 1:02:00 until 1:05:30"), Range(k1_02_00, k1_05_30));
  EXPECT_EQ(One("from 1:02:00 – 1:05:30"), Range(k1_02_00, k1_05_30));
}
TEST(English, Lengths) {
  EXPECT_EQ(One("YouTube video, 5:53"), Length(k5_53));
  EXPECT_EQ(One("duration 2:31:55"), Length(k2_31_55));
  EXPECT_EQ(One("Length: 2:31:55"), Length(k2_31_55));
}
TEST(English, Dates) {
  EXPECT_EQ(Date("Monday, 8 March 2021"), "2021-03-08");
  EXPECT_EQ(Date("March 8, 2021"), "2021-03-08");
}
TEST(English, Meetings) {
  EXPECT_EQ(Meeting("Security Council, 9748th meeting"), 9748);
  EXPECT_EQ(Meeting("21st plenary meeting"), 21);
  EXPECT_EQ(FindBody("General Assembly"), "GA");
}

// --- French ----------------------------------------------------------------

TEST(French, Starts) {
  EXPECT_EQ(One("à partir de 1:02:07"), Start(k1_02_07));
  EXPECT_EQ(One("(À partir de 1:29:40)"), Start(k1_29_40));
  EXPECT_EQ(One("dès 12:30"), Start(k12_30));
  EXPECT_EQ(One("à la minute 12:30"), Start(k12_30));
  EXPECT_EQ(One("à partir de 1 h 02 min 07 s"), Start(k1_02_07));
}
TEST(French, Ranges) {
  EXPECT_EQ(One("de 1:02:00 à 1:05:30"), Range(k1_02_00, k1_05_30));
  EXPECT_EQ(One("de 1:02:00 à 1:05:30 environ"), Range(k1_02_00, k1_05_30));
}
TEST(French, Lengths) {
  EXPECT_EQ(One("vidéo, 5:53"), Length(k5_53));
  EXPECT_EQ(One("durée 2:31:55"), Length(k2_31_55));
  EXPECT_EQ(One("Durée : 2:31:55"), Length(k2_31_55));
}
TEST(French, TimeOfDayIsNotAStart) {
  EXPECT_TRUE(FindTimePhrases("la séance a repris à 15 h 30").empty());
  EXPECT_TRUE(FindTimePhrases("à 15:00 heures").empty());
}
TEST(French, Dates) {
  EXPECT_EQ(Date("lundi 8 mars 2021"), "2021-03-08");
  EXPECT_EQ(Date("1er février 2021"), "2021-02-01");
  EXPECT_EQ(Date("8 MARS 2021"), "2021-03-08");
}
TEST(French, Meetings) {
  EXPECT_EQ(Meeting("9e séance"), 9);
  EXPECT_EQ(Meeting("(9ème séance plénière)"), 9);
  EXPECT_EQ(Meeting("1re séance"), 1);
  EXPECT_EQ(Meeting("9ᵉ séance"), 9);
  EXPECT_EQ(FindBody("Conseil de sécurité, 9748e séance"), "SC");
  EXPECT_EQ(FindBody("Groupe de travail à composition non limitée"), "OEWG");
}

// --- Spanish ---------------------------------------------------------------

TEST(Spanish, Starts) {
  EXPECT_EQ(One("a partir del minuto 1:39"), Start(99000));
  EXPECT_EQ(One("desde el minuto 12:30"), Start(k12_30));
  EXPECT_EQ(One("en el minuto 1:02:07"), Start(k1_02_07));
  EXPECT_EQ(One("(a partir de 1:29:40)"), Start(k1_29_40));
}
TEST(Spanish, Ranges) {
  EXPECT_EQ(One("del 1:02:00 al 1:05:30"), Range(k1_02_00, k1_05_30));
  EXPECT_EQ(One("de 1:02:00 a 1:05:30"), Range(k1_02_00, k1_05_30));
  EXPECT_EQ(One("desde 1:02:00 hasta 1:05:30"), Range(k1_02_00, k1_05_30));
}
TEST(Spanish, Lengths) {
  EXPECT_EQ(One("vídeo, 5:53"), Length(k5_53));
  EXPECT_EQ(One("duración: 2:31:55"), Length(k2_31_55));
}
TEST(Spanish, Dates) {
  EXPECT_EQ(Date("8 de marzo de 2021"), "2021-03-08");
  EXPECT_EQ(Date("lunes, 8 de marzo de 2021"), "2021-03-08");
  EXPECT_EQ(Date("1 de septiembre de 2020"), "2020-09-01");
}
TEST(Spanish, Meetings) {
  EXPECT_EQ(Meeting("9.ª sesión"), 9);
  EXPECT_EQ(Meeting("3ª sesión plenaria"), 3);
  EXPECT_EQ(Meeting("9a. sesión"), 9);
  EXPECT_EQ(FindBody("Consejo de Seguridad, 9748ª sesión"), "SC");
  EXPECT_EQ(FindBody("Asamblea General"), "GA");
}

// --- Russian ---------------------------------------------------------------

TEST(Russian, Starts) {
  EXPECT_EQ(One("начиная с 6:40"), Start(400000));
  EXPECT_EQ(One("с 1:02:07"), Start(k1_02_07));
  EXPECT_EQ(One("(С отметки 12:30)"), Start(k12_30));
  EXPECT_EQ(One("начиная с 1 ч 29 мин 40 с"), Start(k1_29_40));
}
TEST(Russian, Ranges) {
  EXPECT_EQ(One("с 1:02:00 до 1:05:30"), Range(k1_02_00, k1_05_30));
  EXPECT_EQ(One("с 1:02:00 по 1:05:30"), Range(k1_02_00, k1_05_30));
}
TEST(Russian, Lengths) {
  EXPECT_EQ(One("видео, 5:53"), Length(k5_53));
  EXPECT_EQ(One("продолжительность 2:31:55"), Length(k2_31_55));
  EXPECT_EQ(One("Длительность: 2:31:55"), Length(k2_31_55));
}
TEST(Russian, Dates) {
  EXPECT_EQ(Date("8 марта 2021 г."), "2021-03-08");
  EXPECT_EQ(Date("8 Марта 2021 года"), "2021-03-08");
  EXPECT_EQ(Date("1 сентября 2020 г."), "2020-09-01");
}
TEST(Russian, Meetings) {
  EXPECT_EQ(Meeting("9-е заседание"), 9);
  EXPECT_EQ(Meeting("на 9-м заседании"), 9);
  EXPECT_EQ(Meeting("9-го пленарного заседания"), 9);
  EXPECT_EQ(FindBody("Совет Безопасности, 9748-е заседание"), "SC");
  EXPECT_EQ(FindBody("Генеральной Ассамблеи"), "GA");
}

// --- Arabic ----------------------------------------------------------------

TEST(Arabic, Starts) {
  EXPECT_EQ(One("ابتداء من الدقيقة 12:30"), Start(k12_30));
  EXPECT_EQ(One("ابتداءً من الدقيقة ١٢:٣٠"), Start(k12_30));
  EXPECT_EQ(One("اعتبارًا من ١:٢٩:٤٠"), Start(k1_29_40));
  EXPECT_EQ(One("عند الدقيقة 1:02:07"), Start(k1_02_07));
  // A right-to-left mark between the cue and the number changes nothing.
  EXPECT_EQ(One("من \u200F1:02:07"), Start(k1_02_07));
}
TEST(Arabic, Ranges) {
  EXPECT_EQ(One("من 1:02:00 إلى 1:05:30"), Range(k1_02_00, k1_05_30));
  EXPECT_EQ(One("من ١:٠٢:٠٠ الى ١:٠٥:٣٠"), Range(k1_02_00, k1_05_30));
  EXPECT_EQ(One("من 1:02:00 حتى 1:05:30"), Range(k1_02_00, k1_05_30));
}
TEST(Arabic, Lengths) {
  EXPECT_EQ(One("مدة 2:31:55"), Length(k2_31_55));
  EXPECT_EQ(One("المدة: ٢:٣١:٥٥"), Length(k2_31_55));
  EXPECT_EQ(One("فيديو، 5:53"), Length(k5_53));
}
TEST(Arabic, Dates) {
  EXPECT_EQ(Date("8 مارس 2021"), "2021-03-08");
  EXPECT_EQ(Date("٨ آذار ٢٠٢١"), "2021-03-08");
  EXPECT_EQ(Date("8 آذار/مارس 2021"), "2021-03-08");
  EXPECT_EQ(Date("8 كانون الثاني/يناير 2021"), "2021-01-08");
  EXPECT_EQ(Date("8 مارس عام 2021"), "2021-03-08");
  EXPECT_EQ(Date("8 آذار/مارس عام 2021"), "2021-03-08");
  EXPECT_EQ(Date("١ أيلول/سبتمبر ٢٠٢٠"), "2020-09-01");
  EXPECT_EQ(Date("8 تشرين الأول 2021"), "2021-10-08");
}
TEST(Arabic, Meetings) {
  EXPECT_EQ(Meeting("الجلسة 9"), 9);
  EXPECT_EQ(Meeting("الجلسة ٩٧٤٨"), 9748);
  EXPECT_EQ(Meeting("الجلسة العامة 21"), 21);
  EXPECT_EQ(Meeting("الجلسة التاسعة"), 9);
  EXPECT_EQ(Meeting("الجلسة الأولى"), 1);
  EXPECT_EQ(Meeting("الجلسة الحادية عشرة"), 11);
  EXPECT_EQ(Meeting("الجلسة العامة الثالثة والعشرون"), 23);
  EXPECT_EQ(Meeting("الجلسة العشرون"), 20);
  EXPECT_EQ(Meeting("الجلسة المقبلة"), 0);
  EXPECT_EQ(FindBody("مجلس الأمن، الجلسة 9748"), "SC");
  EXPECT_EQ(FindBody("الجمعية العامة"), "GA");
}

// --- Chinese ---------------------------------------------------------------

TEST(Chinese, Starts) {
  EXPECT_EQ(One("（1:29:40开始）"), Start(k1_29_40));
  EXPECT_EQ(One("从5分45秒开始"), Start(345000));
  EXPECT_EQ(One("自1:02:07起"), Start(k1_02_07));
  EXPECT_EQ(One("（开始于 3:24:34）"), Start(12274000));
}
TEST(Chinese, Ranges) {
  EXPECT_EQ(One("从1:02:00到1:05:30"), Range(k1_02_00, k1_05_30));
  EXPECT_EQ(One("从1:02:00至1:05:30"), Range(k1_02_00, k1_05_30));
}
TEST(Chinese, Lengths) {
  EXPECT_EQ(One("时长 2:31:55"), Length(k2_31_55));
  EXPECT_EQ(One("视频，5:53"), Length(k5_53));
}
TEST(Chinese, Dates) {
  EXPECT_EQ(Date("2021年3月8日"), "2021-03-08");
  EXPECT_EQ(Date("２０２１年３月８日"), "2021-03-08");
}
TEST(Chinese, Meetings) {
  EXPECT_EQ(Meeting("第9次会议"), 9);
  EXPECT_EQ(Meeting("第九次全体会议"), 9);
  EXPECT_EQ(FindBody("安全理事会第9748次会议"), "SC");
}

// Every digit system gives the same value.
TEST(Digits, WesternFullWidthAndArabicIndic) {
  EXPECT_EQ(One("from 1:29:40"), Start(k1_29_40));
  EXPECT_EQ(One("from １：２９：４０"), Start(k1_29_40));
  EXPECT_EQ(One("from ١:٢٩:٤٠"), Start(k1_29_40));
  EXPECT_EQ(One("from ۱:۲۹:۴۰"), Start(k1_29_40));  // extended (Persian) digits
}

// The grammar reads only the text around digits; phrases far apart in long
// prose keep their cues and their byte offsets.
TEST(LongText, PhrasesFarApartKeepCuesAndOffsets) {
  const std::string prose(5000, 'x');
  const std::string words = " Le Groupe a poursuivi ses travaux, à partir de la minute ";
  const std::string text = prose + words + "12:30" + prose + " 视频，5:53 " + prose +
                           " من ١:٠٢:٠٠ إلى ١:٠٥:٣٠" + prose;
  const auto phrases = FindTimePhrases(text);
  ASSERT_EQ(phrases.size(), 3u);
  EXPECT_EQ(phrases[0].kind, TimePhrase::Kind::kStart);
  EXPECT_EQ(phrases[0].start_ms, k12_30);
  EXPECT_EQ(phrases[0].begin, prose.size() + words.size());
  EXPECT_EQ(text.substr(phrases[0].begin, phrases[0].end - phrases[0].begin), "12:30");
  EXPECT_EQ(phrases[1].kind, TimePhrase::Kind::kLength);
  EXPECT_EQ(text.substr(phrases[1].begin, phrases[1].end - phrases[1].begin), "5:53");
  EXPECT_EQ(phrases[2].end_ms, k1_05_30);
  EXPECT_EQ(text.substr(phrases[2].begin, phrases[2].end - phrases[2].begin),
            "١:٠٢:٠٠ إلى ١:٠٥:٣٠");
}

}  // namespace
}  // namespace timecite::linker
