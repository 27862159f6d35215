// The JSON form of a search result: what `timecite search --format json`
// prints and what `timecite serve` answers at /api/search (docs/search.md,
// docs/serve.md). One writer of that shape for both.
//
// Thread safety: a pure function.
#pragma once

#include <string>

#include <nlohmann/json.hpp>

#include "indexer/profile.h"
#include "search/search.h"

namespace timecite::search {

// {"matching_segments", "matching_recordings", "recordings": [recording as
// `show` gives it + "segments": [segment as `at` gives it + "snippet",
// "weight", "links": {name: url}]], "facets"?: {"country", "body", "year":
// {value: count}}}. The links are indexer::DeepLinks of `profile` at the
// segment's start, in `link_lang` ("en", ...). "facets" is there when any
// facet counted something.
nlohmann::json ResultToJson(const SearchResult& result, const indexer::Profile& profile,
                            const std::string& link_lang);

}  // namespace timecite::search
