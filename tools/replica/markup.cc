#include "tools/replica/markup.h"

#include <cstdio>
#include <nlohmann/json.hpp>
#include <sstream>

#include "common/html.h"

namespace timecite::replica {
namespace {

using nlohmann::json;

constexpr int kPartnerId = 2503451;

std::string Slug(std::string_view text) {
  std::string out;
  for (char c : text) {
    if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
      out += c;
    } else if (c >= 'A' && c <= 'Z') {
      out += static_cast<char>(c - 'A' + 'a');
    } else if (!out.empty() && out.back() != '-') {
      out += '-';
    }
  }
  while (!out.empty() && out.back() == '-') out.pop_back();
  return out;
}

// One labelled field block: <div class="field ..."><div class="field__label">.
std::string FieldBlock(std::string_view name, std::string_view label,
                       const std::vector<std::string>& items_html) {
  if (items_html.empty()) return {};
  std::ostringstream o;
  o << "  <div class=\"pb-3 block\">\n"
    << "  <div class=\"field field--name-field-" << name
    << " field--label-above field__items media-asset__field-" << name << "\">\n"
    << "    <div class=\"small text-muted field__label\">" << label << "</div>\n";
  for (const std::string& item : items_html) {
    o << "        <div class=\"field__item\">" << item << "</div>\n";
  }
  o << "  </div>\n  </div>\n";
  return o.str();
}

std::vector<std::string> SearchLinks(const std::vector<std::string>& values,
                                     std::string_view facet,
                                     std::string_view lang) {
  std::vector<std::string> out;
  int n = 5000;
  for (const std::string& v : values) {
    out.push_back("<a href=\"https://webtv.un.org/" + std::string(lang) +
                  "/search?f%5B0%5D=" + std::string(facet) + "%3A" +
                  std::to_string(n++) + "\" rel=\"nofollow\" hreflang=\"" +
                  std::string(lang) + "\">" + html::Escape(v) + "</a>");
  }
  return out;
}

std::string CategoriesHtml(const std::vector<std::string>& categories,
                           std::string_view lang) {
  std::string path = "/";  // appended: see MinimalPdf
  path.append(lang).append("/search/categories");
  std::string html;
  for (const std::string& c : categories) {
    path += '/';  // appended: see MinimalPdf
    path += Slug(c);
    if (!html.empty()) html += " / ";
    html += "<a href=\"" + path + "\" hreflang=\"" + std::string(lang) + "\">" +
            html::Escape(c) + "</a>";
  }
  return html;
}

std::string TextField(std::string_view name, std::string_view label,
                      std::string_view text_html) {
  if (text_html.empty()) return {};
  std::ostringstream o;
  o << "  <div class=\"block\">\n"
    << "  <div class=\"field field--name-field-" << name
    << " field--type-text field--label-above field__items media-asset__field-"
    << name << "\">\n"
    << "    <div class=\"h4 field__label\">" << label << "</div>\n"
    << "        <div class=\"field__item\"><div class=\"smt-wrapper\"><div "
       "class=\"smt-content\" style=\"max-height: 220px\">"
    << text_html << "</div>\n"
    << "<span class=\"smt-toggle smt-more\">View more</span></div>\n</div>\n"
    << "  </div>\n  </div>\n";
  return o.str();
}

std::string RelatedField(const std::vector<RelatedLink>& related) {
  if (related.empty()) return {};
  std::ostringstream o;
  o << "  <div class=\"block\">\n"
       "  <div class=\"pb-3 field field--name-field-related-url "
       "field--label-above field__items media-asset__field-related-url\">\n"
       "    <div class=\"h4 field__label\">Related Sites and Documents</div>\n";
  for (const RelatedLink& l : related) {
    o << "        <div class=\"field__item\">  <div class=\"paragraph "
         "paragraph--type--related-url\">\n      <p class=\"details-p\">\n"
      << "    <a href=\"" << html::Escape(l.url) << "\" target=\"_blank\">"
      << html::Escape(l.title) << "</a>\n  </p>\n  </div>\n</div>\n";
  }
  o << "  </div>\n  </div>\n";
  return o.str();
}

std::string Thumbnail(const Recording& r) {
  return "//cfvod.kaltura.com/p/2503451/sp/250345100/thumbnail/entry_id/" +
         r.player_id + "/version/100011/width/564/height/317/type/4";
}

std::string PageShell(std::string_view title, std::string_view main_html) {
  return "<!DOCTYPE html>\n<html lang=\"en\" dir=\"ltr\">\n<head>\n"
         "<meta charset=\"utf-8\" />\n<title>" +
         html::Escape(title) +
         " | UN Web TV</title>\n</head>\n<body>\n"
         "<main class=\"page-main main-content pb-2\">\n" +
         std::string(main_html) + "\n</main>\n</body>\n</html>\n";
}

std::string PdfEscape(std::string_view s) {
  std::string out;
  for (char c : s) {
    if (c == '(' || c == ')' || c == '\\') out += '\\';
    out += c;
  }
  return out;
}

json KalturaException(std::string code, std::string message) {
  return {{"objectType", "KalturaAPIException"},
          {"code", std::move(code)},
          {"message", std::move(message)},
          {"args", json::array()}};
}

}  // namespace

std::string Hms(int64_t ms) {
  const int64_t s = ms / 1000;
  char buf[32];
  std::snprintf(buf, sizeof buf, "%02lld:%02lld:%02lld",
                static_cast<long long>(s / 3600),
                static_cast<long long>(s / 60 % 60),
                static_cast<long long>(s % 60));
  return buf;
}

std::string AssetPage(const Recording& r, std::string_view lang) {
  const std::string folder = r.asset_id.substr(0, 3);
  const std::string canonical = "https://webtv.un.org/" + std::string(lang) +
                                "/asset/" + folder + "/" + r.asset_id;
  std::ostringstream o;
  o << "<article class=\"node media-asset media-asset--full\">\n"
       "<div class=\"container-fluid\"><div class=\"layout row no-gutters\">\n"
       "<div class=\"col-lg-4 col-md-12 col-12\">\n"
       "  <div class=\"border-top border-4 border-primary py-3 block\">\n"
       "  <div class=\"field field--name-title field--type-string "
       "field--label-hidden field__items media-asset__title\">\n"
       "        <h2 class=\"field__item\">"
    << html::Escape(r.title) << "</h2>\n  </div>\n  </div>\n";
  if (!r.categories.empty()) {
    o << FieldBlock("categories", "Categories",
                    {CategoriesHtml(r.categories, lang)});
  }
  if (!r.date.empty()) {
    o << FieldBlock("production-date", "Production Date",
                    {"<time datetime=\"" + r.date + "T12:00:00Z\">" + r.date +
                     "</time>\n"});
  }
  if (r.duration_ms > 0) {
    o << FieldBlock("duration", "Video Length", {Hms(r.duration_ms)});
  }
  o << FieldBlock("asset-language", "Asset Language",
                  SearchLinks(r.languages, "asset_language", lang));
  o << FieldBlock("subject-topical", "Subject Topical",
                  SearchLinks(r.topics, "topic", lang));
  o << FieldBlock("corporate-name", "Corporate Name",
                  SearchLinks(r.corporate_names, "corporate_name", lang));
  o << "</div>\n<div class=\"col-lg-6 col-md-12 col-12\">\n";
  o << TextField("summary", "Summary", html::Escape(r.summary));
  o << TextField("description", "Description",
                 r.description.empty() ? ""
                                       : "<p>" + html::Escape(r.description) +
                                             "</p>");
  o << RelatedField(r.related);
  o << "</div>\n<div class=\"col-lg-2 col-md-12 col-12\">\n"
       "  <div class=\"border-top border-4 border-primary py-3 block\">\n"
       "            <span class=\"a2a_kit a2a_kit_size_16 addtoany_list\" "
       "data-a2a-url=\""
    << canonical << "\" data-a2a-title=\"" << html::Escape(r.title)
    << "\"><h2 class=\"h5\">Share</h2></span>\n  </div>\n</div>\n"
       "</div></div>\n"
       "<img class=\"card-img img-fluid\" src=\""
    << Thumbnail(r) << "\" alt=\"" << html::Escape(r.title)
    << "\" loading=\"lazy\">\n"
       "<script>\n  const partnerId = "
    << kPartnerId << ";\n  const kentryID = '" << r.player_id
    << "';\n  kWidget.embed({targetId: 'kaltura_player', wid: '_"
    << kPartnerId << "', partnerId: " << kPartnerId
    << ", entry_id: kentryID});\n</script>\n</article>\n";
  return PageShell(r.title, o.str());
}

std::string NotFoundPage() {
  return PageShell("Page not found",
                   "              <div class=\"page__content\">\n"
                   "          <div class=\"container\"><div class=\"row\"><div "
                   "class=\"col-12\">\n"
                   "  <div class=\"block block--un-media-theme-content "
                   "block--system-main\">\n"
                   "            The requested page could not be found.\n"
                   "  </div>\n</div></div></div>\n        </div>");
}

std::string SchedulePage(const World& world, const ScheduleDay& day,
                         std::string_view lang) {
  std::ostringstream o;
  o << "<div class=\"view-content\">\n";
  int nid = 140000;
  for (const ScheduleItem& item : day.items) {
    const Recording* r = world.FindAsset(item.asset_id);
    if (r == nullptr) continue;
    std::string href = "/";  // appended: see MinimalPdf
    href.append(lang).append("/asset/").append(r->asset_id, 0, 3);
    href.append("/").append(r->asset_id);
    ++nid;
    o << "<div><div class=\"un3-card-row-video row pt-2 py-sm-3 "
      << (item.live ? "bg-dark" : "") << "\">\n"
      << "  <div class=\"col-3 col-sm-2 col-md-1 pe-0\">\n"
      << "    <div class=\"d-none mediaun-timezone\" data-nid=\"" << nid
      << "\">" << item.start << "</div>\n  </div>\n"
      << "  <div class=\"col-5 col-sm-4 col-md-3 d-none d-sm-block\">\n"
      << "    <a class=\"ajax-popup-link\" data-mfp-src=\"\" href=\"" << href
      << "\">\n  <div class=\"position-relative\">\n"
      << "<img class=\"card-img img-fluid\" src=\"" << Thumbnail(*r)
      << "\" alt=\"" << html::Escape(r->title) << "\" loading=\"lazy\">\n";
    if (item.live) {
      o << "          <div class=\"card-img-overlay\">\n  <span class=\"badge "
           "badge-danger bg-danger text-uppercase\">Live</span>\n</div>\n";
    } else {
      o << "          <div class=\"card-time\"><span class=\"badge "
           "badge-dark\">"
        << Hms(r->duration_ms) << "</span></div>\n";
    }
    o << "    </div>\n</a>\n  </div>\n"
      << "  <div class=\"col-9 col-sm-6 col-md-4 col-lg-3\">\n"
      << "    <h6 class=\"text-primary\">" << html::Escape(r->body) << "</h6>\n"
      << "    <h4 class=\"border-0\"><a href=\"" << href << "\">\n"
      << "  <div class=\"field field--name-title field--type-string "
         "field--label-hidden field__items media-asset__title\">\n"
      << "        <div class=\"field__item\">" << html::Escape(r->title)
      << "</div>\n  </div></a></h4>\n  </div>\n"
      << "  <div class=\"d-none d-sm-block col-12 col-md-4 col-lg-5 mt-1\">\n"
      << "          " << html::Escape(item.note) << "\n      </div>\n</div>\n</div>\n";
  }
  o << "</div>\n";
  return PageShell("Schedule " + day.date, o.str());
}

std::string KalturaAnswer(const World& world, std::string_view request_json) {
  json req = json::parse(request_json, nullptr, false);
  json answer = json::array();
  if (req.is_discarded() || !req.is_object() || !req.contains("1") ||
      !req.contains("2")) {
    answer.push_back(KalturaException("INVALID_REQUEST", "Invalid multirequest"));
    return answer.dump();
  }
  const json& r1 = req["1"];
  if (r1.value("widgetId", "") != "_" + std::to_string(kPartnerId)) {
    answer.push_back(KalturaException(
        "INVALID_WIDGET_ID", "Invalid widget id [" + r1.value("widgetId", "") + "]"));
    answer.push_back(KalturaException("INVALID_KS", "Invalid KS \"\""));
    return answer.dump();
  }
  answer.push_back({{"objectType", "KalturaStartWidgetSessionResponse"},
                    {"partnerId", kPartnerId},
                    {"ks", "djJ8MjUwMzQ1MXxyZXBsaWNh"},
                    {"userId", 0}});
  const json& r2 = req["2"];
  std::string id;
  if (r2.contains("filter") && r2["filter"].is_object()) {
    id = r2["filter"].value("redirectFromEntryId", "");
    if (id.empty()) id = r2["filter"].value("idEqual", "");
  }
  const Recording* r = world.FindEntry(id);
  if (r != nullptr && !r->kaltura_error_code.empty()) {
    answer.push_back(KalturaException(r->kaltura_error_code, r->kaltura_error_message));
    return answer.dump();
  }
  json list = {{"objectType", "KalturaBaseEntryListResponse"},
               {"totalCount", r ? 1 : 0},
               {"objects", json::array()}};
  if (r != nullptr) {
    list["objects"].push_back({{"id", r->entry_id},
                               {"name", r->title},
                               {"duration", (r->duration_ms + 500) / 1000},
                               {"msDuration", r->duration_ms},
                               {"createdAt", r->created_at},
                               {"status", r->status == "deleted" ? 3 : 2},
                               {"objectType", "KalturaMediaEntry"}});
  }
  answer.push_back(std::move(list));
  return answer.dump();
}

std::string TranscriptJson(const Recording& r, std::string_view lang) {
  const std::string path = r.asset_id.substr(0, 3) + "/" + r.asset_id;
  json data = json::array();
  int n = 0;
  for (const Statement& st : r.statements) {
    json sentences = json::array();
    for (const Sentence& s : st.sentences) {
      sentences.push_back({{"text", s.text}, {"start", s.start}, {"end", s.end}});
    }
    auto or_null = [](const std::string& s) { return s.empty() ? json() : json(s); };
    data.push_back({{"statement_number", ++n},
                    {"start", st.start},
                    {"speaker",
                     {{"name", st.speaker.name},
                      {"affiliation", or_null(st.speaker.affiliation)},
                      {"affiliation_full", or_null(st.speaker.affiliation_full)},
                      {"function", or_null(st.speaker.function)},
                      {"group", or_null(st.speaker.group)}}},
                    {"paragraphs", json::array({{{"sentences", sentences}}})}});
  }
  json doc = {
      {"url", "https://transcripts.un.org/" + std::string(lang) + "/asset/" + path},
      {"video",
       {{"id", path},
        {"kaltura_id", r.player_id},
        {"title", r.title},
        {"url", "https://webtv.un.org/" + std::string(lang) + "/asset/" + path},
        {"date", r.date + "T00:00:00.000Z"},
        {"duration", Hms(r.duration_ms)},
        {"body", r.body},
        {"pv_symbol", r.pv_symbol.empty() ? json() : json(r.pv_symbol)}}},
      {"transcript", {{"language", r.transcript_language}, {"data", data}}}};
  return doc.dump();
}

std::string MinimalPdf(const std::vector<std::string>& lines) {
  std::string content = "BT /F1 12 Tf 72 720 Td 14 TL\n";
  for (const std::string& line : lines) {
    // Appended piece by piece: at -O2, GCC 12 takes `"(" + std::string` (an
    // insert at the front of the temporary) for an overlapping memcpy and
    // warns -Wrestrict, a false positive of its libstdc++ inlining.
    content += '(';
    content += PdfEscape(line);
    content += ") Tj T*\n";
  }
  content += "ET\n";
  std::vector<std::string> objects = {
      "<< /Type /Catalog /Pages 2 0 R >>",
      "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
      "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
      "/Resources << /Font << /F1 5 0 R >> >> >>",
      "<< /Length " + std::to_string(content.size()) + " >>\nstream\n" +
          content + "endstream",
      "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"};
  std::string pdf = "%PDF-1.4\n";
  std::vector<size_t> offsets;
  for (size_t i = 0; i < objects.size(); ++i) {
    offsets.push_back(pdf.size());
    pdf += std::to_string(i + 1) + " 0 obj\n" + objects[i] + "\nendobj\n";
  }
  const size_t xref = pdf.size();
  pdf += "xref\n0 " + std::to_string(objects.size() + 1) +
         "\n0000000000 65535 f \n";
  for (size_t off : offsets) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%010zu 00000 n \n", off);
    pdf += buf;
  }
  pdf += "trailer\n<< /Size " + std::to_string(objects.size() + 1) +
         " /Root 1 0 R >>\nstartxref\n" + std::to_string(xref) + "\n%%EOF\n";
  return pdf;
}

std::string WaybackAvailable(const World& world, std::string_view url) {
  json snapshots = json::object();
  for (const Snapshot& s : world.snapshots) {
    if (s.url == url) {
      snapshots["closest"] = {
          {"status", "200"},
          {"available", true},
          {"url", "http://web.archive.org/web/" + s.timestamp + "/" + s.url},
          {"timestamp", s.timestamp}};
      break;
    }
  }
  return json({{"url", url}, {"archived_snapshots", snapshots}}).dump();
}

}  // namespace timecite::replica
