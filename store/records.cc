#include "store/records.h"

#include <cstdint>
#include <limits>
#include <type_traits>
#include <utility>

namespace timecite::store {
namespace {

using nlohmann::json;

// Reads known fields out of a decoded map; what is left is the unknown rest.
// Known fields are moved out and only erased when unknown ones exist, so the
// common case does no map surgery.
class FieldReader {
 public:
  explicit FieldReader(json object) : j_(std::move(object)) {}

  template <typename T>
  void Get(const char* name, T& out) {
    auto it = Find(name);
    if (it == j_.end() || it->is_null()) return;
    if constexpr (std::is_same_v<T, std::string>) {
      if (auto* str = it->template get_ptr<std::string*>()) {
        out = std::move(*str);
        return;
      }
    }
    try {
      out = it->template get<T>();
    } catch (const json::exception& e) {
      Fail(name, e.what());
    }
  }

  template <typename T>
  void GetOptional(const char* name, std::optional<T>& out) {
    auto it = Find(name);
    if (it == j_.end() || it->is_null()) return;
    try {
      out = it->template get<T>();
    } catch (const json::exception& e) {
      Fail(name, e.what());
    }
  }

  void GetJson(const char* name, json& out) {
    auto it = Find(name);
    if (it != j_.end()) out = std::move(*it);
  }

  void Fail(std::string_view name, std::string_view why) {
    if (status_.ok()) {
      status_ = Status::Corruption("stored field '" + std::string(name) +
                                   "' has the wrong type: " + std::string(why));
    }
  }

  // The unknown fields (the record version "v" and known fields removed).
  json TakeRest() {
    size_t known = consumed_.size() + (j_.contains("v") ? 1 : 0);
    if (j_.size() == known) return json::object();
    for (const char* name : consumed_) j_.erase(name);
    j_.erase("v");
    return std::move(j_);
  }
  const Status& status() const { return status_; }

 private:
  json::iterator Find(const char* name) {
    auto it = j_.find(name);
    if (it != j_.end()) consumed_.push_back(name);
    return it;
  }

  json j_;
  std::vector<const char*> consumed_;
  Status status_;
};

// A fast path for the hot records (Segment, Recording): reads the CBOR map
// that Encode* writes straight into the struct, without building a JSON tree.
// It handles definite-length maps whose keys are known fields with the
// expected type (text, integer, array of text, null); anything else (an
// unknown field, another type) makes it give up, and the caller decodes the
// general way, which keeps unknown fields and reports type errors.
class CborCursor {
 public:
  explicit CborCursor(std::string_view in) : in_(in) {}
  bool done() const { return pos_ == in_.size(); }

  // Reads an item head: major type (0..7) and argument.
  bool Head(int& major, uint64_t& arg) {
    if (pos_ >= in_.size()) return false;
    const auto b = static_cast<uint8_t>(in_[pos_++]);
    major = b >> 5;
    const int info = b & 0x1f;
    if (info < 24) {
      arg = static_cast<uint64_t>(info);
      return true;
    }
    if (info > 27) return false;  // indefinite lengths and reserved values
    const size_t n = size_t{1} << (info - 24);
    if (in_.size() - pos_ < n) return false;
    arg = 0;
    for (size_t i = 0; i < n; ++i) {
      arg = (arg << 8) | static_cast<uint8_t>(in_[pos_++]);
    }
    return true;
  }

  bool PeekNull() const {
    return pos_ < in_.size() && static_cast<uint8_t>(in_[pos_]) == 0xf6;
  }
  void SkipNull() { ++pos_; }

  bool Text(std::string_view& out) {
    int major = 0;
    uint64_t len = 0;
    if (!Head(major, len) || major != 3 || in_.size() - pos_ < len)
      return false;
    out = in_.substr(pos_, len);
    pos_ += len;
    return true;
  }
  bool Text(std::string& out) {
    std::string_view v;
    if (!Text(v)) return false;
    out.assign(v);
    return true;
  }
  template <typename T>
  bool Int(T& out) {
    int major = 0;
    uint64_t v = 0;
    if (!Head(major, v) || v > static_cast<uint64_t>(INT64_MAX)) return false;
    int64_t value;
    if (major == 0) {
      value = static_cast<int64_t>(v);
    } else if (major == 1) {
      value = -1 - static_cast<int64_t>(v);
    } else {
      return false;
    }
    if (value < std::numeric_limits<T>::min() ||
        value > std::numeric_limits<T>::max()) {
      return false;
    }
    out = static_cast<T>(value);
    return true;
  }
  bool TextArray(std::vector<std::string>& out) {
    int major = 0;
    uint64_t n = 0;
    if (!Head(major, n) || major != 4 || n > in_.size()) return false;
    out.clear();
    out.reserve(n);
    for (uint64_t i = 0; i < n; ++i) {
      if (!Text(out.emplace_back())) return false;
    }
    return true;
  }
  // Reads the head of a map; n = number of entries.
  bool Map(uint64_t& n) {
    int major = 0;
    return Head(major, n) && major == 5;
  }

 private:
  std::string_view in_;
  size_t pos_ = 0;
};

// Reads every entry of the top-level map with `field(cursor, key)`, which
// returns false to give up.
template <typename Field>
bool FastDecode(std::string_view cbor, Field field) {
  CborCursor c(cbor);
  uint64_t n = 0;
  if (!c.Map(n)) return false;
  for (uint64_t i = 0; i < n; ++i) {
    std::string_view key;
    if (!c.Text(key)) return false;
    if (key == "v") {
      int version = 0;
      if (!c.Int(version)) return false;
      continue;
    }
    if (!field(c, key)) return false;
  }
  return c.done();
}

std::optional<Segment> FastDecodeSegment(std::string_view cbor) {
  Segment s;
  bool ok = FastDecode(cbor, [&s](CborCursor& c, std::string_view key) {
    if (key == "asset_id") return c.Text(s.asset_id);
    if (key == "start_ms") return c.Int(s.start_ms);
    if (key == "end_ms") return c.Int(s.end_ms);
    if (key == "seq") return c.Int(s.seq);
    if (key == "speaker_name") return c.Text(s.speaker_name);
    if (key == "affiliation") return c.Text(s.affiliation);
    if (key == "language") return c.Text(s.language);
    if (key == "text") return c.Text(s.text);
    if (key == "source") return c.Text(s.source);
    if (key == "kind") {
      std::string_view name;
      if (!c.Text(name)) return false;
      auto kind = ParseSegmentKind(name);
      if (!kind) return false;
      s.kind = *kind;
      return true;
    }
    return false;
  });
  if (!ok) return std::nullopt;
  return s;
}

std::optional<Recording> FastDecodeRecording(std::string_view cbor) {
  Recording r;
  bool ok = FastDecode(cbor, [&r](CborCursor& c, std::string_view key) {
    if (key == "asset_id") return c.Text(r.asset_id);
    if (key == "player_id") return c.Text(r.player_id);
    if (key == "entry_id") return c.Text(r.entry_id);
    if (key == "title") return c.Text(r.title);
    if (key == "body") return c.Text(r.body);
    if (key == "date") return c.Text(r.date);
    if (key == "duration_ms") return c.Int(r.duration_ms);
    if (key == "languages") return c.TextArray(r.languages);
    if (key == "categories") return c.TextArray(r.categories);
    if (key == "related_documents") return c.TextArray(r.related_documents);
    if (key == "meeting_symbol") return c.Text(r.meeting_symbol);
    if (key == "status") return c.Text(r.status);
    if (key == "start_utc_ms") {
      if (c.PeekNull()) {
        c.SkipNull();
        return true;
      }
      int64_t v = 0;
      if (!c.Int(v)) return false;
      r.start_utc_ms = v;
      return true;
    }
    return false;
  });
  if (!ok) return std::nullopt;
  return r;
}

Result<json> DecodeMap(std::string_view cbor, std::string_view what) {
  json j = json::from_cbor(cbor.begin(), cbor.end(), /*strict=*/true,
                           /*allow_exceptions=*/false);
  if (j.is_discarded() || !j.is_object()) {
    return Status::Corruption("stored " + std::string(what) +
                              " is not a CBOR map (" +
                              std::to_string(cbor.size()) + " bytes)");
  }
  return j;
}

std::string ToCbor(const json& j) {
  std::string out;
  json::to_cbor(j, out);
  return out;
}

// Starts a value from the preserved unknown fields, then the version.
json Begin(const json& extra, int version) {
  json j = extra.is_object() ? extra : json::object();
  j["v"] = version;
  return j;
}

template <typename T>
Result<T> Finish(FieldReader& r, T value, std::string_view what) {
  if (!r.status().ok()) return r.status().WithContext(what);
  value.extra = r.TakeRest();
  return value;
}

}  // namespace

std::string_view SegmentKindName(SegmentKind kind) {
  switch (kind) {
    case SegmentKind::kStatement:
      return "statement";
    case SegmentKind::kSentence:
      return "sentence";
    case SegmentKind::kCaption:
      return "caption";
    case SegmentKind::kChapter:
      return "chapter";
    case SegmentKind::kCited:
      return "cited";
  }
  return "unknown";
}

std::optional<SegmentKind> ParseSegmentKind(std::string_view name) {
  for (SegmentKind k : kAllSegmentKinds) {
    if (SegmentKindName(k) == name) return k;
  }
  return std::nullopt;
}

// ---- FetchRecord ----------------------------------------------------------

std::string EncodeFetch(const FetchRecord& r) {
  json j = Begin(r.extra, FetchRecord::kVersion);
  j["url"] = r.url;
  j["status"] = r.status;
  j["final_url"] = r.final_url;
  json hops = json::array();
  for (const auto& h : r.redirects) {
    hops.push_back({{"status", h.status}, {"location", h.location}});
  }
  j["redirects"] = std::move(hops);
  j["etag"] = r.etag;
  j["last_modified"] = r.last_modified;
  j["content_type"] = r.content_type;
  j["content_length"] = r.content_length;
  j["body_hash"] = r.body_hash;
  j["error"] = static_cast<uint64_t>(r.error);
  if (r.error == ErrorClass::kOther) {  // a newer version's code, as it was read
    auto code = j.find("error_code");
    if (code != j.end() && code->is_number_unsigned()) {
      j["error"] = code->get<uint64_t>();
      j.erase("error_code");
    }
  }
  j["fetched_at_ms"] = r.fetched_at_ms;
  j["attempts"] = r.attempts;
  // The fields below were unknown fields (`extra`) before FetchRecord
  // version 2, under the same names; the optional ones are written only when
  // set, as then.
  j["method"] = r.method;
  j["started_ms"] = r.started_ms;
  if (!r.error_message.empty()) j["error_message"] = r.error_message;
  if (!r.retry_after.empty()) j["retry_after"] = r.retry_after;
  if (r.not_modified) j["not_modified"] = true;
  if (r.body_truncated) j["body_truncated"] = true;
  return ToCbor(j);
}

namespace {

// `schema2`: also reads the version 1 field "error_class" (the class's name,
// "" for ok), as databases of schema 2 hold it; only their migration asks.
Result<FetchRecord> DecodeFetchRecord(std::string_view cbor, bool schema2) {
  auto j = DecodeMap(cbor, "fetch record");
  if (!j.ok()) return j.status();
  FieldReader r(std::move(*j));
  FetchRecord f;
  r.Get("url", f.url);
  r.Get("status", f.status);
  r.Get("final_url", f.final_url);
  json hops = json::array();
  r.GetJson("redirects", hops);
  if (!hops.is_array()) r.Fail("redirects", "not an array");
  for (const auto& h : hops) {
    try {
      f.redirects.push_back({h.value("status", 0), h.value("location", "")});
    } catch (const json::exception& e) {
      r.Fail("redirects", e.what());
    }
  }
  r.Get("etag", f.etag);
  r.Get("last_modified", f.last_modified);
  r.Get("content_type", f.content_type);
  r.Get("content_length", f.content_length);
  r.Get("body_hash", f.body_hash);
  std::optional<uint64_t> code;
  r.GetOptional("error", code);
  if (code) {
    if (auto c = ErrorClassFromCode(*code)) {
      f.error = *c;
    } else {
      f.error = ErrorClass::kOther;  // a newer version's class
    }
  } else {
    std::string name;
    r.Get("error_class", name);
    if (!schema2 && !name.empty()) {
      r.Fail("error_class", "a schema 2 field (open the database read-write once to migrate it)");
    } else if (!name.empty()) {
      auto c = ParseErrorClass(name);
      if (!c) r.Fail("error_class", "unknown error class '" + name + "'");
      f.error = c.value_or(ErrorClass::kOther);
    }
  }
  r.Get("fetched_at_ms", f.fetched_at_ms);
  r.Get("attempts", f.attempts);
  r.Get("method", f.method);
  r.Get("started_ms", f.started_ms);
  r.Get("error_message", f.error_message);
  r.Get("retry_after", f.retry_after);
  r.Get("not_modified", f.not_modified);
  r.Get("body_truncated", f.body_truncated);
  auto out = Finish(r, std::move(f), "fetch record");
  // Keep a code this version does not know, so that writing the record back
  // loses nothing.
  if (out.ok() && code && out->error == ErrorClass::kOther) out->extra["error_code"] = *code;
  return out;
}

}  // namespace

Result<FetchRecord> DecodeFetch(std::string_view cbor) { return DecodeFetchRecord(cbor, false); }

Result<FetchRecord> DecodeFetchSchema2(std::string_view cbor) { return DecodeFetchRecord(cbor, true); }

// ---- FrontierEntry --------------------------------------------------------

std::string EncodeFrontier(const FrontierEntry& r) {
  json j = Begin(r.extra, FrontierEntry::kVersion);
  j["due_ms"] = r.due_ms;
  j["host"] = r.host;
  j["url"] = r.url;
  j["task"] = r.task;
  return ToCbor(j);
}

Result<FrontierEntry> DecodeFrontier(std::string_view cbor) {
  auto j = DecodeMap(cbor, "frontier entry");
  if (!j.ok()) return j.status();
  FieldReader r(std::move(*j));
  FrontierEntry e;
  r.Get("due_ms", e.due_ms);
  r.Get("host", e.host);
  r.Get("url", e.url);
  r.GetJson("task", e.task);
  return Finish(r, std::move(e), "frontier entry");
}

// ---- Recording ------------------------------------------------------------

std::string EncodeRecording(const Recording& r) {
  json j = Begin(r.extra, Recording::kVersion);
  j["asset_id"] = r.asset_id;
  j["player_id"] = r.player_id;
  j["entry_id"] = r.entry_id;
  j["title"] = r.title;
  j["body"] = r.body;
  j["date"] = r.date;
  j["start_utc_ms"] = r.start_utc_ms ? json(*r.start_utc_ms) : json(nullptr);
  j["duration_ms"] = r.duration_ms;
  j["languages"] = r.languages;
  j["categories"] = r.categories;
  j["related_documents"] = r.related_documents;
  j["meeting_symbol"] = r.meeting_symbol;
  j["status"] = r.status;
  return ToCbor(j);
}

Result<Recording> DecodeRecording(std::string_view cbor) {
  if (auto fast = FastDecodeRecording(cbor)) return std::move(*fast);
  auto j = DecodeMap(cbor, "recording");
  if (!j.ok()) return j.status();
  FieldReader r(std::move(*j));
  Recording x;
  r.Get("asset_id", x.asset_id);
  r.Get("player_id", x.player_id);
  r.Get("entry_id", x.entry_id);
  r.Get("title", x.title);
  r.Get("body", x.body);
  r.Get("date", x.date);
  r.GetOptional("start_utc_ms", x.start_utc_ms);
  r.Get("duration_ms", x.duration_ms);
  r.Get("languages", x.languages);
  r.Get("categories", x.categories);
  r.Get("related_documents", x.related_documents);
  r.Get("meeting_symbol", x.meeting_symbol);
  r.Get("status", x.status);
  return Finish(r, std::move(x), "recording");
}

// ---- Segment --------------------------------------------------------------

std::string EncodeSegment(const Segment& r) {
  json j = Begin(r.extra, Segment::kVersion);
  j["asset_id"] = r.asset_id;
  j["start_ms"] = r.start_ms;
  j["end_ms"] = r.end_ms;
  j["kind"] = SegmentKindName(r.kind);
  j["seq"] = r.seq;
  j["speaker_name"] = r.speaker_name;
  j["affiliation"] = r.affiliation;
  j["language"] = r.language;
  j["text"] = r.text;
  j["source"] = r.source;
  return ToCbor(j);
}

Result<Segment> DecodeSegment(std::string_view cbor) {
  if (auto fast = FastDecodeSegment(cbor)) return std::move(*fast);
  auto j = DecodeMap(cbor, "segment");
  if (!j.ok()) return j.status();
  FieldReader r(std::move(*j));
  Segment s;
  std::string kind = "statement";
  r.Get("asset_id", s.asset_id);
  r.Get("start_ms", s.start_ms);
  r.Get("end_ms", s.end_ms);
  r.Get("kind", kind);
  if (auto k = ParseSegmentKind(kind)) {
    s.kind = *k;
  } else {
    r.Fail("kind", "unknown segment kind '" + kind + "'");
  }
  r.Get("seq", s.seq);
  r.Get("speaker_name", s.speaker_name);
  r.Get("affiliation", s.affiliation);
  r.Get("language", s.language);
  r.Get("text", s.text);
  r.Get("source", s.source);
  return Finish(r, std::move(s), "segment");
}

// ---- Document, SymbolRecord -------------------------------------------------

std::string EncodeDocument(const Document& r) {
  json j = Begin(r.extra, Document::kVersion);
  j["url"] = r.url;
  j["symbol"] = r.symbol;
  j["title"] = r.title;
  j["language"] = r.language;
  j["date"] = r.date;
  j["related_assets"] = r.related_assets;
  return ToCbor(j);
}

Result<Document> DecodeDocument(std::string_view cbor) {
  auto j = DecodeMap(cbor, "document");
  if (!j.ok()) return j.status();
  FieldReader r(std::move(*j));
  Document d;
  r.Get("url", d.url);
  r.Get("symbol", d.symbol);
  r.Get("title", d.title);
  r.Get("language", d.language);
  r.Get("date", d.date);
  r.Get("related_assets", d.related_assets);
  return Finish(r, std::move(d), "document");
}

std::string EncodeSymbol(const SymbolRecord& r) {
  json j = Begin(r.extra, SymbolRecord::kVersion);
  j["symbol"] = r.symbol;
  j["urls"] = r.urls;
  return ToCbor(j);
}

Result<SymbolRecord> DecodeSymbol(std::string_view cbor) {
  auto j = DecodeMap(cbor, "symbol");
  if (!j.ok()) return j.status();
  FieldReader r(std::move(*j));
  SymbolRecord s;
  r.Get("symbol", s.symbol);
  r.Get("urls", s.urls);
  return Finish(r, std::move(s), "symbol");
}

// ---- CitationRecord -------------------------------------------------------

std::string EncodeCitation(const CitationRecord& r) {
  json j = Begin(r.extra, CitationRecord::kVersion);
  j["source"] = r.source;
  j["footnote"] = r.footnote;
  j["seq"] = r.seq;
  j["line"] = r.line;
  j["column"] = r.column;
  j["url_written"] = r.url_written;
  j["url_canonical"] = r.url_canonical;
  j["timecode_ms"] = r.timecode_ms ? json(*r.timecode_ms) : json(nullptr);
  j["verdict"] = r.verdict;
  j["findings"] = r.findings;
  j["checked_at_ms"] = r.checked_at_ms;
  return ToCbor(j);
}

Result<CitationRecord> DecodeCitation(std::string_view cbor) {
  auto j = DecodeMap(cbor, "citation");
  if (!j.ok()) return j.status();
  FieldReader r(std::move(*j));
  CitationRecord c;
  r.Get("source", c.source);
  r.Get("footnote", c.footnote);
  r.Get("seq", c.seq);
  r.Get("line", c.line);
  r.Get("column", c.column);
  r.Get("url_written", c.url_written);
  r.Get("url_canonical", c.url_canonical);
  r.GetOptional("timecode_ms", c.timecode_ms);
  r.Get("verdict", c.verdict);
  r.GetJson("findings", c.findings);
  r.Get("checked_at_ms", c.checked_at_ms);
  return Finish(r, std::move(c), "citation");
}

Result<nlohmann::json> CborToJson(std::string_view cbor) {
  json j = json::from_cbor(cbor.begin(), cbor.end(), /*strict=*/true,
                           /*allow_exceptions=*/false);
  if (j.is_discarded()) {
    return Status::Corruption("stored value is not CBOR (" +
                              std::to_string(cbor.size()) + " bytes)");
  }
  return j;
}

}  // namespace timecite::store
