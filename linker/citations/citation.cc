#include "linker/citations/citation.h"

#include <algorithm>
#include <optional>
#include <unordered_map>

#include "common/byte_scan.h"
#include "common/symbol.h"
#include "common/utf8.h"
#include "linker/citations/context.h"
#include "linker/citations/footnotes.h"
#include "linker/document/urls.h"

namespace timecite::linker {

const char* CitationKindName(CitationKind kind) {
  switch (kind) {
    case CitationKind::kRecording:
      return "recording";
    case CitationKind::kLegacyRecording:
      return "legacy-recording";
    case CitationKind::kDocument:
      return "document";
    case CitationKind::kLink:
      return "link";
    case CitationKind::kInvalidUrl:
      return "invalid-url";
  }
  return "link";
}

namespace {

bool IsDocumentHost(std::string_view host) {
  return HostWithin(host, "undocs.org") || HostWithin(host, "docs.un.org") ||
         host == "documents-dds-ny.un.org" || host == "daccess-ods.un.org" ||
         host == "daccess-dds-ny.un.org" || host == "documents.un.org" ||
         host == "digitallibrary.un.org" || host == "front.un-arm.org";
}

// A region of the block's masked text: [begin, end).
struct Region {
  std::size_t begin = 0, end = 0;
  bool empty() const { return end <= begin; }
};

std::string_view Text(const std::string& s, Region r) {
  return r.empty() ? std::string_view()
                   : std::string_view(s).substr(r.begin, r.end - r.begin);
}

// Masks URLs (and the angle brackets around them) with spaces so that the
// grammar never reads a timecode or a date out of a URL.
std::string MaskUrls(std::string text, const std::vector<FoundUrl>& urls) {
  for (const FoundUrl& u : urls) {
    const std::size_t b = u.angle_brackets ? u.begin - 1 : u.begin;
    std::size_t e = u.end;
    if (u.angle_brackets && e < text.size() && text[e] == '>') ++e;
    // Keep UTF-8 valid: replace every byte by a space.
    std::fill(text.begin() + static_cast<std::ptrdiff_t>(b),
              text.begin() + static_cast<std::ptrdiff_t>(e), ' ');
  }
  return text;
}

struct Described {
  std::string date;
  int meeting = 0;
  std::string body;
};

// The mentions of a text shared by many URLs (a footnote's head), read the
// first time they are needed and then kept: a footnote listing 200,000 URLs
// must not read its head 200,000 times.
class SharedMentions {
 public:
  explicit SharedMentions(std::string_view text) : text_(text) {}
  std::string_view text() const { return text_; }
  const ContextMentions& Get() {
    if (!mentions_) mentions_ = FindContext(text_);
    return *mentions_;
  }

 private:
  std::string_view text_;
  std::optional<ContextMentions> mentions_;
};

// Reads date, meeting number and body: first from `before` (the text that
// introduces the URL), then from `after`, then from `fallback`.
// With `last_meeting`, the last meeting number before the URL is taken (the
// one that introduces it in a list); otherwise the first (a title's).
Described Describe(const std::string_view& before,
                   const std::string_view& after, SharedMentions& fallback,
                   bool last_meeting = false) {
  Described d;
  const std::string_view fallback_text = fallback.text();
  for (const std::string_view* part : {&before, &after, &fallback_text}) {
    if (!d.date.empty() && d.meeting != 0 && !d.body.empty()) break;
    if (part->empty()) continue;
    std::optional<ContextMentions> own;  // one folding
    const ContextMentions& mentions =
        part == &fallback_text ? fallback.Get()
                               : own.emplace(FindContext(*part));
    if (d.date.empty()) {
      const auto& dates = mentions.dates;
      // The meeting's own date is the last full date before the URL (a
      // session's range comes first); after the URL, the first.
      const DateMention* pick = nullptr;
      for (const DateMention& m : dates) {
        if (part == &before || part == &fallback_text) {
          if (!pick || m.year || !pick->year) pick = &m;
        } else if (!pick) {
          pick = &m;
        }
      }
      if (pick) d.date = pick->Iso();
    }
    if (d.meeting == 0) {
      const auto& meetings = mentions.meetings;
      if (!meetings.empty()) {
        d.meeting = (last_meeting && part == &before ? meetings.back()
                                                     : meetings.front())
                        .number;
      }
    }
    if (d.body.empty()) d.body = mentions.body;
  }
  return d;
}

// Longest body line read as a label for the URL on the next line, in bytes.
constexpr std::size_t kMaxLabelBytes = 160;

bool IsDateHeading(const std::string& line) {
  auto dates = FindDates(line);
  if (dates.size() != 1) return false;
  const std::size_t rest = line.size() - (dates[0].end - dates[0].begin);
  return rest <= 12;  // a date alone on its line (maybe with a weekday)
}

// The end of the line holding a position ('\n' or the text's end), for
// positions asked in increasing order: each byte is looked at once, however
// many URLs share a line.
class LineEnds {
 public:
  explicit LineEnds(std::string_view text) : text_(text) {}
  std::size_t At(std::size_t pos) {
    if (pos > end_ || !found_) {
      const std::size_t nl = text_.find('\n', pos);
      end_ = nl == std::string_view::npos ? text_.size() : nl;
      found_ = true;
    }
    return end_;
  }

 private:
  std::string_view text_;
  std::size_t end_ = 0;
  bool found_ = false;
};

// A block's time phrases, findable by region: those inside `before` or
// `after`, in the order FindTimePhrases gave them (the first start phrase
// wins), in time proportional to the phrases near the regions rather than to
// all of the block's.
class PhraseIndex {
 public:
  explicit PhraseIndex(std::vector<TimePhrase> phrases)
      : phrases_(std::move(phrases)), by_begin_(phrases_.size()) {
    for (std::size_t k = 0; k < by_begin_.size(); ++k) by_begin_[k] = k;
    std::stable_sort(by_begin_.begin(), by_begin_.end(),
                     [&](std::size_t a, std::size_t b) {
                       return phrases_[a].begin < phrases_[b].begin;
                     });
  }

  std::vector<const TimePhrase*> Within(Region before, Region after) const {
    std::vector<std::size_t> found;
    for (Region r : {before, after}) {
      auto it = std::lower_bound(by_begin_.begin(), by_begin_.end(), r.begin,
                                 [&](std::size_t k, std::size_t at) {
                                   return phrases_[k].begin < at;
                                 });
      for (; it != by_begin_.end() && phrases_[*it].begin <= r.end; ++it) {
        if (phrases_[*it].end <= r.end) found.push_back(*it);
      }
    }
    std::sort(found.begin(), found.end());
    found.erase(std::unique(found.begin(), found.end()), found.end());
    std::vector<const TimePhrase*> out;
    out.reserve(found.size());
    for (std::size_t k : found) out.push_back(&phrases_[k]);
    return out;
  }

 private:
  std::vector<TimePhrase> phrases_;
  std::vector<std::size_t> by_begin_;  // indexes into phrases_, by begin
};

// Document::Locate's answer, counting code points from the previous answer
// when it is on the same line: citations come in document order, and one
// line can hold a whole 60 MB report (counting from the line's start each
// time was quadratic).
class Locator {
 public:
  explicit Locator(const Document& doc) : doc_(doc) {}
  void Locate(std::size_t offset, int* line, int* column) {
    const auto& starts = doc_.line_starts;
    const std::size_t index =
        static_cast<std::size_t>(
            std::upper_bound(starts.begin(), starts.end(), offset) -
            starts.begin()) -
        1;
    const std::string_view text(doc_.text);
    if (!valid_ || index != index_) {
      valid_ = true;
      index_ = index;
      offset_ = starts[index];
      column_ = 1;
    }
    if (offset >= offset_) {
      column_ += static_cast<int>(
          utf8::CodePointCount(text.substr(offset_, offset - offset_)));
    } else {
      column_ -= static_cast<int>(
          utf8::CodePointCount(text.substr(offset, offset_ - offset)));
    }
    offset_ = offset;
    *line = static_cast<int>(index + 1);
    *column = column_;
  }

 private:
  const Document& doc_;
  bool valid_ = false;
  std::size_t index_ = 0;   // line_starts index of the last answer
  std::size_t offset_ = 0;  // its offset
  int column_ = 1;          // its column
};

class Extractor {
 public:
  explicit Extractor(const Document& doc)
      : doc_(doc), split_(SplitFootnotes(doc)) {}

  std::vector<Citation> Run() {
    // One allocation of the right size: a Citation is about 1 KB, and growing
    // the vector by doubling touched twice the memory (page faults were a
    // fifth of extraction time on a citation-dense corpus). Every URL has a
    // "://"; the count is an upper bound (capped: a hostile file full of
    // "://" must not reserve gigabytes; beyond the cap the vector grows).
    constexpr std::size_t kMaxReserved = 1 << 16;
    std::size_t schemes = 0;
    for (std::size_t at = doc_.text.find("://");
         at != std::string::npos && schemes < kMaxReserved;
         at = doc_.text.find("://", at + 3)) {
      ++schemes;
    }
    out_.reserve(schemes);
    for (const Block& block : split_.blocks) Block1(block);
    return std::move(out_);
  }

 private:
  void Block1(const Block& block) {
    const BlockText bt = JoinBlock(doc_, block);
    const std::vector<FoundUrl> urls = FindUrls(bt.text);
    if (urls.empty()) {
      // Most blocks: prose without a URL. Only body text is remembered (a
      // label or a date heading for the next URL).
      if (block.footnote == 0) Remember(bt.text);
      return;
    }
    const std::string masked = MaskUrls(bt.text, urls);
    if (block.footnote == 0) {
      BodyBlock(block, bt, urls, masked);
      return;
    }
    const PhraseIndex phrases(FindTimePhrases(masked));
    // Everything read once per block, not once per URL: a block can hold
    // hundreds of thousands of URLs on one line.
    const std::string_view head =
        urls.size() > 1 ? Text(masked, {0, LineBegin(masked, urls[0].begin)})
                        : std::string_view();
    SharedMentions head_mentions(head);
    const std::string trimmed_head = head.empty() ? std::string() : Trim(head);
    LineEnds line_ends(masked);
    std::size_t prev_line_end = 0;
    int seq = 0;
    for (std::size_t i = 0; i < urls.size(); ++i) {
      Region before, after;
      if (urls.size() == 1) {
        before = {0, urls[i].begin};
        after = {urls[i].end, masked.size()};
      } else {
        // Between the previous URL's line and this URL (a footnote that
        // lists several recordings describes each just before it).
        const std::size_t line_end = line_ends.At(urls[i].end);
        std::size_t from = 0;
        if (i > 0) {
          from =
              prev_line_end > urls[i].begin ? urls[i - 1].end : prev_line_end;
        }
        prev_line_end = line_end;
        before = {from, urls[i].begin};
        after = {urls[i].end,
                 std::min(line_end, i + 1 < urls.size() ? urls[i + 1].begin
                                                        : masked.size())};
      }
      // Built in place: a Citation is about 1 KB of strings, and moving it
      // into the vector then destroying the husk cost more than filling it.
      Citation& c = out_.emplace_back();
      Base(block, bt, urls[i], ++seq, &c);
      const Described d =
          Describe(Text(masked, before), Text(masked, after), head_mentions,
                   /*last_meeting=*/urls.size() > 1);
      c.date = d.date;
      c.meeting_number = d.meeting;
      c.body = d.body;
      c.context = Trim(Text(masked, {before.begin, after.end}));
      if (urls.size() > 1 && !head.empty())
        c.context = trimmed_head + " " + c.context;
      AttachTimes(bt, phrases, before, after, &c);
      AttachUrlStart(&c);
      AttachSymbols(c.context, &c);
      if (auto it = split_.citing_sentences.find(block.footnote);
          it != split_.citing_sentences.end()) {
        c.citing_sentence = it->second;
      }
    }
  }

  // Body text: a URL is described by the text since the previous body URL
  // (a few lines at most) and by the last date heading ("2021 年 3 月 8 日").
  void BodyBlock(const Block& block, const BlockText& bt,
                 const std::vector<FoundUrl>& urls, const std::string& masked) {
    std::size_t from = 0;
    const PhraseIndex phrases(urls.empty() ? std::vector<TimePhrase>()
                                           : FindTimePhrases(masked));
    SharedMentions heading(date_heading_);
    LineEnds line_ends(masked);
    for (std::size_t i = 0; i < urls.size(); ++i) {
      std::string before = body_context_;
      before += ' ';
      before += Text(masked, {from, urls[i].begin});
      const std::size_t line_end = line_ends.At(urls[i].end);
      const std::string_view after =
          Text(masked, {urls[i].end, std::min(line_end, i + 1 < urls.size()
                                                            ? urls[i + 1].begin
                                                            : masked.size())});
      Citation& c = out_.emplace_back();
      Base(block, bt, urls[i], ++body_seq_, &c);
      const Described d = Describe(before, after, heading);
      c.date = d.date;
      c.meeting_number = d.meeting;
      c.body = d.body;
      c.context = Trim(before + std::string(after));
      AttachTimes(bt, phrases, {from, urls[i].begin}, {urls[i].end, line_end},
                  &c);
      AttachUrlStart(&c);
      AttachSymbols(c.context, &c);
      body_context_.clear();
      from = urls[i].end;
    }
    Remember(std::string_view(masked).substr(from));
  }

  // Remembers what the end of a body block (after its last URL) says for the
  // next URL in body text.
  void Remember(std::string_view rest_raw) {
    const std::size_t size = TrimmedSize(rest_raw, kMaxLabelBytes + 1);
    if (size == 0) return;
    if (size > kMaxLabelBytes) {  // prose, not a label
      body_context_.clear();
      return;
    }
    const std::string rest = Trim(rest_raw);
    if (IsDateHeading(rest)) {
      date_heading_ = rest;
      body_context_.clear();
    } else {
      // Only a short label ("第 1 日：第 1 次会议", "Day 1: 1st meeting")
      // describes the URL that follows; prose does not.
      body_context_ = rest;
    }
  }

  // Fills the fields every citation has (`c` is newly made).
  void Base(const Block& block, const BlockText& bt, const FoundUrl& u, int seq,
            Citation* c) {
    c->source = doc_.path;
    c->footnote = block.footnote;
    c->seq = seq;
    c->url_begin = bt.ToDocument(u.begin);
    // Only a URL wrapped onto the next line spans two joined lines.
    c->url_end = u.alternative_kind == FoundUrl::Alternative::kLineWrap
                     ? bt.ToDocument(u.end - 1) + 1
                     : c->url_begin + (u.end - u.begin);
    locator_.Locate(c->url_begin, &c->line, &c->column);
    if (static_cast<std::size_t>(c->line) <= doc_.line_origins.size()) {
      c->origin = doc_.line_origins[static_cast<std::size_t>(c->line) - 1];
    }
    std::string written = u.url;
    std::string alternative = u.alternative;
    // Text glued after a well-formed asset id is not part of the URL.
    if (const std::size_t id_end = GluedAfterAssetId(written);
        id_end != std::string::npos) {
      c->url_end = DocumentOffsetAfter(c->url_begin, c->url_end, id_end);
      written.resize(id_end);
      alternative.clear();
    }
    AssignUrl(std::move(written), c);
    if (!alternative.empty()) {
      c->url_alternative = std::move(alternative);
      c->url_alternative_kind =
          u.alternative_kind == FoundUrl::Alternative::kLineWrap
              ? UrlAlternative::kLineWrap
              : UrlAlternative::kTrailingPunctuation;
    }
    if (!doc_.url_hyphen_breaks.empty()) Alternative(c);
  }

  // The document offset in [begin, end) after which `visible` bytes of the
  // URL written there are read (its invisible characters are not counted).
  std::size_t DocumentOffsetAfter(std::size_t begin, std::size_t end,
                                  std::size_t visible) const {
    const std::string_view text(doc_.text);
    std::size_t k = begin, seen = 0;
    while (k < end && seen < visible) {
      char32_t cp = 0;
      std::size_t n = utf8::Decode(text, k, &cp);
      if (n == 0) n = 1;
      if (!utf8::IsInvisible(cp)) seen += n;
      k += n;
    }
    return k;
  }

  // The reading with the hyphens back, for a URL joined across lines where a
  // reader dropped them (Document::url_hyphen_breaks), latest break first so
  // that the earlier prefixes stay valid.
  void Alternative(Citation* c) const {
    std::string alternative = c->url_written;
    const auto& breaks = doc_.url_hyphen_breaks;
    for (auto it = breaks.rbegin(); it != breaks.rend(); ++it) {
      if (it->origin != c->origin || it->url_prefix.empty()) continue;
      const std::size_t at = it->url_prefix.size();
      if (alternative.size() > at && alternative.starts_with(it->url_prefix))
        alternative.insert(at, 1, '-');
    }
    if (alternative != c->url_written) {
      c->url_alternative = alternative;
      c->url_alternative_kind = UrlAlternative::kHyphenBreak;
    }
  }

  void AttachTimes(const BlockText& bt, const PhraseIndex& phrases,
                   Region before, Region after, Citation* c) {
    for (const TimePhrase* found : phrases.Within(before, after)) {
      const TimePhrase& p = *found;
      if (p.kind == TimePhrase::Kind::kMalformed) {
        c->malformed_times.emplace_back(p.written, p.error);
      } else if (p.kind == TimePhrase::Kind::kStart && !c->start_ms) {
        c->start_ms = p.start_ms;
        c->end_ms = p.end_ms;
        c->time_written = p.written;
        locator_.Locate(bt.ToDocument(p.begin), &c->time_line,
                        &c->time_column);
      }
    }
  }

  // A recording link's own start ("…/k19699ljj5?t=1h2m3s", "#t=1:02:14",
  // "?start=3767") when the footnote writes none: the cited moment, checked
  // like a written one. Only recordings: "start=10" elsewhere is often a
  // page offset.
  static void AttachUrlStart(Citation* c) {
    if (c->start_ms || c->kind != CitationKind::kRecording || !c->url) return;
    if (auto s = StartInUrl(c->url->query, c->url->fragment)) {
      c->start_ms = s->start_ms;
      c->time_written = std::move(s->written);
      c->time_line = c->line;
      c->time_column = c->column;
    }
  }

  static void AttachSymbols(const std::string& context, Citation* c) {
    for (const auto& m : symbol::FindInText(context)) {
      if (std::find(c->text_symbols.begin(), c->text_symbols.end(), m.symbol) ==
          c->text_symbols.end()) {
        c->text_symbols.push_back(m.symbol);
      }
    }
  }

  static std::size_t LineBegin(const std::string& s, std::size_t pos) {
    const std::size_t nl = s.rfind('\n', pos == 0 ? 0 : pos - 1);
    return nl == std::string::npos || pos == 0 ? 0 : nl + 1;
  }
  static bool IsSpace(char ch) { return ch == ' ' || ch == '\n' || ch == '\t'; }
  // Size of Trim(s), without building it; stops counting past `limit`.
  static std::size_t TrimmedSize(std::string_view s, std::size_t limit) {
    // Prose (most blocks) has more than `limit` bytes that are not white
    // space; they are counted sixteen at a time.
    if (bytes::MoreThanNotOf<' ', '\n', '\t'>(s, limit)) return limit;
    std::size_t size = 0;
    bool space = false;
    for (char ch : s) {
      if (size >= limit) break;
      if (IsSpace(ch)) {
        space = size > 0;
        continue;
      }
      size += space ? 2 : 1;
      space = false;
    }
    return size;
  }
  static std::string Trim(std::string_view s) {
    // Collapse runs of white space (masked URLs leave many spaces), writing
    // into a buffer sized once (the result is never longer than `s`): each
    // word is copied whole, words and runs found sixteen bytes at a time.
    std::string out(s.size(), '\0');
    std::size_t o = 0;
    std::size_t i = bytes::FindFirstNotOf<' ', '\n', '\t'>(s, 0);
    while (i < s.size()) {
      const std::size_t word_end = bytes::FindFirstOf<' ', '\n', '\t'>(s, i);
      if (o > 0) out[o++] = ' ';
      s.copy(out.data() + o, word_end - i, i);
      o += word_end - i;
      i = bytes::FindFirstNotOf<' ', '\n', '\t'>(s, word_end);
    }
    out.resize(o);
    return out;
  }

  const Document& doc_;
  Locator locator_{doc_};
  SplitResult split_;
  std::vector<Citation> out_;
  std::string body_context_;
  std::string date_heading_;
  int body_seq_ = 0;
};

}  // namespace

std::vector<Citation> ExtractCitations(const Document& doc) {
  return Extractor(doc).Run();
}

namespace {

// What AssignUrl derives from a URL as written, kept for the next citation
// of the same URL: reports repeat hosts and URLs, and parsing through curl's
// URL API is a fifth of extraction (docs/languages.md). One cache per thread
// (extraction runs on several), emptied when it holds kMaxCachedUrls URLs so
// that memory stays bounded whatever the input.
struct UrlFacts {
  std::string url_canonical, url_error, url_symbol;
  CitationKind kind = CitationKind::kLink;
  std::optional<Url> url;
  std::optional<AssetRef> asset;
};
constexpr std::size_t kMaxCachedUrls = 4096;

void Derive(Citation* c);

}  // namespace

void AssignUrl(std::string url_written, Citation* c) {
  thread_local std::unordered_map<std::string, UrlFacts> cache;
  c->url_written = std::move(url_written);
  if (auto it = cache.find(c->url_written); it != cache.end()) {
    const UrlFacts& f = it->second;
    c->url_canonical = f.url_canonical;
    c->url_error = f.url_error;
    c->url_symbol = f.url_symbol;
    c->kind = f.kind;
    c->url = f.url;
    c->asset = f.asset;
    return;
  }
  Derive(c);
  if (cache.size() >= kMaxCachedUrls) cache.clear();
  cache.emplace(c->url_written, UrlFacts{c->url_canonical, c->url_error,
                                         c->url_symbol, c->kind, c->url,
                                         c->asset});
}

namespace {

void Derive(Citation* c) {
  c->url_canonical.clear();
  c->url_error.clear();
  c->url.reset();
  c->asset.reset();
  c->url_symbol.clear();
  // A link written without a scheme ("undocs.org/A/75/816") is https.
  auto parsed = ParseUrl(WithDefaultScheme(c->url_written));
  if (!parsed.ok()) {
    c->kind = CitationKind::kInvalidUrl;
    c->url_error = parsed.status().message();
    return;
  }
  c->url_canonical = parsed->canonical;
  switch (ClassifyWebTv(*parsed)) {
    case WebTvKind::kAsset:
      c->kind = CitationKind::kRecording;
      c->asset = ParseAssetUrl(*parsed);
      break;
    case WebTvKind::kLegacy:
      c->kind = CitationKind::kLegacyRecording;
      break;
    default:
      if (auto sym = symbol::FromUrl(*parsed)) c->url_symbol = *sym;
      c->kind = (IsDocumentHost(parsed->host) || !c->url_symbol.empty())
                    ? CitationKind::kDocument
                    : CitationKind::kLink;
      break;
  }
  c->url = std::move(parsed).value();
}

}  // namespace

}  // namespace timecite::linker
