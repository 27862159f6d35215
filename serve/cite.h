// Citations of a moment of a recording, ready to paste: a footnote in the
// six UN languages in the form the UN's own reports use, and CSL-JSON.
//
// The footnote forms (one per language; the time phrase is one the linker's
// time-phrase grammar, linker/citations/timecode.h, reads as a start, and the date one
// linker/citations/context.h reads):
//   en  UN Web TV, 8 March 2021 (starting at 1:29:40), URL
//   fr  UN Web TV, 8 mars 2021 (à partir de 1:29:40), URL
//   es  UN Web TV, 8 de marzo de 2021 (a partir del minuto 1:29:40), URL
//   ru  UN Web TV, 8 марта 2021 года (начиная с 1:29:40), URL
//   ar  تلفزيون الأمم المتحدة على الإنترنت، 8 آذار/مارس 2021 (ابتداء من الدقيقة 1:29:40)، URL
//   zh  联合国网络电视，2021 年 3 月 8 日（1:29:40开始），URL
// URL is the recording's Web TV page in that language,
// https://webtv.un.org/{lang}/asset/{folder}/{asset_id} (its first three
// characters are the folder). The title and the meeting record's symbol are
// left out: the footnote names the moment, the report's author the topic.
//
// CSL-JSON follows the Citation Style Language 1.0.2 schema
// (https://citeproc-js.readthedocs.io/en/latest/csl-json/markup.html): one
// item of type "broadcast" with title, container-title "UN Web TV",
// publisher "United Nations", issued date-parts, URL (the deep link at the
// moment), "note" the start as h:mm:ss, and "dimensions" the duration.
//
// Thread safety: pure functions.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "common/status.h"
#include "store/records.h"

namespace timecite::serve {

// The six UN languages, as the Web TV site names them in its URLs.
inline constexpr std::string_view kCiteLanguages[] = {"en", "fr", "es",
                                                      "ru", "ar", "zh"};
bool IsCiteLanguage(std::string_view lang);

// The recording's Web TV page in `lang`.
std::string WebTvPageUrl(std::string_view asset_id, std::string_view lang);

// The footnote citing `recording` at `ms` (>= 0) in `lang`. Errors:
// InvalidArgument for a language that is not one of kCiteLanguages or a
// recording without a "YYYY-MM-DD" date (the date is part of the form).
Result<std::string> FootnoteCitation(const store::Recording& recording,
                                     int64_t ms, std::string_view lang);

// The CSL-JSON item (an object, not an array) for the same moment;
// `deep_link` is the URL that opens the player there.
nlohmann::json CslJson(const store::Recording& recording, int64_t ms,
                       std::string_view deep_link);

}  // namespace timecite::serve
