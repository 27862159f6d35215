// Common-word pairs: what makes a phrase of frequent words fast (internal to
// search/; includes Xapian).
//
// A phrase such as "of the" or "de la" makes Xapian check the positions of
// every document holding both words: a third of a second on 2,000,000
// segments. So each document also gets, for every two neighbouring words of
// which at least one is a common word of its language, the boolean term
// `XP<first> <second>` (no positions, no weight). A phrase the query requires
// is then also filtered by the pair terms of its common-word pairs, and the
// positions are checked only where the two words stand together. This is the
// "common grams" technique (Lucene's CommonGramsFilter). The filter never
// changes an answer: every document matching the phrase has the pair terms.
//
// An index records the version of the word lists it was built with (metadata
// kPairsKey); a search uses the pair terms only when it is this version, so an
// index built before them (or with other lists) answers as before, slower,
// until `timecite index rebuild`.
#pragma once

#include <xapian.h>

#include <string>
#include <string_view>

namespace timecite::search::pairs {

inline constexpr std::string_view kPairsKey = "timecite.search.pairs";
inline constexpr std::string_view kPairsVersion = "1";

// Adds the pair terms of `doc`, whose text the TermGenerator has just indexed
// (folded by utf8::FoldForIndex) with positions in language `lang` ("en",
// "fr", "es", "ru", "ar"; other languages have no common words and get none).
// Thread-compatible.
void AddPairTerms(std::string_view lang, Xapian::Document& doc);

// `query` (as the QueryParser made it for language `lang`) filtered by the
// pair terms of the phrases it requires; `query` itself when it has none.
Xapian::Query WithPairFilter(std::string_view lang, const Xapian::Query& query);

}  // namespace timecite::search::pairs
