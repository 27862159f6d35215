#include "search/phrase_pairs.h"

#include <algorithm>
#include <map>
#include <set>
#include <utility>
#include <vector>

#include "common/utf8.h"

namespace timecite::search::pairs {
namespace {

// The most frequent function words of each language (articles, prepositions,
// conjunctions, pronouns, auxiliaries), as written; folded at first use the
// way the index folds text. Changing a list changes kPairsVersion.
struct CommonWords {
  const char* lang;
  const char* words;  // separated by spaces
};
constexpr CommonWords kLists[] = {
    {"en",
     "the of and to in a an is are was were be been that this these those it its for on with "
     "as by at from or not which who all our we their they has have had will would should can "
     "also more other his her i you there"},
    {"fr",
     "de la le les et des du un une à au aux en que qui pour dans est sont sur par ne pas il "
     "elle ce cette ces nous vous son sa ses se leur leurs plus été a ou avec d l"},
    {"es",
     "de la el los las y a en que del al se por un una para con no su sus es lo como más le "
     "ha o este esta estos entre sobre son fue"},
    {"ru",
     "и в во не на что с со по к о об из за от для это как а его ее их мы все так же до у "
     "также был была были является который которые"},
    {"ar", "في من على إلى أن عن مع هذا هذه التي الذي الذين ما لا كان قد أو ذلك بين كل و"},
};

using WordSet = std::set<std::string, std::less<>>;

const std::map<std::string, WordSet, std::less<>>& Lists() {
  static const auto* lists = [] {
    auto* m = new std::map<std::string, WordSet, std::less<>>;
    for (const CommonWords& l : kLists) {
      WordSet& words = (*m)[l.lang];
      std::string_view all = l.words;
      while (!all.empty()) {
        const std::size_t end = std::min(all.find(' '), all.size());
        if (end > 0) {
          std::string w = utf8::FoldForIndex(all.substr(0, end));
          for (char& c : w)
            if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
          words.insert(std::move(w));
        }
        all.remove_prefix(std::min(all.size(), end + 1));
      }
    }
    return m;
  }();
  return *lists;
}

// Xapian's limit on a term's length, bytes.
constexpr std::size_t kMaxTerm = 245;

// An unprefixed term: the TermGenerator's words (prefixes are capitals).
bool IsWord(const std::string& term) {
  return !term.empty() && !(term[0] >= 'A' && term[0] <= 'Z');
}

// The common words of `lang`; null for a language without a list.
const WordSet* CommonWordsOf(std::string_view lang) {
  auto it = Lists().find(lang);
  return it == Lists().end() ? nullptr : &it->second;
}

// The pair term of two neighbouring words, or "" when neither is in `common`
// or the term would be too long (the index and the query skip the same pairs).
std::string PairTerm(const WordSet& common, const std::string& first, const std::string& second) {
  if (!common.count(first) && !common.count(second)) return "";
  std::string term = "XP" + first + " " + second;
  return term.size() <= kMaxTerm ? term : "";
}

// The phrases `q` requires: reached from the root through AND and FILTER,
// and the positive side of AND_NOT and AND_MAYBE. A phrase under OR or NOT
// is not required, and is not filtered.
void RequiredPhrases(const Xapian::Query& q, std::vector<std::vector<std::string>>* out) {
  switch (q.get_type()) {
    case Xapian::Query::OP_PHRASE: {
      std::vector<std::string> terms;
      for (std::size_t i = 0; i < q.get_num_subqueries(); ++i) {
        const Xapian::Query sub = q.get_subquery(i);
        if (sub.get_type() != Xapian::Query::LEAF_TERM) return;  // not a plain phrase
        terms.push_back(*sub.get_terms_begin());
      }
      out->push_back(std::move(terms));
      return;
    }
    case Xapian::Query::OP_AND:
    case Xapian::Query::OP_FILTER:
      for (std::size_t i = 0; i < q.get_num_subqueries(); ++i)
        RequiredPhrases(q.get_subquery(i), out);
      return;
    case Xapian::Query::OP_AND_NOT:
    case Xapian::Query::OP_AND_MAYBE:
      if (q.get_num_subqueries() > 0) RequiredPhrases(q.get_subquery(0), out);
      return;
    default:
      return;
  }
}

}  // namespace

void AddPairTerms(std::string_view lang, Xapian::Document& doc) {
  const WordSet* common = CommonWordsOf(lang);
  if (common == nullptr) return;
  std::vector<std::pair<Xapian::termpos, std::string>> words;
  for (auto t = doc.termlist_begin(); t != doc.termlist_end(); ++t) {
    const std::string term = *t;
    if (!IsWord(term)) continue;
    for (auto p = t.positionlist_begin(); p != t.positionlist_end(); ++p) words.emplace_back(*p, term);
  }
  std::sort(words.begin(), words.end());
  for (std::size_t i = 1; i < words.size(); ++i) {
    if (words[i].first != words[i - 1].first + 1) continue;
    const std::string pair = PairTerm(*common, words[i - 1].second, words[i].second);
    if (!pair.empty()) doc.add_boolean_term(pair);
  }
}

Xapian::Query WithPairFilter(std::string_view lang, const Xapian::Query& query) {
  const WordSet* common = CommonWordsOf(lang);
  if (common == nullptr) return query;
  std::vector<std::vector<std::string>> phrases;
  RequiredPhrases(query, &phrases);
  std::vector<Xapian::Query> filters;
  for (const auto& terms : phrases) {
    for (std::size_t i = 1; i < terms.size(); ++i) {
      const std::string pair = PairTerm(*common, terms[i - 1], terms[i]);
      if (!pair.empty()) filters.emplace_back(pair);
    }
  }
  if (filters.empty()) return query;
  return Xapian::Query(Xapian::Query::OP_FILTER, query,
                       Xapian::Query(Xapian::Query::OP_AND, filters.begin(), filters.end()));
}

}  // namespace timecite::search::pairs
