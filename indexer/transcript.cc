#include "indexer/transcript.h"

#include <algorithm>
#include <cmath>

#include <nlohmann/json.hpp>

#include "common/symbol.h"
#include "indexer/fields.h"

namespace timecite::indexer {
namespace {

using Json = nlohmann::json;

constexpr std::size_t kMaxTranscriptBytes = 64u << 20;
constexpr double kMaxSeconds = 1e7;

const Json& Member(const Json& object, const char* key) {
  static const Json kNull;
  if (!object.is_object()) return kNull;
  auto it = object.find(key);
  return it == object.end() ? kNull : *it;
}

std::string Str(const Json& object, const char* key) {
  const Json& v = Member(object, key);
  return v.is_string() ? v.get<std::string>() : std::string();
}

// Seconds (number) -> ms. nullopt when absent/null; Status for bad values.
Result<std::optional<int64_t>> Seconds(const Json& object, const char* key,
                                       const std::string& where) {
  const Json& v = Member(object, key);
  if (v.is_null()) return std::optional<int64_t>();
  if (!v.is_number()) return Status::InvalidArgument(where + ": `" + key + "` is not a number");
  const double s = v.get<double>();
  if (!std::isfinite(s) || s < 0 || s > kMaxSeconds) {
    return Status::InvalidArgument(where + ": `" + key + "` out of range: " + v.dump());
  }
  return std::optional<int64_t>(std::llround(s * 1000));
}

struct Speaker {
  std::string name, affiliation, function;
};

Speaker ReadSpeaker(const Json& statement) {
  const Json& speaker = Member(statement, "speaker");
  return {Str(speaker, "name"), Str(speaker, "affiliation"), Str(speaker, "function")};
}

void ReadVideo(const Json& video, Transcript* out) {
  const std::string id = Str(video, "id");  // "k1a/k1abcd1234"
  const std::string last = id.substr(id.rfind('/') + 1);
  if (IsAssetId(last)) {
    out->asset_id = last;
  } else if (auto from_url = AssetIdFromUrl(Str(video, "url"))) {
    out->asset_id = *from_url;
  }
  out->kaltura_id = Str(video, "kaltura_id");
  out->title = Str(video, "title");
  const std::string date = Str(video, "date");
  if (auto ms = ParseIsoTimeMs(date)) {
    out->date = UtcDate(*ms);
  } else if (date.size() >= 10) {
    out->date = date.substr(0, 10);
  }
  out->duration_ms = ParseClockMs(Str(video, "duration"));
  out->body = Str(video, "body");
  const std::string pv = Str(video, "pv_symbol");
  if (!pv.empty()) out->pv_symbol = symbol::Normalize(pv);
}

// Reads one statement's sentences into `out`; returns the latest sentence end.
Result<int64_t> ReadSentences(const Json& statement, std::size_t index, const Speaker& speaker,
                              const std::string& language, std::vector<ParsedSegment>* out) {
  int64_t latest = 0;
  const Json& paragraphs = Member(statement, "paragraphs");
  if (!paragraphs.is_array()) return latest;
  std::size_t n = 0;
  for (const Json& paragraph : paragraphs) {
    const Json& sentences = Member(paragraph, "sentences");
    if (!sentences.is_array()) continue;
    for (const Json& sentence : sentences) {
      const std::string where =
          "statement " + std::to_string(index + 1) + " sentence " + std::to_string(++n);
      auto start = Seconds(sentence, "start", where);
      if (!start.ok()) return start.status();
      auto end = Seconds(sentence, "end", where);
      if (!end.ok()) return end.status();
      if (!start->has_value()) continue;  // a sentence without a time cannot be placed
      ParsedSegment seg;
      seg.kind = SegmentKind::kSentence;
      seg.start_ms = **start;
      seg.end_ms = std::max(seg.start_ms, end->value_or(seg.start_ms));
      seg.speaker_name = speaker.name;
      seg.affiliation = speaker.affiliation;
      seg.function = speaker.function;
      seg.language = language;
      seg.text = Str(sentence, "text");
      latest = std::max(latest, seg.end_ms);
      out->push_back(std::move(seg));
    }
  }
  return latest;
}

}  // namespace

Result<Transcript> ParseTranscript(std::string_view text,
                                   std::optional<int64_t> recording_end_ms) {
  if (text.size() > kMaxTranscriptBytes) {
    return Status::InvalidArgument("transcript JSON larger than 64 MiB");
  }
  const Json root = Json::parse(text.begin(), text.end(), nullptr, /*allow_exceptions=*/false);
  if (root.is_discarded()) return Status::InvalidArgument("transcript is not valid JSON");
  if (!root.is_object()) return Status::InvalidArgument("transcript JSON is not an object");

  Transcript out;
  ReadVideo(Member(root, "video"), &out);
  const Json& transcript = Member(root, "transcript");
  out.language = Str(transcript, "language");
  const Json& data = Member(transcript, "data");
  if (!data.is_array()) return out;

  int64_t last_sentence_end = 0;
  for (std::size_t i = 0; i < data.size(); ++i) {
    const Json& statement = data[i];
    const std::string where = "statement " + std::to_string(i + 1);
    auto start = Seconds(statement, "start", where);
    if (!start.ok()) return start.status();
    const Speaker speaker = ReadSpeaker(statement);
    auto latest = ReadSentences(statement, i, speaker, out.language, &out.sentences);
    if (!latest.ok()) return latest.status();
    last_sentence_end = std::max(last_sentence_end, *latest);
    if (!start->has_value()) continue;
    ParsedSegment seg;
    seg.kind = SegmentKind::kStatement;
    seg.start_ms = **start;
    seg.speaker_name = speaker.name;
    seg.affiliation = speaker.affiliation;
    seg.function = speaker.function;
    seg.language = out.language;
    out.statements.push_back(std::move(seg));
  }
  std::stable_sort(out.statements.begin(), out.statements.end(),
                   [](const ParsedSegment& a, const ParsedSegment& b) {
                     return a.start_ms < b.start_ms;
                   });
  const int64_t recording_end =
      recording_end_ms.value_or(out.duration_ms.value_or(last_sentence_end));
  for (std::size_t i = 0; i < out.statements.size(); ++i) {
    ParsedSegment& seg = out.statements[i];
    const int64_t next =
        i + 1 < out.statements.size() ? out.statements[i + 1].start_ms : recording_end;
    seg.end_ms = std::max(seg.start_ms, next);
  }
  return out;
}

}  // namespace timecite::indexer
