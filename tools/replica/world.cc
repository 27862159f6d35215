#include "tools/replica/world.h"

#include <nlohmann/json.hpp>

#include "common/file.h"

namespace timecite::replica {
namespace {

using nlohmann::json;

template <typename T>
void Get(const json& j, const char* key, T& out) {
  if (auto it = j.find(key); it != j.end() && !it->is_null()) out = it->get<T>();
}

Speaker ParseSpeaker(const json& j) {
  Speaker s;
  Get(j, "name", s.name);
  Get(j, "affiliation", s.affiliation);
  Get(j, "affiliation_full", s.affiliation_full);
  Get(j, "function", s.function);
  Get(j, "group", s.group);
  return s;
}

Statement ParseStatement(const json& j) {
  Statement st;
  Get(j, "start", st.start);
  if (j.contains("speaker")) st.speaker = ParseSpeaker(j.at("speaker"));
  for (const json& s : j.value("sentences", json::array())) {
    Sentence sentence;
    Get(s, "text", sentence.text);
    Get(s, "start", sentence.start);
    Get(s, "end", sentence.end);
    st.sentences.push_back(std::move(sentence));
  }
  return st;
}

Recording ParseRecording(const json& j) {
  Recording r;
  Get(j, "asset_id", r.asset_id);
  Get(j, "player_id", r.player_id);
  Get(j, "entry_id", r.entry_id);
  Get(j, "title", r.title);
  Get(j, "body", r.body);
  Get(j, "date", r.date);
  Get(j, "start_time", r.start_time);
  Get(j, "duration_ms", r.duration_ms);
  Get(j, "languages", r.languages);
  Get(j, "categories", r.categories);
  Get(j, "topics", r.topics);
  Get(j, "corporate_names", r.corporate_names);
  Get(j, "summary", r.summary);
  Get(j, "description", r.description);
  for (const json& l : j.value("related", json::array())) {
    r.related.push_back({l.value("title", ""), l.value("url", "")});
  }
  Get(j, "pv_symbol", r.pv_symbol);
  Get(j, "status", r.status);
  Get(j, "created_at", r.created_at);
  if (j.contains("kaltura_error")) {
    Get(j.at("kaltura_error"), "code", r.kaltura_error_code);
    Get(j.at("kaltura_error"), "message", r.kaltura_error_message);
  }
  if (j.contains("transcript")) {
    const json& t = j.at("transcript");
    Get(t, "language", r.transcript_language);
    for (const json& s : t.value("statements", json::array())) {
      r.statements.push_back(ParseStatement(s));
    }
  }
  if (r.player_id.empty()) r.player_id = PlayerIdOf(r.asset_id);
  if (r.entry_id.empty()) r.entry_id = r.player_id;
  return r;
}

Fault ParseFault(const json& j) {
  Fault f;
  Get(j, "url", f.url);
  Get(j, "times", f.times);
  Get(j, "method", f.method);
  Get(j, "status", f.status);
  Get(j, "headers", f.headers);
  Get(j, "retry_after", f.retry_after);
  Get(j, "retry_after_date_in_s", f.retry_after_date_in_s);
  Get(j, "delay_ms", f.delay_ms);
  Get(j, "chunk_delay_ms", f.chunk_delay_ms);
  Get(j, "chunks", f.chunks);
  Get(j, "reset", f.reset);
  Get(j, "redirect", f.redirect);
  Get(j, "redirect_status", f.redirect_status);
  Get(j, "cookie", f.cookie);
  Get(j, "truncate_at", f.truncate_at);
  Get(j, "body_bytes", f.body_bytes);
  Get(j, "chunked", f.chunked);
  Get(j, "gzip_bomb_bytes", f.gzip_bomb_bytes);
  Get(j, "content_type", f.content_type);
  Get(j, "soft_404", f.soft_404);
  Get(j, "bot_challenge", f.bot_challenge);
  if (j.contains("body")) f.body = j.at("body").get<std::string>();
  if (f.chunks < 1) f.chunks = 1;
  return f;
}

World ParseWorldJson(const json& root) {
  World w;
  for (const json& r : root.value("recordings", json::array())) {
    w.recordings.push_back(ParseRecording(r));
  }
  for (const json& d : root.value("schedule", json::array())) {
    ScheduleDay day;
    Get(d, "date", day.date);
    for (const json& i : d.value("items", json::array())) {
      ScheduleItem item;
      Get(i, "asset_id", item.asset_id);
      Get(i, "start", item.start);
      Get(i, "live", item.live);
      Get(i, "note", item.note);
      day.items.push_back(std::move(item));
    }
    w.schedule.push_back(std::move(day));
  }
  for (const json& d : root.value("documents", json::array())) {
    Document doc;
    Get(d, "symbol", doc.symbol);
    Get(d, "url", doc.url);
    Get(d, "title", doc.title);
    Get(d, "content_type", doc.content_type);
    Get(d, "body", doc.body);
    w.documents.push_back(std::move(doc));
  }
  for (const json& s : root.value("snapshots", json::array())) {
    w.snapshots.push_back({s.value("url", ""), s.value("timestamp", "")});
  }
  Get(root, "robots", w.robots);
  for (const json& p : root.value("pages", json::array())) {
    Page page;
    Get(p, "url", page.url);
    Get(p, "status", page.status);
    Get(p, "content_type", page.content_type);
    Get(p, "body", page.body);
    Get(p, "headers", page.headers);
    w.pages.push_back(std::move(page));
  }
  for (const json& s : root.value("synthetic", json::array())) {
    Synthetic syn;
    Get(s, "host", syn.host);
    Get(s, "path_prefix", syn.path_prefix);
    Get(s, "count", syn.count);
    Get(s, "bytes", syn.bytes);
    w.synthetic.push_back(std::move(syn));
  }
  for (const json& f : root.value("faults", json::array())) {
    w.faults.push_back(ParseFault(f));
  }
  for (const json& n : root.value("not_found", json::array())) {
    NotFoundAnswer a;
    Get(n, "prefix", a.prefix);
    Get(n, "status", a.status);
    Get(n, "content_type", a.content_type);
    Get(n, "body", a.body);
    Get(n, "redirect", a.redirect);
    if (!a.redirect.empty() && !n.contains("status")) a.status = 302;
    w.not_found.push_back(std::move(a));
  }
  return w;
}

}  // namespace

std::string PlayerIdOf(std::string_view asset_id) {
  if (asset_id.size() != 10 || asset_id[0] != 'k') return {};
  return std::string(1, asset_id[1]) + "_" + std::string(asset_id.substr(2));
}

const Recording* World::FindAsset(std::string_view asset_id) const {
  for (const Recording& r : recordings) {
    if (r.asset_id == asset_id) return &r;
  }
  return nullptr;
}

const Recording* World::FindEntry(std::string_view entry_id) const {
  for (const Recording& r : recordings) {
    if (r.player_id == entry_id || r.entry_id == entry_id) return &r;
  }
  return nullptr;
}

Result<World> ParseWorld(std::string_view json_text) {
  json root = json::parse(json_text, nullptr, /*allow_exceptions=*/false);
  if (root.is_discarded() || !root.is_object()) {
    return Status::InvalidArgument("world file is not a JSON object");
  }
  try {
    return ParseWorldJson(root);
  } catch (const json::exception& e) {
    return Status::InvalidArgument(std::string("world file: ") + e.what());
  }
}

// The replica's worlds are test fixtures: a few MiB at most.
constexpr std::uint64_t kMaxWorldBytes = 256 << 20;

Result<World> LoadWorld(const std::filesystem::path& path) {
  auto text = ReadFile(path, kMaxWorldBytes);
  if (!text.ok()) return text.status().WithContext("world file");
  Result<World> world = ParseWorld(*text);
  if (!world.ok()) return world.status().WithContext(path.string());
  return world;
}

}  // namespace timecite::replica
