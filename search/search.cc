#include "search/search.h"

#include <xapian.h>

#include <algorithm>
#include <set>
#include <system_error>
#include <utility>

#include "common/time.h"
#include "common/utf8.h"
#include "search/phrase_pairs.h"
#include "store/store.h"

namespace timecite::search {
namespace fs = std::filesystem;

namespace {

// ---- the index's layout (docs/search.md) ------------------------------------
// Value slots.
constexpr Xapian::valueno kSlotDate = 0;       // "YYYY-MM-DD"
constexpr Xapian::valueno kSlotRecording = 1;  // asset id (collapse key)
constexpr Xapian::valueno kSlotCountry = 2;    // ISO3 as stored
constexpr Xapian::valueno kSlotBody = 3;       // body as stored
constexpr Xapian::valueno kSlotYear = 4;       // "YYYY"
constexpr Xapian::valueno kSlotStart = 5;      // sortable_serialise(start_ms)

// Term prefixes (Xapian's convention: upper case, X for our own).
constexpr std::string_view kRecordingPrefix = "XR";
constexpr std::string_view kCountryPrefix = "XC";
constexpr std::string_view kBodyPrefix = "XB";
constexpr std::string_view kFunctionPrefix = "XF";
constexpr std::string_view kGroupPrefix = "XG";
constexpr std::string_view kLanguagePrefix = "XL";
constexpr std::string_view kKindPrefix = "XK";
constexpr std::string_view kYearPrefix = "XY";
constexpr std::string_view kSymbolPrefix = "XS";
constexpr std::string_view kSpeakerPrefix = "S";

// Metadata keys.
constexpr std::string_view kRecordingKey = "recording:";  // + asset id
constexpr std::string_view kPendingKey = "pending:";      // + asset id
constexpr std::string_view kVersionKey = "timecite.search.version";
constexpr std::string_view kVersion = "1";

// Xapian refuses terms over 245 bytes; boolean values are cut well below.
constexpr std::size_t kMaxValueTerm = 160;

const char* const kRebuildHint = "; rebuild it with `timecite index rebuild`";

std::string Prefixed(std::string_view prefix, std::string_view value) {
  std::string t(prefix);
  t += value;
  return t;
}

// A filter value as its boolean term holds it: folded, lower case, spaces
// kept, cut on a code point boundary.
std::string FoldValue(std::string_view value) {
  std::string folded = Xapian::Unicode::tolower(utf8::FoldForIndex(value));
  if (folded.size() > kMaxValueTerm) {
    std::size_t cut = kMaxValueTerm;
    while (cut > 0 && (static_cast<unsigned char>(folded[cut]) & 0xC0) == 0x80) --cut;
    folded.resize(cut);
  }
  return folded;
}

std::string UpperAscii(std::string_view s) {
  std::string out(s);
  for (char& c : out)
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 32);
  return out;
}

// Documents in a language without its own analysis (none of Languages(),
// or none given) also carry this term; queries search them unstemmed.
constexpr std::string_view kOtherLanguageTerm = "XL_";

bool IsAnalysed(std::string_view lang) {
  return lang == "en" || lang == "fr" || lang == "es" || lang == "ru" || lang == "ar" ||
         lang == "zh";
}

bool HasStemmer(std::string_view lang) {
  return lang == "en" || lang == "fr" || lang == "es" || lang == "ru" || lang == "ar";
}

Xapian::Stem StemmerFor(std::string_view lang) {
  return HasStemmer(lang) ? Xapian::Stem(std::string(lang)) : Xapian::Stem();
}

bool IsCjk(char32_t cp) {
  return (cp >= 0x2E80 && cp <= 0x9FFF) || (cp >= 0xAC00 && cp <= 0xD7AF) ||
         (cp >= 0xF900 && cp <= 0xFAFF) || (cp >= 0x20000 && cp <= 0x2FFFF);
}

// The languages a query may be in, from the scripts of its letters: Cyrillic
// "ru", Arabic "ar", CJK "zh", Latin "en", "fr", "es"; all six when it has
// no letter of those scripts.
std::vector<std::string> QueryLanguages(std::string_view folded_query) {
  bool latin = false, cyrillic = false, arabic = false, cjk = false;
  std::size_t pos = 0;
  char32_t cp = 0;
  while (pos < folded_query.size()) {
    std::size_t n = utf8::Decode(folded_query, pos, &cp);
    if (n == 0) n = 1, cp = 0;
    pos += n;
    if ((cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z') ||
        (cp >= 0xC0 && cp <= 0x24F))
      latin = true;
    else if (cp >= 0x0400 && cp <= 0x04FF)
      cyrillic = true;
    else if (cp >= 0x0600 && cp <= 0x06FF)
      arabic = true;
    else if (IsCjk(cp))
      cjk = true;
  }
  std::vector<std::string> langs;
  if (latin) langs.insert(langs.end(), {"en", "fr", "es"});
  if (cyrillic) langs.push_back("ru");
  if (arabic) langs.push_back("ar");
  if (cjk) langs.push_back("zh");
  if (langs.empty()) langs = Languages();
  return langs;
}

// Query fields whose value is compared as the index folds it.
class FoldedField : public Xapian::FieldProcessor {
 public:
  FoldedField(std::string prefix, bool upper) : prefix_(std::move(prefix)), upper_(upper) {}
  Xapian::Query operator()(const std::string& value) override {
    return Xapian::Query(prefix_ + (upper_ ? UpperAscii(value) : FoldValue(value)));
  }

 private:
  std::string prefix_;
  bool upper_;
};

// Xapian's "Syntax: <expression> AND <expression>" as "AND needs words on
// both sides"; other messages as Xapian gives them.
Status QueryError(const std::string& query, const Xapian::Error& e) {
  const std::string msg = e.get_msg();
  const std::string head = "Syntax: <expression> ", tail = " <expression>";
  std::string readable = msg;
  if (msg.rfind(head, 0) == 0 && msg.size() > head.size() + tail.size() &&
      msg.compare(msg.size() - tail.size(), tail.size(), tail) == 0) {
    const std::string op = msg.substr(head.size(), msg.size() - head.size() - tail.size());
    readable = op + " needs words on both sides (Xapian: " + msg + ")";
  }
  return Status::InvalidArgument("malformed query '" + query + "': " + readable);
}

uint64_t DirectoryBytes(const fs::path& dir) {
  uint64_t total = 0;
  std::error_code ec;
  for (auto it = fs::recursive_directory_iterator(dir, ec);
       !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
    std::error_code size_ec;
    if (it->is_regular_file(size_ec)) {
      const auto size = it->file_size(size_ec);
      if (!size_ec) total += size;
    }
  }
  return total;
}

// ---- snippets ----------------------------------------------------------------

// What a query's terms match in a text: words (folded, lower case) or their
// stems, and CJK characters of its n-grams.
class Highlighter {
 public:
  explicit Highlighter(const Xapian::Query& query) {
    for (auto t = query.get_unique_terms_begin(); t != query.get_unique_terms_end(); ++t) {
      const std::string term = *t;
      terms_.insert(term);
      std::size_t pos = 0;
      char32_t cp = 0;
      while (pos < term.size()) {
        std::size_t n = utf8::Decode(term, pos, &cp);
        if (n == 0) break;
        if (IsCjk(cp)) cjk_.insert(cp);
        pos += n;
      }
    }
  }

  // Calls `on_match(begin, end)` for each matched word or CJK run of `text`
  // (byte offsets), in order; stops when it returns false.
  template <typename F>
  void Matches(std::string_view text, const Xapian::Stem& stem, F on_match) const {
    std::size_t pos = 0, word_begin = std::string_view::npos;
    std::size_t cjk_begin = std::string_view::npos;
    char32_t cp = 0;
    auto end_word = [&](std::size_t at) {
      if (word_begin == std::string_view::npos) return true;
      const std::string word =
          Xapian::Unicode::tolower(utf8::FoldForIndex(text.substr(word_begin, at - word_begin)));
      const std::size_t b = word_begin;
      word_begin = std::string_view::npos;
      if (terms_.count(word) || (!stem.is_none() && terms_.count("Z" + stem(word))))
        return on_match(b, at);
      return true;
    };
    auto end_cjk = [&](std::size_t at) {
      if (cjk_begin == std::string_view::npos) return true;
      const std::size_t b = cjk_begin;
      cjk_begin = std::string_view::npos;
      return on_match(b, at);
    };
    while (pos < text.size()) {
      std::size_t n = utf8::Decode(text, pos, &cp);
      if (n == 0) n = 1, cp = 0xFFFD;
      const bool cjk = IsCjk(cp);
      if (cjk || !Xapian::Unicode::is_wordchar(static_cast<unsigned>(cp))) {
        if (!end_word(pos)) return;
      } else if (word_begin == std::string_view::npos) {
        word_begin = pos;
      }
      if (!(cjk && cjk_.count(cp))) {
        if (!end_cjk(pos)) return;
      } else if (cjk_begin == std::string_view::npos) {
        cjk_begin = pos;
      }
      pos += n;
    }
    if (end_word(pos)) end_cjk(pos);
  }

 private:
  std::set<std::string, std::less<>> terms_;
  std::set<char32_t> cjk_;
};

// Back to the start of the code point holding byte `i`.
std::size_t CodePointStart(std::string_view s, std::size_t i) {
  while (i > 0 && i < s.size() && (static_cast<unsigned char>(s[i]) & 0xC0) == 0x80) --i;
  return i;
}

// Moves `i` forward (or back) by `n` code points, clamped to the text.
std::size_t CodePoints(std::string_view s, std::size_t i, long n) {
  for (; n > 0 && i < s.size(); --n) {
    ++i;
    while (i < s.size() && (static_cast<unsigned char>(s[i]) & 0xC0) == 0x80) ++i;
  }
  for (; n < 0 && i > 0; ++n) i = CodePointStart(s, i - 1);
  return i;
}

constexpr long kSnippetCodePoints = 200;  // longer texts are cut around the first match
constexpr long kSnippetLead = 60;         // code points kept before it

std::string MakeSnippet(std::string_view text, const Highlighter& h, const Xapian::Stem& stem,
                        const SearchRequest& r) {
  std::size_t first = std::string_view::npos;
  h.Matches(text, stem, [&](std::size_t b, std::size_t) {
    first = b;
    return false;
  });
  std::size_t from = 0, to = text.size();
  if (utf8::CodePointCount(text) > static_cast<std::size_t>(kSnippetCodePoints)) {
    from = first == std::string_view::npos ? 0 : CodePoints(text, first, -kSnippetLead);
    to = CodePoints(text, from, kSnippetCodePoints);
  }
  const std::string_view window = text.substr(from, to - from);
  std::string out = from > 0 ? "…" : "";
  std::size_t copied = 0;
  h.Matches(window, stem, [&](std::size_t b, std::size_t e) {
    out.append(window.substr(copied, b - copied));
    out += r.highlight_open;
    out.append(window.substr(b, e - b));
    out += r.highlight_close;
    copied = e;
    return true;
  });
  out.append(window.substr(copied));
  if (to < text.size()) out += "…";
  return out;
}

}  // namespace

fs::path IndexPathFor(const fs::path& db_dir) { return db_dir / "search"; }

const std::vector<std::string>& Languages() {
  static const std::vector<std::string> kLanguages = {"en", "fr", "es", "ru", "ar", "zh"};
  return kLanguages;
}

// ---- Impl --------------------------------------------------------------------

class SearchIndex::Impl {
 public:
  fs::path path;
  bool writable = false;
  Xapian::Database db;           // the reader (the writer's, when writable)
  Xapian::WritableDatabase wdb;  // only when writable
  Xapian::TermGenerator generator;

  Impl() {
    generator.set_flags(Xapian::TermGenerator::FLAG_CJK_NGRAM);
    generator.set_stemming_strategy(Xapian::TermGenerator::STEM_SOME);
  }

  Xapian::Document MakeDocument(const store::Recording& rec, const store::Segment& s) {
    Xapian::Document doc;
    generator.set_document(doc);
    generator.set_stemmer(StemmerFor(s.language));
    if (!s.text.empty()) {
      generator.index_text(utf8::FoldForIndex(s.text));
      pairs::AddPairTerms(FoldValue(s.language), doc);
    }
    if (!s.speaker_name.empty()) {
      generator.increase_termpos();
      generator.index_text_without_positions(utf8::FoldForIndex(s.speaker_name), 1,
                                             std::string(kSpeakerPrefix));
    }
    doc.add_boolean_term(Prefixed(kRecordingPrefix, s.asset_id));
    if (!s.affiliation.empty())
      doc.add_boolean_term(Prefixed(kCountryPrefix, UpperAscii(s.affiliation)));
    if (!rec.body.empty()) doc.add_boolean_term(Prefixed(kBodyPrefix, FoldValue(rec.body)));
    auto extra_string = [&](const char* name) -> std::string {
      auto it = s.extra.find(name);
      return it != s.extra.end() && it->is_string() ? it->get<std::string>() : "";
    };
    if (std::string f = extra_string("function"); !f.empty())
      doc.add_boolean_term(Prefixed(kFunctionPrefix, FoldValue(f)));
    if (std::string g = extra_string("group"); !g.empty())
      doc.add_boolean_term(Prefixed(kGroupPrefix, FoldValue(g)));
    if (!s.language.empty()) doc.add_boolean_term(Prefixed(kLanguagePrefix, FoldValue(s.language)));
    if (!IsAnalysed(FoldValue(s.language))) doc.add_boolean_term(std::string(kOtherLanguageTerm));
    doc.add_boolean_term(Prefixed(kKindPrefix, store::SegmentKindName(s.kind)));
    if (rec.date.size() >= 4) doc.add_boolean_term(Prefixed(kYearPrefix, rec.date.substr(0, 4)));
    if (!rec.meeting_symbol.empty())
      doc.add_boolean_term(Prefixed(kSymbolPrefix, FoldValue(rec.meeting_symbol)));
    for (const std::string& d : rec.related_documents) {
      if (d.find("://") == std::string::npos && !d.empty())
        doc.add_boolean_term(Prefixed(kSymbolPrefix, FoldValue(d)));
    }
    doc.add_value(kSlotDate, rec.date);
    doc.add_value(kSlotRecording, s.asset_id);
    doc.add_value(kSlotCountry, UpperAscii(s.affiliation));
    doc.add_value(kSlotBody, rec.body);
    if (rec.date.size() >= 4) doc.add_value(kSlotYear, rec.date.substr(0, 4));
    doc.add_value(kSlotStart, Xapian::sortable_serialise(static_cast<double>(s.start_ms)));
    doc.set_data(store::EncodeSegment(s));
    return doc;
  }

  // Replaces the recording's documents (`fresh`: the index has none of
  // them, as in Rebuild); no commit.
  void Replace(const store::Recording& rec, const std::vector<store::Segment>& segments,
               bool fresh = false) {
    if (!fresh) wdb.delete_document(Prefixed(kRecordingPrefix, rec.asset_id));
    for (const store::Segment& s : segments) {
      if (s.kind == store::SegmentKind::kChapter || s.kind == store::SegmentKind::kCited) continue;
      wdb.add_document(MakeDocument(rec, s));
    }
    wdb.set_metadata(Prefixed(kRecordingKey, rec.asset_id), store::EncodeRecording(rec));
    wdb.set_metadata(Prefixed(kPendingKey, rec.asset_id), "");
  }

  // One attempt of Search; Xapian exceptions escape.
  Result<SearchResult> SearchOnce(const SearchRequest& r);
  Xapian::Query DateFilter(const std::string& from, const std::string& to) const;
};

namespace {

// Runs `f`, turning Xapian's exceptions into a Status naming `dir`.
template <typename F>
Status Guard(const fs::path& dir, F&& f) {
  try {
    return f();
  } catch (const Xapian::DatabaseLockError& e) {
    return Status::Busy("search index " + dir.string() +
                        " is being written by another process: " + e.get_msg());
  } catch (const Xapian::DatabaseNotFoundError&) {
    return Status::NotFound("no search index at " + dir.string() + kRebuildHint);
  } catch (const Xapian::DatabaseCorruptError& e) {
    return Status::Corruption("search index " + dir.string() + " is damaged (" + e.get_msg() +
                              ")" + kRebuildHint);
  } catch (const Xapian::DatabaseOpeningError& e) {
    return Status::Corruption("search index " + dir.string() + " cannot be opened (" +
                              e.get_msg() + ")" + kRebuildHint);
  } catch (const Xapian::DatabaseError& e) {
    return Status::IoError("search index " + dir.string() + ": " + e.get_msg());
  } catch (const Xapian::Error& e) {
    return Status::IoError("search index " + dir.string() + ": " + e.get_type() + ": " +
                           e.get_msg());
  }
}

}  // namespace

SearchIndex::SearchIndex(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
SearchIndex::~SearchIndex() {
  if (impl_ && impl_->writable) {
    try {
      impl_->wdb.close();
    } catch (const Xapian::Error&) {
      // Nothing to do: every change was committed when its method returned.
    }
  }
}

const fs::path& SearchIndex::path() const { return impl_->path; }
bool SearchIndex::writable() const { return impl_->writable; }

Result<std::unique_ptr<SearchIndex>> SearchIndex::OpenReader(const fs::path& dir) {
  auto impl = std::make_unique<Impl>();
  impl->path = dir;
  std::error_code ec;
  if (!fs::exists(dir, ec)) {
    return Status::NotFound("no search index at " + dir.string() + kRebuildHint);
  }
  Status s = Guard(dir, [&] {
    impl->db = Xapian::Database(dir.string(), Xapian::DB_BACKEND_GLASS);
    return Status::Ok();
  });
  if (!s.ok()) return s;
  return std::unique_ptr<SearchIndex>(new SearchIndex(std::move(impl)));
}

Result<std::unique_ptr<SearchIndex>> SearchIndex::OpenWriter(const fs::path& dir,
                                                             const store::Store* store) {
  auto impl = std::make_unique<Impl>();
  impl->path = dir;
  impl->writable = true;
  Status s = Guard(dir, [&] {
    impl->wdb = Xapian::WritableDatabase(dir.string(),
                                         Xapian::DB_CREATE_OR_OPEN | Xapian::DB_BACKEND_GLASS);
    bool stamp = false;
    if (impl->wdb.get_metadata(std::string(kVersionKey)).empty()) {
      impl->wdb.set_metadata(std::string(kVersionKey), std::string(kVersion));
      stamp = true;
    }
    // Only an index with no document yet is known to get the pair terms of
    // every document (phrase_pairs.h).
    if (impl->wdb.get_doccount() == 0 &&
        impl->wdb.get_metadata(std::string(pairs::kPairsKey)) != pairs::kPairsVersion) {
      impl->wdb.set_metadata(std::string(pairs::kPairsKey), std::string(pairs::kPairsVersion));
      stamp = true;
    }
    if (stamp) impl->wdb.commit();
    impl->db = impl->wdb;
    return Status::Ok();
  });
  if (!s.ok()) return s;
  std::unique_ptr<SearchIndex> index(new SearchIndex(std::move(impl)));
  if (store != nullptr) {
    if (Status r = index->RepairPending(*store); !r.ok()) return r;
  }
  return index;
}

Status SearchIndex::Reopen() {
  if (impl_->writable) return Status::Ok();
  return Guard(impl_->path, [&] {
    impl_->db.reopen();
    return Status::Ok();
  });
}

uint64_t SearchIndex::documents() const {
  try {
    return impl_->db.get_doccount();
  } catch (const Xapian::Error&) {
    return 0;
  }
}

Status SearchIndex::BeginRecording(std::string_view asset_id) {
  if (!impl_->writable) return Status::InvalidArgument("search index opened for reading");
  return Guard(impl_->path, [&] {
    impl_->wdb.set_metadata(Prefixed(kPendingKey, asset_id), "1");
    impl_->wdb.commit();
    return Status::Ok();
  });
}

Status SearchIndex::IndexRecording(const store::Recording& recording,
                                   const std::vector<store::Segment>& segments) {
  if (!impl_->writable) return Status::InvalidArgument("search index opened for reading");
  for (const store::Segment& s : segments) {
    if (s.asset_id != recording.asset_id) {
      return Status::InvalidArgument("segment of " + s.asset_id + " given with recording " +
                                     recording.asset_id);
    }
  }
  return Guard(impl_->path, [&] {
    impl_->Replace(recording, segments);
    impl_->wdb.commit();
    return Status::Ok();
  });
}

Status SearchIndex::RemoveRecording(std::string_view asset_id) {
  if (!impl_->writable) return Status::InvalidArgument("search index opened for reading");
  return Guard(impl_->path, [&] {
    impl_->wdb.delete_document(Prefixed(kRecordingPrefix, asset_id));
    impl_->wdb.set_metadata(Prefixed(kRecordingKey, asset_id), "");
    impl_->wdb.set_metadata(Prefixed(kPendingKey, asset_id), "");
    impl_->wdb.commit();
    return Status::Ok();
  });
}

Status SearchIndex::SyncRecording(const store::Store& store, std::string_view asset_id) {
  auto rec = store.GetRecording(asset_id);
  if (!rec.ok()) {
    if (rec.status().IsNotFound()) return RemoveRecording(asset_id);
    return rec.status();
  }
  auto segments = store.SegmentsOf(asset_id);
  if (!segments.ok()) return segments.status();
  return IndexRecording(*rec, *segments);
}

Status SearchIndex::RepairPending(const store::Store& store) {
  if (!impl_->writable) return Status::InvalidArgument("search index opened for reading");
  std::vector<std::string> pending;
  Status s = Guard(impl_->path, [&] {
    const std::string prefix(kPendingKey);
    for (auto it = impl_->wdb.metadata_keys_begin(prefix); it != impl_->wdb.metadata_keys_end(prefix);
         ++it) {
      pending.push_back((*it).substr(prefix.size()));
    }
    return Status::Ok();
  });
  if (!s.ok()) return s;
  for (const std::string& asset_id : pending) {
    if (Status r = SyncRecording(store, asset_id); !r.ok()) return r;
  }
  return Status::Ok();
}

Result<IndexStatus> SearchIndex::GetStatus(const store::Store& store) {
  IndexStatus st;
  std::set<std::string, std::less<>> in_store;
  Status s = Guard(impl_->path, [&] {
    Status scan = store.ScanRecordings([&](const store::Recording& r) {
      ++st.recordings_in_store;
      in_store.insert(r.asset_id);
      const std::string kept = impl_->db.get_metadata(Prefixed(kRecordingKey, r.asset_id));
      if (kept == store::EncodeRecording(r)) {
        ++st.recordings_indexed;
      } else {
        st.missing.push_back(r.asset_id);
      }
      return true;
    });
    if (!scan.ok()) return scan;
    for (std::string_view prefix : {kRecordingKey, kPendingKey}) {
      const std::string p(prefix);
      for (auto it = impl_->db.metadata_keys_begin(p); it != impl_->db.metadata_keys_end(p); ++it) {
        const std::string id = (*it).substr(p.size());
        if (prefix == kPendingKey) {
          st.pending.push_back(id);
        } else if (!in_store.count(id)) {
          st.extra.push_back(id);
        }
      }
    }
    st.documents = impl_->db.get_doccount();
    return Status::Ok();
  });
  if (!s.ok()) return s;
  st.disk_bytes = DirectoryBytes(impl_->path);
  return st;
}

// ---- searching -----------------------------------------------------------------

Result<SearchResult> SearchIndex::Search(const SearchRequest& request) {
  if (request.limit < 1 || request.limit > 1000)
    return Status::InvalidArgument("limit " + std::to_string(request.limit) + " is not in 1..1000");
  if (request.segments_per_recording < 1 || request.segments_per_recording > 100) {
    return Status::InvalidArgument("segments per recording " +
                                   std::to_string(request.segments_per_recording) +
                                   " is not in 1..100");
  }
  for (const std::string* d : {&request.from_date, &request.to_date}) {
    if (!d->empty() && !ParseDay(*d))
      return Status::InvalidArgument("date " + *d + " is not YYYY-MM-DD");
  }
  Result<SearchResult> result = SearchResult();
  for (int attempt = 0; attempt < 3; ++attempt) {
    bool modified = false;
    Status s = Guard(impl_->path, [&] {
      try {
        result = impl_->SearchOnce(request);
      } catch (const Xapian::DatabaseModifiedError&) {
        modified = true;  // the writer moved on past our snapshot
        impl_->db.reopen();
      } catch (const Xapian::QueryParserError& e) {
        return QueryError(request.query, e);
      }
      return Status::Ok();
    });
    if (!s.ok()) return s;
    if (!modified) return result;
  }
  return Status::Busy("the search index " + impl_->path.string() +
                      " changed three times during one search; try again");
}

// A date range (YYYY-MM-DD, either end open) as a filter: the year terms of
// the years it touches, and, unless it covers whole years, the value range on
// the date slot for its ends. A value range alone makes Xapian read the date
// of every candidate (of every document, when it drives the match: 240 ms p99
// on 2,000,000 segments); the year terms are posting lists it skips through.
Xapian::Query SearchIndex::Impl::DateFilter(const std::string& from, const std::string& to) const {
  const std::string lo = from.empty() ? std::string("0000-00-00") : from;
  const std::string hi = to.empty() ? std::string("9999-99-99") : to;
  const std::string prefix(kYearPrefix);
  std::vector<Xapian::Query> years;
  for (auto t = db.allterms_begin(prefix); t != db.allterms_end(prefix); ++t) {
    const std::string year = (*t).substr(prefix.size());
    if (year >= lo.substr(0, 4) && year <= hi.substr(0, 4)) years.emplace_back(*t);
  }
  if (years.empty()) return Xapian::Query::MatchNothing;
  Xapian::Query by_year(Xapian::Query::OP_OR, years.begin(), years.end());
  const bool whole_years = lo.substr(4) == "-01-01" || lo == "0000-00-00";
  const bool to_year_end = hi.substr(4) == "-12-31" || hi == "9999-99-99";
  if (whole_years && to_year_end) return by_year;
  return Xapian::Query(Xapian::Query::OP_AND, by_year,
                       Xapian::Query(Xapian::Query::OP_VALUE_RANGE, kSlotDate, lo, hi));
}

Result<SearchResult> SearchIndex::Impl::SearchOnce(const SearchRequest& r) {
  const std::string folded = utf8::FoldForIndex(r.query);
  if (folded.find_first_not_of(" \t\r\n") == std::string::npos)
    return Status::InvalidArgument("empty query: give the words to search for");

  std::vector<std::string> langs;
  if (!r.language.empty()) {
    langs.push_back(FoldValue(r.language));
  } else {
    langs = QueryLanguages(folded);
    langs.push_back("");  // text in other languages, unstemmed
  }
  const unsigned flags = Xapian::QueryParser::FLAG_DEFAULT | Xapian::QueryParser::FLAG_WILDCARD |
                         Xapian::QueryParser::FLAG_CJK_NGRAM |
                         Xapian::QueryParser::FLAG_PURE_NOT;
  const bool use_pairs = db.get_metadata(std::string(pairs::kPairsKey)) == pairs::kPairsVersion;
  std::vector<Xapian::Query> per_language;
  for (const std::string& lang : langs) {
    Xapian::QueryParser qp;
    qp.set_database(db);
    qp.set_stemmer(StemmerFor(lang));
    qp.set_stemming_strategy(Xapian::QueryParser::STEM_SOME);
    qp.set_default_op(Xapian::Query::OP_AND);
    qp.add_prefix("speaker", std::string(kSpeakerPrefix));
    qp.add_boolean_prefix("country", (new FoldedField(std::string(kCountryPrefix), true))->release());
    qp.add_boolean_prefix("body", (new FoldedField(std::string(kBodyPrefix), false))->release());
    qp.add_boolean_prefix("function", (new FoldedField(std::string(kFunctionPrefix), false))->release());
    qp.add_boolean_prefix("group", (new FoldedField(std::string(kGroupPrefix), false))->release());
    qp.add_boolean_prefix("symbol", (new FoldedField(std::string(kSymbolPrefix), false))->release());
    qp.add_boolean_prefix("lang", std::string(kLanguagePrefix));
    qp.add_boolean_prefix("recording", std::string(kRecordingPrefix));
    qp.add_boolean_prefix("kind", std::string(kKindPrefix));
    qp.add_boolean_prefix("year", std::string(kYearPrefix));
    Xapian::Query q = qp.parse_query(folded, flags);
    if (q.empty()) continue;
    if (use_pairs) q = pairs::WithPairFilter(lang, q);
    per_language.emplace_back(Xapian::Query::OP_FILTER, q,
                              Xapian::Query(lang.empty() ? std::string(kOtherLanguageTerm)
                                                         : Prefixed(kLanguagePrefix, lang)));
  }
  if (per_language.empty())
    return Status::InvalidArgument("query '" + r.query + "' has no word to search for");
  Xapian::Query query(Xapian::Query::OP_OR, per_language.begin(), per_language.end());

  std::vector<Xapian::Query> filters;
  if (!r.country.empty()) filters.emplace_back(Prefixed(kCountryPrefix, UpperAscii(r.country)));
  if (!r.body.empty()) filters.emplace_back(Prefixed(kBodyPrefix, FoldValue(r.body)));
  if (!r.function.empty()) filters.emplace_back(Prefixed(kFunctionPrefix, FoldValue(r.function)));
  if (!r.recording.empty()) filters.emplace_back(Prefixed(kRecordingPrefix, r.recording));
  if (!r.from_date.empty() || !r.to_date.empty()) filters.push_back(DateFilter(r.from_date, r.to_date));
  if (!filters.empty()) {
    query = Xapian::Query(Xapian::Query::OP_FILTER, query,
                          Xapian::Query(Xapian::Query::OP_AND, filters.begin(), filters.end()));
  }

  auto enquire_for = [&](const Xapian::Query& q) {
    Xapian::Enquire e(db);
    e.set_query(q);
    if (r.sort == Sort::kDate) e.set_sort_by_value_then_relevance(kSlotDate, true);
    return e;
  };

  // The page of recordings: the best segment of each (collapsed on the
  // recording), then each one's best segments.
  Xapian::Enquire enquire = enquire_for(query);
  enquire.set_collapse_key(kSlotRecording, 1);
  Xapian::ValueCountMatchSpy by_country(kSlotCountry), by_body(kSlotBody), by_year(kSlotYear);
  // Counts are exact up to this many matches (Xapian estimates beyond).
  Xapian::doccount check_at_least = static_cast<Xapian::doccount>(r.offset + r.limit + 100);
  if (r.facets) {
    enquire.add_matchspy(&by_country);
    enquire.add_matchspy(&by_body);
    enquire.add_matchspy(&by_year);
    check_at_least = db.get_doccount();
  }
  const Xapian::MSet page = enquire.get_mset(static_cast<Xapian::doccount>(r.offset),
                                             static_cast<Xapian::doccount>(r.limit),
                                             check_at_least);
  SearchResult out;
  // Every match examined (the usual case below check_at_least): the lower
  // bound is the count; Xapian's estimate of collapsed matches can be off.
  const bool all_seen = page.get_uncollapsed_matches_upper_bound() <= check_at_least;
  out.matching_recordings =
      all_seen ? page.get_matches_lower_bound() : page.get_matches_estimated();
  out.matching_segments = r.facets  ? by_country.get_total()  // every match seen: exact
                         : all_seen ? page.get_uncollapsed_matches_lower_bound()
                                    : page.get_uncollapsed_matches_estimated();
  if (r.facets) {
    auto copy = [](const Xapian::ValueCountMatchSpy& spy, std::map<std::string, uint64_t>* to) {
      for (auto it = spy.values_begin(); it != spy.values_end(); ++it)
        if (!(*it).empty()) (*to)[*it] = it.get_termfreq();
    };
    copy(by_country, &out.by_country);
    copy(by_body, &out.by_body);
    copy(by_year, &out.by_year);
  }

  const Highlighter highlighter(query);
  auto add_hit = [&](RecordingHit* to, const Xapian::MSetIterator& it) -> Status {
    auto segment = store::DecodeSegment(it.get_document().get_data());
    if (!segment.ok()) {
      return Status::Corruption("search index " + path.string() + ": document " +
                                std::to_string(*it) + ": " + segment.status().message() +
                                kRebuildHint);
    }
    SegmentHit hit;
    hit.weight = it.get_weight();
    hit.snippet = MakeSnippet(segment->text, highlighter, StemmerFor(segment->language), r);
    hit.segment = std::move(segment).value();
    to->segments.push_back(std::move(hit));
    return Status::Ok();
  };
  for (auto it = page.begin(); it != page.end(); ++it) {
    RecordingHit hit;
    const std::string asset_id = it.get_document().get_value(kSlotRecording);
    auto rec = store::DecodeRecording(db.get_metadata(Prefixed(kRecordingKey, asset_id)));
    if (rec.ok()) {
      hit.recording = std::move(rec).value();
    } else {
      hit.recording.asset_id = asset_id;
    }
    if (r.segments_per_recording == 1) {
      if (Status s = add_hit(&hit, it); !s.ok()) return s;
    } else {
      Xapian::Enquire within = enquire_for(Xapian::Query(
          Xapian::Query::OP_FILTER, query, Xapian::Query(Prefixed(kRecordingPrefix, asset_id))));
      const Xapian::MSet best =
          within.get_mset(0, static_cast<Xapian::doccount>(r.segments_per_recording));
      for (auto b = best.begin(); b != best.end(); ++b)
        if (Status s = add_hit(&hit, b); !s.ok()) return s;
    }
    out.recordings.push_back(std::move(hit));
  }
  return out;
}

// ---- StoreFollower -------------------------------------------------------------

void StoreFollower::Before(std::string_view asset_id) {
  if (!status_.ok() || store_.mode() != store::OpenMode::kReadWrite) return;
  if (!index_) {
    auto opened = SearchIndex::OpenWriter(IndexPathFor(store_.path()), &store_);
    if (!opened.ok()) {
      status_ = opened.status();
      return;
    }
    index_ = std::move(opened).value();
  }
  status_ = index_->BeginRecording(asset_id);
}

void StoreFollower::After(std::string_view asset_id) {
  if (!status_.ok() || !index_) return;
  status_ = index_->SyncRecording(store_, asset_id);
}

// ---- rebuild -------------------------------------------------------------------

Result<RebuildProgress> Rebuild(const store::Store& store, const fs::path& dir,
                                const std::function<void(const RebuildProgress&)>& progress) {
  fs::path target = dir;
  if (!target.has_filename()) target = target.parent_path();
  const fs::path fresh = target.string() + ".rebuild";
  const fs::path old = target.string() + ".old";
  std::error_code ec;
  if (fs::exists(target, ec)) {  // only to know no writer holds it
    auto current = SearchIndex::OpenWriter(target);
    if (!current.ok() && current.status().code() == Status::Code::kBusy) return current.status();
  }
  fs::remove_all(fresh, ec);
  fs::remove_all(old, ec);
  RebuildProgress done;
  {
    auto writer = SearchIndex::OpenWriter(fresh);
    if (!writer.ok()) return writer.status();
    SearchIndex::Impl& impl = *(*writer)->impl_;
    std::vector<std::string> ids;
    Status scan = store.ScanRecordings([&](const store::Recording& r) {
      ids.push_back(r.asset_id);
      return true;
    });
    if (!scan.ok()) return scan;
    for (const std::string& id : ids) {
      auto rec = store.GetRecording(id);
      if (!rec.ok()) {
        if (rec.status().IsNotFound()) continue;
        return rec.status();
      }
      auto segments = store.SegmentsOf(id);
      if (!segments.ok()) return segments.status();
      Status s = Guard(fresh, [&] {
        impl.Replace(*rec, *segments, /*fresh=*/true);
        return Status::Ok();
      });
      if (!s.ok()) return s;
      ++done.recordings;
      done.segments += segments->size();
      if (progress) progress(done);
    }
    Status s = Guard(fresh, [&] {
      impl.wdb.commit();
      return Status::Ok();
    });
    if (!s.ok()) return s;
  }
  // A freshly built glass database has its B-tree blocks part full (about
  // 3/4 after sequential adds); compacting writes every table anew with full
  // blocks: less disk and fewer blocks read per query. The result stays
  // writable (a directory, not a single-file database).
  const fs::path compacted = target.string() + ".compact";
  fs::remove_all(compacted, ec);
  Status s = Guard(fresh, [&] {
    Xapian::Database(fresh.string()).compact(compacted.string(), Xapian::DBCOMPACT_NO_RENUMBER);
    return Status::Ok();
  });
  if (!s.ok()) {
    fs::remove_all(compacted, ec);
    return s;
  }
  fs::remove_all(fresh, ec);
  if (fs::exists(target, ec)) {
    fs::rename(target, old, ec);
    if (ec) return Status::IoError("cannot move " + target.string() + " aside: " + ec.message());
  }
  fs::rename(compacted, target, ec);
  if (ec) return Status::IoError("cannot put " + compacted.string() + " in place: " + ec.message());
  fs::remove_all(old, ec);
  return done;
}

}  // namespace timecite::search
