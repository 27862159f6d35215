#include "linker/document/reader_docx.h"

#include <zip.h>

#include <algorithm>
#include <map>
#include <memory>
#include <pugixml.hpp>
#include <vector>

#include "linker/document/reader_common.h"

namespace timecite::linker {
namespace {

// Deepest XML nesting read (Word nests a few dozen levels at most); a part
// nested deeper is an error (ParseXml), not content silently left out.
constexpr int kMaxXmlDepth = 256;

// Finds an element nested deeper than kMaxXmlDepth (pugixml walks the tree
// without recursion).
struct DepthCheck : pugi::xml_tree_walker {
  bool too_deep = false;
  bool for_each(pugi::xml_node&) override {
    too_deep = depth() > kMaxXmlDepth;
    return !too_deep;
  }
};

struct ZipDeleter {
  void operator()(zip_t* z) const { zip_discard(z); }
};
using ZipPtr = std::unique_ptr<zip_t, ZipDeleter>;
struct ZipFileDeleter {
  void operator()(zip_file_t* f) const { zip_fclose(f); }
};
using ZipFilePtr = std::unique_ptr<zip_file_t, ZipFileDeleter>;

std::string_view LocalName(const pugi::xml_node& node) {
  std::string_view name = node.name();
  const std::size_t colon = name.find(':');
  return colon == std::string_view::npos ? name : name.substr(colon + 1);
}

// The value of the attribute `prefix:local` (any prefix when the usual one is
// absent: strict OOXML files may bind other prefixes).
std::string_view AttrLocal(const pugi::xml_node& node, std::string_view local) {
  for (const pugi::xml_attribute& a : node.attributes()) {
    std::string_view name = a.name();
    const std::size_t colon = name.find(':');
    if (colon != std::string_view::npos && name.substr(colon + 1) == local) return a.value();
  }
  return {};
}

// The r:id of a hyperlink: the id attribute in the relationships namespace.
std::string_view RelationshipId(const pugi::xml_node& node) {
  if (auto a = node.attribute("r:id")) return a.value();
  for (const pugi::xml_attribute& a : node.attributes()) {
    std::string_view name = a.name();
    if (name.ends_with(":id") && !name.starts_with("w:")) return a.value();
  }
  return {};
}

// The URL of a HYPERLINK field instruction (HYPERLINK "url" \o "tip"), or "".
std::string HyperlinkTarget(std::string_view instr) {
  const std::string collapsed = CollapseSpaces(instr);
  std::string_view s = collapsed;
  if (!s.starts_with("HYPERLINK ") && !s.starts_with("hyperlink ")) return {};
  s.remove_prefix(10);
  while (s.starts_with("\\")) {  // switches before the target (\l "anchor" is internal)
    if (s.starts_with("\\l")) return {};
    const std::size_t sp = s.find(' ');
    if (sp == std::string_view::npos) return {};
    s.remove_prefix(sp + 1);
    if (s.starts_with("\"")) {
      const std::size_t close = s.find('"', 1);
      if (close == std::string_view::npos) return {};
      s.remove_prefix(std::min(s.size(), close + 2));
    }
  }
  if (s.starts_with("\"")) {
    const std::size_t close = s.find('"', 1);
    return std::string(s.substr(1, close == std::string_view::npos ? std::string_view::npos
                                                                   : close - 1));
  }
  return std::string(s.substr(0, s.find(' ')));
}

class Archive {
 public:
  Archive(std::string path, const DocxLimits& limits) : path_(std::move(path)), limits_(limits) {}

  Status Open(std::string_view bytes) {
    zip_error_t error;
    zip_error_init(&error);
    zip_source_t* source = zip_source_buffer_create(bytes.data(), bytes.size(), 0, &error);
    if (source == nullptr) return Fail("cannot read the archive", &error);
    zip_.reset(zip_open_from_source(source, ZIP_RDONLY | ZIP_CHECKCONS, &error));
    if (!zip_) {
      zip_source_free(source);
      return Fail("not a valid ZIP archive (truncated or damaged)", &error);
    }
    zip_error_fini(&error);
    const zip_int64_t entries = zip_get_num_entries(zip_.get(), 0);
    if (entries > limits_.max_entries) {
      return Status::InvalidArgument(path_ + ": ZIP archive has " + std::to_string(entries) +
                                     " entries, more than the limit of " +
                                     std::to_string(limits_.max_entries) +
                                     " (refused as a possible zip bomb)");
    }
    std::uint64_t total = 0;
    for (zip_int64_t i = 0; i < entries; ++i) {
      zip_stat_t st;
      zip_stat_init(&st);
      if (zip_stat_index(zip_.get(), static_cast<zip_uint64_t>(i), 0, &st) != 0) continue;
      if (st.valid & ZIP_STAT_SIZE) total += st.size;
      if (total > limits_.max_total_bytes) return TooLarge("the archive's entries", total);
    }
    return Status::Ok();
  }

  bool Has(const char* name) const { return zip_name_locate(zip_.get(), name, 0) >= 0; }

  // Reads an entry; a missing entry is NotFound.
  Result<std::string> Read(const char* name) {
    const zip_int64_t index = zip_name_locate(zip_.get(), name, 0);
    if (index < 0) return Status::NotFound(path_ + ": no " + name);
    zip_stat_t st;
    zip_stat_init(&st);
    if (zip_stat_index(zip_.get(), static_cast<zip_uint64_t>(index), 0, &st) == 0 &&
        (st.valid & ZIP_STAT_SIZE) && st.size > limits_.max_entry_bytes) {
      return TooLarge(name, st.size);
    }
    ZipFilePtr file(zip_fopen_index(zip_.get(), static_cast<zip_uint64_t>(index), 0));
    if (!file) {
      return Status::InvalidArgument(path_ + ": " + name + ": cannot open entry: " +
                                     zip_strerror(zip_.get()));
    }
    std::string out;
    char buffer[1 << 16];
    for (;;) {
      const zip_int64_t n = zip_fread(file.get(), buffer, sizeof buffer);
      if (n < 0) {
        return Status::InvalidArgument(path_ + ": " + name + ": damaged entry: " +
                                       zip_error_strerror(zip_file_get_error(file.get())));
      }
      if (n == 0) break;
      out.append(buffer, static_cast<std::size_t>(n));
      read_ += static_cast<std::uint64_t>(n);
      // Declared sizes can lie: count what inflates.
      if (out.size() > limits_.max_entry_bytes) return TooLarge(name, out.size());
      if (read_ > limits_.max_total_bytes) return TooLarge("the parts read", read_);
    }
    return out;
  }

 private:
  Status Fail(const std::string& what, zip_error_t* error) {
    std::string msg = path_ + ": " + what + ": " + zip_error_strerror(error);
    zip_error_fini(error);
    return Status::InvalidArgument(std::move(msg));
  }
  Status TooLarge(const std::string& what, std::uint64_t bytes) const {
    return Status::InvalidArgument(path_ + ": " + what + " would unpack to more than " +
                                   std::to_string(bytes) + " bytes, over the limit of " +
                                   std::to_string(std::max(limits_.max_entry_bytes,
                                                           limits_.max_total_bytes)) +
                                   " (refused as a possible zip bomb)");
  }

  std::string path_;
  DocxLimits limits_;
  ZipPtr zip_;
  std::uint64_t read_ = 0;
};

Result<std::unique_ptr<pugi::xml_document>> ParseXml(const std::string& path, const char* part,
                                                     const std::string& bytes) {
  auto doc = std::make_unique<pugi::xml_document>();
  const pugi::xml_parse_result r =
      doc->load_buffer(bytes.data(), bytes.size(), pugi::parse_default | pugi::parse_ws_pcdata);
  if (!r) {
    return Status::InvalidArgument(path + ": " + part + ": malformed XML at byte " +
                                   std::to_string(r.offset) + ": " + r.description());
  }
  DepthCheck depth;
  doc->traverse(depth);
  if (depth.too_deep) {
    return Status::InvalidArgument(path + ": " + part +
                                   ": elements nested deeper than " +
                                   std::to_string(kMaxXmlDepth) + " levels");
  }
  return doc;
}

using Relationships = std::map<std::string, std::string, std::less<>>;

// Reads word/_rels/<part>.rels: relationship id → external target.
Result<Relationships> ReadRelationships(Archive& zip, const std::string& path, const char* name) {
  Relationships rels;
  auto bytes = zip.Read(name);
  if (!bytes.ok()) {
    if (bytes.status().IsNotFound()) return rels;
    return bytes.status();
  }
  auto xml = ParseXml(path, name, *bytes);
  if (!xml.ok()) return xml.status();
  for (pugi::xml_node rel : (*xml)->document_element().children()) {
    if (LocalName(rel) != "Relationship") continue;
    const std::string_view type = rel.attribute("Type").value();
    if (!type.ends_with("/hyperlink")) continue;
    rels.emplace(rel.attribute("Id").value(), rel.attribute("Target").value());
  }
  return rels;
}

struct NoteNumbers {
  std::map<std::string, int, std::less<>> footnotes;  // w:id → number shown
  std::map<std::string, int, std::less<>> endnotes;
};

// Renders one paragraph (w:p) to text.
class ParagraphWriter {
 public:
  ParagraphWriter(const Relationships& rels, const NoteNumbers& numbers)
      : rels_(rels), numbers_(numbers) {}

  std::string Render(const pugi::xml_node& paragraph) {
    std::string out;
    out_ = &out;
    fields_.clear();
    Walk(paragraph, 0);
    CloseOpenFields();
    return CollapseSpaces(out);
  }

 private:
  struct Field {
    std::string instr;
    std::string result;
    bool in_result = false;
  };

  std::string* Sink() {
    if (fields_.empty()) return out_;
    return fields_.back().in_result ? &fields_.back().result : &discard_;
  }

  void EndField() {
    Field f = std::move(fields_.back());
    fields_.pop_back();
    const std::string url = HyperlinkTarget(f.instr);
    if (url.empty()) {
      Sink()->append(f.result);
    } else {
      AppendLink(CollapseSpaces(f.result), url, Sink());
    }
  }
  void CloseOpenFields() {
    while (!fields_.empty()) EndField();
  }

  // Renders the children of `node` on their own (a hyperlink's text).
  std::string RenderInner(const pugi::xml_node& node, int depth) {
    std::string inner;
    std::string* saved_out = out_;
    std::vector<Field> saved_fields;
    std::swap(saved_fields, fields_);
    out_ = &inner;
    Children(node, depth);
    CloseOpenFields();
    out_ = saved_out;
    fields_ = std::move(saved_fields);
    return inner;
  }

  void Children(const pugi::xml_node& node, int depth) {
    for (pugi::xml_node child : node.children()) Walk(child, depth + 1);
  }

  void Walk(const pugi::xml_node& node, int depth) {
    if (depth > kMaxXmlDepth || node.type() != pugi::node_element) return;
    const std::string_view name = LocalName(node);
    if (name == "t") {
      Sink()->append(node.text().get());
    } else if (name == "tab" || name == "ptab" || name == "br" || name == "cr") {
      Sink()->push_back(' ');
    } else if (name == "noBreakHyphen") {
      Sink()->push_back('-');
    } else if (name == "instrText") {
      if (!fields_.empty() && !fields_.back().in_result) fields_.back().instr += node.text().get();
    } else if (name == "fldChar") {
      const std::string_view type = AttrLocal(node, "fldCharType");
      if (type == "begin") {
        fields_.emplace_back();
      } else if (type == "separate" && !fields_.empty()) {
        fields_.back().in_result = true;
      } else if (type == "end" && !fields_.empty()) {
        EndField();
      }
    } else if (name == "fldSimple") {
      const std::string inner = RenderInner(node, depth);
      const std::string url = HyperlinkTarget(AttrLocal(node, "instr"));
      if (url.empty()) {
        Sink()->append(inner);
      } else {
        AppendLink(CollapseSpaces(inner), url, Sink());
      }
    } else if (name == "hyperlink") {
      const std::string inner = RenderInner(node, depth);
      const auto it = rels_.find(RelationshipId(node));
      if (it == rels_.end()) {
        Sink()->append(inner);
      } else {
        AppendLink(CollapseSpaces(inner), it->second, Sink());
      }
    } else if (name == "footnoteReference" || name == "endnoteReference") {
      const auto& map = name == "footnoteReference" ? numbers_.footnotes : numbers_.endnotes;
      if (auto it = map.find(AttrLocal(node, "id")); it != map.end()) {
        std::string* sink = Sink();
        while (!sink->empty() && sink->back() == ' ') sink->pop_back();
        AppendFootnoteRef(it->second, sink);
      }
    } else if (name == "del" || name == "moveFrom" || name == "delText" || name == "pPr" ||
               name == "rPr" || name == "drawing" || name == "pict" || name == "object" ||
               name == "AlternateContent" || name == "footnoteRef" || name == "endnoteRef" ||
               name == "sectPr") {
      return;
    } else {
      Children(node, depth);  // w:r, w:ins, w:smartTag, w:sdt, w:sdtContent, ...
    }
  }

  const Relationships& rels_;
  const NoteNumbers& numbers_;
  std::string* out_ = nullptr;
  std::string discard_;
  std::vector<Field> fields_;
};

// Every paragraph below `node` (body, table cells, content controls), in order.
void CollectParagraphs(const pugi::xml_node& node, int depth, std::vector<pugi::xml_node>* out) {
  if (depth > kMaxXmlDepth) return;
  for (pugi::xml_node child : node.children()) {
    if (child.type() != pugi::node_element) continue;
    const std::string_view name = LocalName(child);
    if (name == "p") {
      out->push_back(child);
    } else if (name != "sectPr" && name != "del" && name != "moveFrom") {
      CollectParagraphs(child, depth + 1, out);
    }
  }
}

struct NotePart {
  // (w:id, the note element) in file order, separators excluded.
  std::vector<std::pair<std::string, pugi::xml_node>> notes;
  Relationships rels;
  std::unique_ptr<pugi::xml_document> xml;
};

Result<NotePart> ReadNotes(Archive& zip, const std::string& path, const char* part,
                           const char* rels_name) {
  NotePart out;
  auto bytes = zip.Read(part);
  if (!bytes.ok()) {
    if (bytes.status().IsNotFound()) return out;
    return bytes.status();
  }
  auto xml = ParseXml(path, part, *bytes);
  if (!xml.ok()) return xml.status();
  out.xml = std::move(xml).value();
  for (pugi::xml_node note : out.xml->document_element().children()) {
    const std::string_view name = LocalName(note);
    if (name != "footnote" && name != "endnote") continue;
    const std::string_view type = AttrLocal(note, "type");
    const std::string id(AttrLocal(note, "id"));
    if (!type.empty() && type != "normal") continue;  // separator, continuationSeparator, ...
    if (id == "-1" || id == "0") continue;
    out.notes.emplace_back(id, note);
  }
  auto rels = ReadRelationships(zip, path, rels_name);
  if (!rels.ok()) return rels.status();
  out.rels = std::move(rels).value();
  return out;
}

// Word shows notes numbered in the order of their first reference.
NoteNumbers NumberNotes(const pugi::xml_node& body, const NotePart& footnotes,
                        const NotePart& endnotes) {
  NoteNumbers numbers;
  std::vector<std::string> fn_order, en_order;
  const pugi::xpath_node_set refs = body.select_nodes(
      ".//*[local-name()='footnoteReference' or local-name()='endnoteReference']");
  for (const pugi::xpath_node& ref : refs) {
    const std::string id(AttrLocal(ref.node(), "id"));
    auto& order = LocalName(ref.node()) == "footnoteReference" ? fn_order : en_order;
    if (std::find(order.begin(), order.end(), id) == order.end()) order.push_back(id);
  }
  for (const auto& [id, node] : footnotes.notes) {
    if (std::find(fn_order.begin(), fn_order.end(), id) == fn_order.end()) fn_order.push_back(id);
  }
  for (const auto& [id, node] : endnotes.notes) {
    if (std::find(en_order.begin(), en_order.end(), id) == en_order.end()) en_order.push_back(id);
  }
  int n = 0;
  for (const std::string& id : fn_order) numbers.footnotes.emplace(id, ++n);
  for (const std::string& id : en_order) numbers.endnotes.emplace(id, ++n);
  return numbers;
}

void WriteNotes(const NotePart& part, const std::map<std::string, int, std::less<>>& numbers,
                const NoteNumbers& all, const char* kind, RebuiltText* out) {
  std::vector<std::pair<int, pugi::xml_node>> ordered;
  for (const auto& [id, node] : part.notes) {
    if (auto it = numbers.find(id); it != numbers.end()) ordered.emplace_back(it->second, node);
  }
  std::sort(ordered.begin(), ordered.end(),
            [](const auto& a, const auto& b) { return a.first < b.first; });
  const int first = ordered.empty() ? 0 : ordered.front().first - 1;
  ParagraphWriter writer(part.rels, all);
  for (const auto& [number, node] : ordered) {
    std::vector<pugi::xml_node> paragraphs;
    CollectParagraphs(node, 0, &paragraphs);
    out->ParagraphBreak();
    const std::string own = std::string(kind) + " " + std::to_string(number - first);
    int p = 0;
    for (const pugi::xml_node& para : paragraphs) {
      const std::string text = writer.Render(para);
      if (text.empty()) continue;
      ++p;
      out->AddLine(p == 1 ? "[^" + std::to_string(number) + "]: " + text : text,
                   own + ", paragraph " + std::to_string(p));
    }
    if (p == 0) out->AddLine("[^" + std::to_string(number) + "]:", own);
  }
}

}  // namespace

Result<Document> ReadDocx(std::string path, std::string_view bytes, const DocxLimits& limits) {
  Archive zip(path, limits);
  if (Status s = zip.Open(bytes); !s.ok()) return s;
  if (!zip.Has("word/document.xml")) {
    return Status::InvalidArgument(path +
                                   ": a ZIP archive but not a Word document (no word/document.xml)");
  }
  auto main_bytes = zip.Read("word/document.xml");
  if (!main_bytes.ok()) return main_bytes.status();
  auto main_xml = ParseXml(path, "word/document.xml", *main_bytes);
  if (!main_xml.ok()) return main_xml.status();
  main_bytes = std::string();
  auto rels = ReadRelationships(zip, path, "word/_rels/document.xml.rels");
  if (!rels.ok()) return rels.status();
  auto footnotes = ReadNotes(zip, path, "word/footnotes.xml", "word/_rels/footnotes.xml.rels");
  if (!footnotes.ok()) return footnotes.status();
  auto endnotes = ReadNotes(zip, path, "word/endnotes.xml", "word/_rels/endnotes.xml.rels");
  if (!endnotes.ok()) return endnotes.status();

  pugi::xml_node body;
  for (pugi::xml_node child : (*main_xml)->document_element().children()) {
    if (LocalName(child) == "body") body = child;
  }
  if (!body) return Status::InvalidArgument(path + ": word/document.xml has no w:body");
  const NoteNumbers numbers = NumberNotes(body, *footnotes, *endnotes);

  RebuiltText out;
  ParagraphWriter writer(*rels, numbers);
  std::vector<pugi::xml_node> paragraphs;
  CollectParagraphs(body, 0, &paragraphs);
  int p = 0;
  for (const pugi::xml_node& para : paragraphs) {
    const std::string text = writer.Render(para);
    if (text.empty()) continue;
    out.ParagraphBreak();
    out.AddLine(text, "paragraph " + std::to_string(++p));
  }
  WriteNotes(*footnotes, numbers.footnotes, numbers, "footnote", &out);
  WriteNotes(*endnotes, numbers.endnotes, numbers, "endnote", &out);
  return std::move(out).Finish(std::move(path), DocumentFormat::kDocx);
}

}  // namespace timecite::linker
