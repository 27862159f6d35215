#include "indexer/captions.h"

#include <optional>
#include <string>

#include "common/utf8.h"
#include "indexer/html.h"

namespace timecite::indexer {
namespace {

constexpr std::size_t kMaxCaptionBytes = 32u << 20;
constexpr std::string_view kBom = "\xEF\xBB\xBF";

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

struct Line {
  std::string_view text;
  std::size_t number;  // 1-based
};

std::vector<Line> SplitLines(std::string_view text) {
  std::vector<Line> lines;
  std::size_t start = 0;
  std::size_t number = 1;
  for (std::size_t i = 0; i <= text.size(); ++i) {
    if (i == text.size() || text[i] == '\n' || text[i] == '\r') {
      lines.push_back({text.substr(start, i - start), number++});
      if (i + 1 < text.size() && text[i] == '\r' && text[i + 1] == '\n') ++i;
      start = i + 1;
    }
  }
  return lines;
}

bool IsBlank(std::string_view s) {
  return s.find_first_not_of(" \t") == std::string_view::npos;
}

// "[HH:]MM:SS.mmm" (WebVTT, hours optional, any number of hour digits) or
// "HH:MM:SS,mmm" (SRT; '.' accepted too) -> ms.
std::optional<int64_t> ParseTimestamp(std::string_view t) {
  int64_t fields[3] = {0, 0, 0};
  int count = 0;
  std::size_t i = 0;
  while (true) {
    if (count == 3) return std::nullopt;
    const std::size_t start = i;
    int64_t v = 0;
    while (i < t.size() && IsDigit(t[i]) && i - start < 9) v = v * 10 + (t[i++] - '0');
    if (i == start) return std::nullopt;
    fields[count++] = v;
    if (i < t.size() && t[i] == ':') {
      ++i;
      continue;
    }
    break;
  }
  if (count < 2 || i >= t.size() || (t[i] != '.' && t[i] != ',')) return std::nullopt;
  ++i;
  if (i + 3 != t.size() || !IsDigit(t[i]) || !IsDigit(t[i + 1]) || !IsDigit(t[i + 2])) {
    return std::nullopt;
  }
  const int64_t ms = (t[i] - '0') * 100 + (t[i + 1] - '0') * 10 + (t[i + 2] - '0');
  const int64_t h = count == 3 ? fields[0] : 0;
  const int64_t m = fields[count - 2];
  const int64_t s = fields[count - 1];
  if (m > 59 || s > 59) return std::nullopt;
  return ((h * 60 + m) * 60 + s) * 1000 + ms;
}

// "00:01.000 --> 00:04.000 line:0" -> {start, end}.
std::optional<std::pair<int64_t, int64_t>> ParseTiming(std::string_view line) {
  const std::size_t arrow = line.find("-->");
  if (arrow == std::string_view::npos) return std::nullopt;
  auto trim = [](std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
    return s;
  };
  std::string_view left = trim(line.substr(0, arrow));
  std::string_view right = trim(line.substr(arrow + 3));
  right = right.substr(0, right.find_first_of(" \t"));  // drop cue settings
  auto start = ParseTimestamp(left);
  auto end = ParseTimestamp(right);
  if (!start || !end) return std::nullopt;
  return std::make_pair(*start, *end);
}

void DecodeEntities(std::string_view in, std::string* out) {
  static constexpr std::pair<std::string_view, std::string_view> kEntities[] = {
      {"&amp;", "&"},  {"&lt;", "<"},          {"&gt;", ">"},          {"&quot;", "\""},
      {"&nbsp;", " "}, {"&lrm;", "\u200E"},    {"&rlm;", "\u200F"},    {"&apos;", "'"}};
  for (std::size_t i = 0; i < in.size(); ++i) {
    bool replaced = false;
    if (in[i] == '&') {
      for (const auto& [name, value] : kEntities) {
        if (in.substr(i, name.size()) == name) {
          out->append(value);
          i += name.size() - 1;
          replaced = true;
          break;
        }
      }
    }
    if (!replaced) out->push_back(in[i]);
  }
}

// Removes <tags> and {\overrides}; a <v Name> voice tag yields the speaker.
std::string StripMarkup(std::string_view line, std::string* speaker) {
  std::string plain;
  std::size_t i = 0;
  while (i < line.size()) {
    if (line[i] == '<') {
      const std::size_t close = line.find('>', i);
      if (close == std::string_view::npos) break;
      std::string_view tag = line.substr(i + 1, close - i - 1);
      if (speaker != nullptr && tag.size() > 2 && tag[0] == 'v' &&
          (tag[1] == ' ' || tag[1] == '.')) {
        const std::size_t space = tag.find(' ');
        if (space != std::string_view::npos) {
          std::string name;
          DecodeEntities(tag.substr(space + 1), &name);
          *speaker = CollapseWhitespace(name);
        }
      }
      i = close + 1;
      continue;
    }
    if (line[i] == '{' && i + 1 < line.size() && line[i + 1] == '\\') {
      const std::size_t close = line.find('}', i);
      if (close == std::string_view::npos) break;
      i = close + 1;
      continue;
    }
    const std::size_t next = line.find_first_of("<{", i + 1);
    const std::size_t stop = next == std::string_view::npos ? line.size() : next;
    DecodeEntities(line.substr(i, stop - i), &plain);
    i = stop;
  }
  return plain;
}

Status CheckInput(std::string_view text) {
  if (text.size() > kMaxCaptionBytes) {
    return Status::InvalidArgument("caption file larger than 32 MiB");
  }
  if (const std::size_t bad = utf8::FindInvalid(text); bad != std::string_view::npos) {
    return Status::InvalidArgument("caption file is not UTF-8 (byte " + std::to_string(bad) +
                                   ")");
  }
  return Status::Ok();
}

// Reads the cues of `lines` from `first`; `allow_notes` for WebVTT.
Result<std::vector<ParsedSegment>> ReadCues(const std::vector<Line>& lines, std::size_t first,
                                            std::string_view format, bool webvtt,
                                            std::string_view language) {
  std::vector<ParsedSegment> out;
  std::size_t i = first;
  while (i < lines.size()) {
    while (i < lines.size() && IsBlank(lines[i].text)) ++i;
    const std::size_t block = i;
    while (i < lines.size() && !IsBlank(lines[i].text)) ++i;
    if (block == i) break;
    const std::string_view head = lines[block].text;
    if (webvtt && (head.starts_with("NOTE") || head.starts_with("STYLE") ||
                   head.starts_with("REGION"))) {
      continue;
    }
    std::size_t timing = block;
    if (lines[timing].text.find("-->") == std::string_view::npos) ++timing;  // cue id/index
    if (timing >= i || lines[timing].text.find("-->") == std::string_view::npos) {
      if (webvtt) continue;  // not a cue; WebVTT parsers ignore it
      return Status::InvalidArgument(std::string(format) + " line " +
                                     std::to_string(lines[block].number) +
                                     ": expected a cue timing line");
    }
    auto times = ParseTiming(lines[timing].text);
    if (!times || times->second < times->first) {
      return Status::InvalidArgument(std::string(format) + " line " +
                                     std::to_string(lines[timing].number) +
                                     ": bad cue timing: " + std::string(lines[timing].text));
    }
    ParsedSegment seg;
    seg.kind = SegmentKind::kCaption;
    seg.start_ms = times->first;
    seg.end_ms = times->second;
    seg.language = language;
    std::string text;
    for (std::size_t k = timing + 1; k < i; ++k) {
      if (!text.empty()) text += ' ';
      text += StripMarkup(lines[k].text, webvtt ? &seg.speaker_name : nullptr);
    }
    seg.text = CollapseWhitespace(text);
    out.push_back(std::move(seg));
  }
  return out;
}

std::string_view WithoutBom(std::string_view text) {
  if (text.starts_with(kBom)) text.remove_prefix(kBom.size());
  return text;
}

}  // namespace

Result<std::vector<ParsedSegment>> ParseWebVtt(std::string_view text,
                                               std::string_view language) {
  if (Status s = CheckInput(text); !s.ok()) return s;
  text = WithoutBom(text);
  const std::vector<Line> lines = SplitLines(text);
  const std::string_view header = lines.front().text;
  if (!header.starts_with("WEBVTT") ||
      (header.size() > 6 && header[6] != ' ' && header[6] != '\t')) {
    return Status::InvalidArgument("WebVTT line 1: missing the WEBVTT header");
  }
  // The header block runs to the first blank line.
  std::size_t first = 1;
  while (first < lines.size() && !IsBlank(lines[first].text)) ++first;
  return ReadCues(lines, first, "WebVTT", /*webvtt=*/true, language);
}

Result<std::vector<ParsedSegment>> ParseSrt(std::string_view text, std::string_view language) {
  if (Status s = CheckInput(text); !s.ok()) return s;
  return ReadCues(SplitLines(WithoutBom(text)), 0, "SRT", /*webvtt=*/false, language);
}

Result<std::vector<ParsedSegment>> ParseCaptions(std::string_view text,
                                                 std::string_view language) {
  if (WithoutBom(text).starts_with("WEBVTT")) return ParseWebVtt(text, language);
  return ParseSrt(text, language);
}

}  // namespace timecite::indexer
