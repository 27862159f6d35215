#include "indexer/catalog/query.h"

#include <algorithm>
#include <cstdio>
#include <set>

#include "common/time.h"
#include "indexer/fields.h"
#include "store/store.h"

namespace timecite::indexer {
namespace {

using Json = nlohmann::json;

char Lower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }

bool ContainsAll(std::string_view text, const std::vector<std::string>& words) {
  const std::string lower = FoldAsciiCase(text);
  return std::all_of(words.begin(), words.end(), [&](const std::string& w) {
    return lower.find(w) != std::string::npos;
  });
}

void Replace(std::string* s, std::string_view from, const std::string& to) {
  for (std::size_t at = s->find(from); at != std::string::npos; at = s->find(from, at + to.size())) {
    s->replace(at, from.size(), to);
  }
}

// Candidate recordings for dates/body filters; nullopt means "all".
Result<std::optional<std::vector<store::Recording>>> FilterRecordings(const store::Store& db,
                                                                      const SearchQuery& q) {
  std::optional<std::vector<store::Recording>> out;
  if (!q.from_date.empty() || !q.to_date.empty()) {
    auto by_date = db.RecordingsByDate(q.from_date.empty() ? "0000-00-00" : q.from_date,
                                       q.to_date.empty() ? "9999-99-99" : q.to_date);
    if (!by_date.ok()) return by_date.status();
    out = std::move(by_date).value();
  }
  if (!q.body.empty()) {
    auto by_body = db.RecordingsByBody(q.body);
    if (!by_body.ok()) return by_body.status();
    if (out) {
      std::set<std::string> ids;
      for (const auto& r : *by_body) ids.insert(r.asset_id);
      std::erase_if(*out, [&](const store::Recording& r) { return !ids.count(r.asset_id); });
    } else {
      out = std::move(by_body).value();
    }
  }
  return out;
}

Result<std::vector<store::Recording>> AllRecordings(const store::Store& db) {
  std::vector<store::Recording> all;
  Status s = db.ScanRecordings([&](const store::Recording& r) {
    all.push_back(r);
    return true;
  });
  if (!s.ok()) return s;
  return all;
}

}  // namespace

std::string FoldAsciiCase(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = Lower(c);
  return out;
}

std::vector<std::string> QueryWords(std::string_view text) {
  std::vector<std::string> out;
  std::string word;
  for (char c : text) {
    if (c == ' ' || c == '\t' || c == '\n') {
      if (!word.empty()) out.push_back(FoldAsciiCase(word));
      word.clear();
    } else {
      word += c;
    }
  }
  if (!word.empty()) out.push_back(FoldAsciiCase(word));
  return out;
}

Result<std::string> AssetIdFromArgument(std::string_view arg) {
  if (IsAssetId(arg)) return std::string(arg);
  if (IsEntryId(arg)) return webtv::AssetIdFromEntryId(arg);
  if (auto id = AssetIdFromUrl(arg)) return *id;
  std::string path(arg);
  if (path.ends_with(".json")) path.resize(path.size() - 5);
  if (auto id = AssetIdFromUrl(path)) return *id;
  if (auto id = AssetIdFromUrl("/asset/" + path)) return *id;  // "k1s/k1sjz1in6d"
  return Status::InvalidArgument(
      "not an asset: expected an asset id (k1obxycc3u), a Kaltura id (1_obxycc3u) or a "
      "UN Web TV asset URL, got: " + std::string(arg));
}

std::string FormatClock(int64_t ms) {
  const int64_t total = ms / 1000;
  const int64_t h = total / 3600, m = total / 60 % 60, s = total % 60;
  char buf[32];
  if (h > 0) {
    std::snprintf(buf, sizeof buf, "%lld:%02lld:%02lld", static_cast<long long>(h),
                  static_cast<long long>(m), static_cast<long long>(s));
  } else {
    std::snprintf(buf, sizeof buf, "%lld:%02lld", static_cast<long long>(m),
                  static_cast<long long>(s));
  }
  return buf;
}

namespace {
// What `show` and `at` say about a recording the store does not hold, with
// the command that indexes it.
Status NotIndexed(std::string_view asset_id) {
  return Status::NotFound("recording " + std::string(asset_id) +
                          " is not indexed (run `timecite crawl --asset " +
                          std::string(asset_id) + "` first)");
}
}  // namespace

Result<RecordingView> Show(const store::Store& db, std::string_view asset_id) {
  auto rec = db.GetRecording(asset_id);
  if (!rec.ok()) {
    if (rec.status().IsNotFound()) {
      return NotIndexed(asset_id);
    }
    return rec.status();
  }
  auto segments = db.SegmentsOf(asset_id);
  if (!segments.ok()) return segments.status();
  RecordingView view{std::move(rec).value(), {}};
  for (const store::Segment& seg : *segments) {
    ++view.segment_counts[std::string(store::SegmentKindName(seg.kind))];
  }
  return view;
}

std::vector<DeepLink> DeepLinks(const Profile& profile, const store::Recording& recording,
                                int64_t ms, std::string_view lang) {
  const std::string entry =
      recording.entry_id.empty() ? recording.player_id : recording.entry_id;
  std::vector<DeepLink> out;
  for (const auto& [name, tmpl] : profile.links()) {
    std::string url = tmpl;
    Replace(&url, "{lang}", std::string(lang));
    Replace(&url, "{folder}", recording.asset_id.substr(0, 3));
    Replace(&url, "{asset_id}", recording.asset_id);
    Replace(&url, "{entry_id}", entry);
    Replace(&url, "{start_s}", std::to_string(ms / 1000));
    // The profiles' old name for {start_s}, still read in a user's profile
    // (`at --profile`, which notes it; LinksWithOldPlaceholders).
    Replace(&url, "{seconds}", std::to_string(ms / 1000));
    Replace(&url, "{timecode}", FormatClock(ms));
    out.push_back({name, std::move(url)});
  }
  return out;
}

Result<Moment> At(const store::Store& db, std::string_view asset_id, int64_t ms,
                  const Profile& links_profile, std::string_view lang) {
  if (ms < 0) return Status::InvalidArgument("a time before the start of the recording");
  auto rec = db.GetRecording(asset_id);
  if (!rec.ok()) {
    if (rec.status().IsNotFound()) {
      return NotIndexed(asset_id);
    }
    return rec.status();
  }
  Moment m;
  m.recording = std::move(rec).value();
  m.ms = ms;
  m.beyond_end = m.recording.duration_ms > 0 && ms >= m.recording.duration_ms;
  if (m.beyond_end) return m;
  // The kinds a Moment holds (chapters and cited spans are not sought).
  static constexpr store::SegmentKind kMomentKinds[] = {
      store::SegmentKind::kStatement, store::SegmentKind::kSentence,
      store::SegmentKind::kCaption};
  auto at = db.SegmentsAt(asset_id, ms, kMomentKinds);
  if (!at.ok()) return at.status();
  for (store::Segment& seg : *at) {
    switch (seg.kind) {
      case store::SegmentKind::kStatement: m.statement = std::move(seg); break;
      case store::SegmentKind::kSentence: m.sentence = std::move(seg); break;
      case store::SegmentKind::kCaption: m.caption = std::move(seg); break;
      default: break;
    }
  }
  m.links = DeepLinks(links_profile, m.recording, ms, lang);
  return m;
}

Result<std::vector<SearchHit>> Search(const store::Store& db, const SearchQuery& q) {
  for (const std::string* d : {&q.from_date, &q.to_date}) {
    if (!d->empty() && !ParseDay(*d)) {
      return Status::InvalidArgument("dates are YYYY-MM-DD, got: " + *d);
    }
  }
  if (q.from_date.empty() && q.to_date.empty() && q.body.empty() && q.affiliation.empty() &&
      q.words.empty()) {
    return Status::InvalidArgument("search needs a date, a body, an affiliation or words");
  }
  auto filtered = FilterRecordings(db, q);
  if (!filtered.ok()) return filtered.status();
  const bool about_speech = !q.affiliation.empty() || !q.words.empty();
  std::vector<SearchHit> hits;
  auto full = [&] { return q.limit != 0 && hits.size() >= q.limit; };

  if (!about_speech) {
    for (store::Recording& r : **filtered) {
      if (full()) break;
      hits.push_back({std::move(r), std::nullopt});
    }
    return hits;
  }

  std::vector<store::Recording> recordings;
  if (*filtered) {
    recordings = std::move(**filtered);
  } else {
    auto all = AllRecordings(db);
    if (!all.ok()) return all.status();
    recordings = std::move(all).value();
  }
  const std::vector<std::string> words = QueryWords(q.words);
  for (const store::Recording& r : recordings) {
    if (full()) break;
    auto segments = db.SegmentsOf(r.asset_id);
    if (!segments.ok()) return segments.status();
    for (const store::Segment& seg : *segments) {
      if (full()) break;
      const bool text_kind =
          seg.kind == store::SegmentKind::kSentence || seg.kind == store::SegmentKind::kCaption;
      if (!q.affiliation.empty() && seg.affiliation != q.affiliation) continue;
      if (words.empty()) {
        if (seg.kind != store::SegmentKind::kStatement) continue;
      } else if (!text_kind || !ContainsAll(seg.text, words)) {
        continue;
      }
      hits.push_back({r, seg});
    }
  }
  return hits;
}

Json ToJson(const store::Recording& r) {
  Json j = {{"asset_id", r.asset_id},       {"player_id", r.player_id},
            {"entry_id", r.entry_id},       {"title", r.title},
            {"body", r.body},               {"date", r.date},
            {"duration_ms", r.duration_ms}, {"duration", FormatClock(r.duration_ms)},
            {"languages", r.languages},     {"categories", r.categories},
            {"related_documents", r.related_documents},
            {"meeting_symbol", r.meeting_symbol},
            {"status", r.status}};
  j["start_utc_ms"] = r.start_utc_ms ? Json(*r.start_utc_ms) : Json(nullptr);
  if (r.extra.contains("canonical_url")) j["url"] = r.extra["canonical_url"];
  if (r.extra.contains("related")) j["related"] = r.extra["related"];
  return j;
}

Json ToJson(const store::Segment& s) {
  Json j = {{"kind", store::SegmentKindName(s.kind)},
            {"start_ms", s.start_ms},
            {"end_ms", s.end_ms},
            {"start", FormatClock(s.start_ms)},
            {"end", FormatClock(s.end_ms)},
            {"speaker", s.speaker_name},
            {"affiliation", s.affiliation},
            {"language", s.language},
            {"text", s.text},
            {"source", s.source}};
  if (s.extra.contains("function")) j["function"] = s.extra["function"];
  return j;
}

Json ToJson(const RecordingView& view) {
  Json j = ToJson(view.recording);
  j["segments"] = view.segment_counts;
  return j;
}

Json ToJson(const Moment& m) {
  Json j = {{"asset_id", m.recording.asset_id},
            {"title", m.recording.title},
            {"at_ms", m.ms},
            {"at", FormatClock(m.ms)},
            {"duration_ms", m.recording.duration_ms},
            {"duration", FormatClock(m.recording.duration_ms)},
            {"beyond_end", m.beyond_end}};
  j["statement"] = m.statement ? ToJson(*m.statement) : Json(nullptr);
  j["sentence"] = m.sentence ? ToJson(*m.sentence) : Json(nullptr);
  j["caption"] = m.caption ? ToJson(*m.caption) : Json(nullptr);
  Json links = Json::object();
  for (const DeepLink& l : m.links) links[l.name] = l.url;
  j["links"] = links;
  return j;
}

Json ToJson(const std::vector<SearchHit>& hits) {
  Json out = Json::array();
  for (const SearchHit& h : hits) {
    Json j = {{"asset_id", h.recording.asset_id},
              {"title", h.recording.title},
              {"date", h.recording.date},
              {"body", h.recording.body}};
    if (h.segment) j["segment"] = ToJson(*h.segment);
    out.push_back(std::move(j));
  }
  return out;
}

}  // namespace timecite::indexer
