// What the stand-in hosts answer, as bytes: pure functions from the world to
// the markup and JSON the real sites serve (DESIGN.md §1; shapes checked
// against the captures in ../shared/corpus/webtv/).
#pragma once

#include <string>
#include <string_view>

#include "tools/replica/world.h"

namespace timecite::replica {

// A UN Web TV asset page (Drupal "media-asset--full" markup): title, labelled
// fields, related documents, share widget with the canonical URL on
// webtv.un.org, and the Kaltura player script naming the player id.
std::string AssetPage(const Recording& r, std::string_view lang);

// The site's "The requested page could not be found." page (404 or soft 404).
std::string NotFoundPage();

// A schedule day: one card per item with the start in div.mediaun-timezone, a
// duration badge or a Live badge, the body in h6.text-primary and the link.
std::string SchedulePage(const World& world, const ScheduleDay& day,
                         std::string_view lang);

// The answer of Kaltura's api_v3 multirequest to `request_json` (a widget
// session + baseEntry.list with filter.redirectFromEntryId). Always a JSON
// array; failures are KalturaAPIException elements, as the real API does.
std::string KalturaAnswer(const World& world, std::string_view request_json);

// UN Transcripts' asset JSON for `r` (docs/api.md shape).
std::string TranscriptJson(const Recording& r, std::string_view lang);

// A one-page PDF whose text is `lines` (one per line), valid enough for
// poppler and pdftotext.
std::string MinimalPdf(const std::vector<std::string>& lines);

// "HH:MM:SS" for a duration in ms (rounded down to the second).
std::string Hms(int64_t ms);

// Wayback's JSON for /wayback/available?url=URL.
std::string WaybackAvailable(const World& world, std::string_view url);

}  // namespace timecite::replica
