#include "store/keys.h"

namespace timecite::store::keys {
namespace {

Status BadKey(std::string_view what, std::string_view key) {
  return Status::Corruption("malformed " + std::string(what) + " key (" +
                            std::to_string(key.size()) + " bytes)");
}

void AppendPart(std::string& out, std::string_view part) {
  out.append(part);
  out.push_back(kSep);
}

}  // namespace

void AppendU32(std::string& out, uint32_t v) {
  for (int shift = 24; shift >= 0; shift -= 8) {
    out.push_back(static_cast<char>((v >> shift) & 0xff));
  }
}

void AppendU64(std::string& out, uint64_t v) {
  for (int shift = 56; shift >= 0; shift -= 8) {
    out.push_back(static_cast<char>((v >> shift) & 0xff));
  }
}

uint32_t ReadU32(std::string_view in) {
  uint32_t v = 0;
  for (int i = 0; i < 4; ++i) v = (v << 8) | static_cast<uint8_t>(in[i]);
  return v;
}

uint64_t ReadU64(std::string_view in) {
  uint64_t v = 0;
  for (int i = 0; i < 8; ++i) v = (v << 8) | static_cast<uint8_t>(in[i]);
  return v;
}

bool ValidPart(std::string_view text) {
  return text.find(kSep) == std::string_view::npos;
}

std::string PrefixEnd(std::string_view prefix) {
  std::string end(prefix);
  while (!end.empty()) {
    auto& c = reinterpret_cast<unsigned char&>(end.back());
    if (c != 0xff) {
      ++c;
      return end;
    }
    end.pop_back();
  }
  return end;
}

std::vector<std::string_view> Split(std::string_view key, size_t max_parts) {
  std::vector<std::string_view> parts;
  while (parts.size() + 1 < max_parts) {
    size_t pos = key.find(kSep);
    if (pos == std::string_view::npos) break;
    parts.push_back(key.substr(0, pos));
    key.remove_prefix(pos + 1);
  }
  parts.push_back(key);
  return parts;
}

std::string FetchLogPrefix(std::string_view url) {
  std::string k;
  AppendPart(k, url);
  return k;
}

std::string FetchLogKey(std::string_view url, int64_t time_ms) {
  std::string k = FetchLogPrefix(url);
  AppendU64(k, static_cast<uint64_t>(time_ms));
  return k;
}

Result<FetchLogKeyParts> DecodeFetchLogKey(std::string_view key) {
  if (key.size() < 9 || key[key.size() - 9] != kSep) {
    return BadKey("fetch_log", key);
  }
  FetchLogKeyParts p;
  p.url = std::string(key.substr(0, key.size() - 9));
  p.time_ms = static_cast<int64_t>(ReadU64(key.substr(key.size() - 8)));
  return p;
}

std::string FrontierKey(int64_t due_ms, std::string_view host,
                        std::string_view url) {
  std::string k;
  AppendU64(k, static_cast<uint64_t>(due_ms));
  AppendPart(k, host);
  k.append(url);
  return k;
}

Result<FrontierKeyParts> DecodeFrontierKey(std::string_view key) {
  if (key.size() < 9) return BadKey("frontier", key);
  FrontierKeyParts p;
  p.due_ms = static_cast<int64_t>(ReadU64(key));
  auto parts = Split(key.substr(8), 2);
  if (parts.size() != 2) return BadKey("frontier", key);
  p.host = std::string(parts[0]);
  p.url = std::string(parts[1]);
  return p;
}

std::string SegmentPrefix(std::string_view asset_id) {
  std::string k;
  AppendPart(k, asset_id);
  return k;
}

std::string SegmentKindPrefix(std::string_view asset_id, SegmentKind kind) {
  std::string k = SegmentPrefix(asset_id);
  k.push_back(static_cast<char>(kind));
  return k;
}

std::string SegmentKey(std::string_view asset_id, SegmentKind kind,
                       int64_t start_ms, uint32_t seq) {
  std::string k = SegmentKindPrefix(asset_id, kind);
  AppendU64(k, static_cast<uint64_t>(start_ms));
  AppendU32(k, seq);
  return k;
}

std::string SegmentSummaryKey(std::string_view asset_id) {
  std::string k = SegmentPrefix(asset_id);
  k.push_back('\0');
  return k;
}

bool IsSegmentSummaryKey(std::string_view key) {
  return key.size() >= 2 && key.find(kSep) == key.size() - 2 &&
         key.back() == kSep;
}

Result<SegmentKeyParts> DecodeSegmentKey(std::string_view key) {
  // asset 0x00 kind(1) start(8) seq(4)
  constexpr size_t kTail = 1 + 8 + 4;
  if (key.size() < kTail + 1 || key[key.size() - kTail - 1] != kSep) {
    return BadKey("segment", key);
  }
  std::string_view tail = key.substr(key.size() - kTail);
  auto kind = static_cast<SegmentKind>(static_cast<uint8_t>(tail[0]));
  if (SegmentKindName(kind) == "unknown") return BadKey("segment", key);
  SegmentKeyParts p;
  p.asset_id = std::string(key.substr(0, key.size() - kTail - 1));
  p.kind = kind;
  p.start_ms = static_cast<int64_t>(ReadU64(tail.substr(1)));
  p.seq = ReadU32(tail.substr(9));
  return p;
}

std::string CitationPrefix(std::string_view source) {
  std::string k;
  AppendPart(k, source);
  return k;
}

std::string CitationKey(std::string_view source, int footnote, int seq) {
  std::string k = CitationPrefix(source);
  AppendU32(k, static_cast<uint32_t>(footnote));
  AppendU32(k, static_cast<uint32_t>(seq));
  return k;
}

Result<CitationKeyParts> DecodeCitationKey(std::string_view key) {
  if (key.size() < 9 || key[key.size() - 9] != kSep) {
    return BadKey("citation", key);
  }
  CitationKeyParts p;
  p.source = std::string(key.substr(0, key.size() - 9));
  p.footnote = static_cast<int>(ReadU32(key.substr(key.size() - 8)));
  p.seq = static_cast<int>(ReadU32(key.substr(key.size() - 4)));
  return p;
}

std::string RecordingByDateKey(std::string_view date,
                               std::string_view asset_id) {
  std::string k;
  AppendPart(k, date);
  k.append(asset_id);
  return k;
}

std::string RecordingByBodyKey(std::string_view body, std::string_view date,
                               std::string_view asset_id) {
  std::string k;
  AppendPart(k, body);
  AppendPart(k, date);
  k.append(asset_id);
  return k;
}

std::string SegmentByAffiliationKey(std::string_view iso3,
                                    std::string_view segment_key) {
  std::string k;
  AppendPart(k, iso3);
  k.append(segment_key);
  return k;
}

}  // namespace timecite::store::keys
