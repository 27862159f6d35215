#include "pipeline/fix_run.h"

#include <vector>

#include "common/url.h"
#include "indexer/catalog/query.h"
#include "linker/citations/webtv.h"
#include "linker/report/fix.h"

namespace timecite::pipeline {
namespace {

// The link that opens the cited recording at its start time, from the site
// profile's [links] templates overridden by timecite.toml [deep_links];
// "" when the recording is not indexed, removed, or the time is past its end.
std::string ResolvedLink(std::string_view resolve_to,
                         const indexer::Profile& templates,
                         const store::Store& db,
                         const linker::CheckedCitation& c,
                         const std::string& url) {
  if (resolve_to == "none" || !c.citation.start_ms) return "";
  // A broken citation is resolved only once its URL was corrected (the
  // recording is then judged afresh below).
  if (c.verdict == linker::Verdict::kBroken && url == c.citation.url_written)
    return "";
  std::string asset_id = c.citation.asset ? c.citation.asset->asset_id : "";
  if (auto u = ParseUrl(url); u.ok()) {
    if (auto ref = linker::ParseAssetUrl(*u); ref && ref->id_well_formed)
      asset_id = ref->asset_id;
  }
  if (asset_id.empty()) return "";
  auto rec = db.GetRecording(asset_id);
  if (!rec.ok() || rec->status == "removed") return "";
  if (rec->duration_ms > 0 && *c.citation.start_ms >= rec->duration_ms)
    return "";
  const bool has_transcript = rec->extra.contains("transcript_language");
  std::vector<std::string> wanted;
  if (resolve_to == "transcripts" && has_transcript) wanted = {"transcripts"};
  wanted.insert(wanted.end(), {"kaltura_player", "kaltura"});
  const std::string lang = c.citation.asset && !c.citation.asset->lang.empty()
                               ? c.citation.asset->lang
                               : "en";
  const auto links =
      indexer::DeepLinks(templates, *rec, *c.citation.start_ms, lang);
  for (const std::string& name : wanted) {
    for (const auto& link : links) {
      if (link.name == name) return link.url;
    }
  }
  return "";
}

}  // namespace

Result<FixedReport> FixReport(std::string_view original,
                              const linker::Document& doc,
                              const linker::DocumentReport& report,
                              const indexer::Profile& links,
                              const store::Store* db,
                              std::string_view resolve_to) {
  FixedReport out;
  std::vector<linker::Citation> citations;
  std::vector<linker::UrlReplacement> replacements;
  for (const auto& c : report.citations) {
    citations.push_back(c.citation);
    std::string url = linker::SuggestedUrl(c);
    if (!url.empty()) ++out.corrected;
    const std::string base = url.empty() ? c.citation.url_written : url;
    if (db != nullptr) {
      if (std::string deep = ResolvedLink(resolve_to, links, *db, c, base);
          !deep.empty()) {
        url = deep;
        ++out.resolved;
      }
    }
    if (!url.empty() && url != c.citation.url_written) {
      replacements.push_back({citations.size() - 1, url});
    }
  }
  auto fixed = linker::FixDocument(original, doc, citations,
                                   replacements);
  if (!fixed.ok()) return fixed.status();
  out.text = std::move(fixed).value();
  return out;
}

}  // namespace timecite::pipeline
