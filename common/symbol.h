// UN document symbols: recognition, normalisation and links.
//
// A symbol is an organ followed by '/'-separated components: subsidiary body,
// nature, session or year, number, modifiers — `A/RES/75/282`,
// `A/AC.290/2021/CRP.3`, `S/PV.9748`, `A/HRC/32/L.20/Rev.1`, `E/2021/10/Add.2`.
// (Source: UN Documentation Research Guide, "UN Document Symbols".)
//
// Canonical form (what Normalize returns and every other function produces):
//   - organ and body parts upper case: `a/res/75/282` -> `A/RES/75/282`;
//   - the modifiers Rev, Add, Corr, Amend and Summary in title case with the
//     number after a dot: `add.2` -> `Add.2`; other parts upper case
//     (`CRP.2`, `L.20`, `PV.9748`, `SR.23`);
//   - no trailing reissue mark (`CRP.3*` -> `CRP.3`), no spaces
//     (`S/RES/2334 (2016)` -> `S/RES/2334(2016)`), full-width forms folded.
//
// All functions are pure and thread-safe. Offsets are byte offsets into the
// UTF-8 input.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/url.h"

namespace timecite::symbol {

// Canonical spelling of `symbol` (see above). Does not check that the input is
// a symbol: use Parse for that. Invalid UTF-8 is returned trimmed, otherwise
// unchanged.
std::string Normalize(std::string_view symbol);

// The canonical symbol when `text` (surrounding whitespace ignored) is exactly
// one well-formed symbol whose organ is known (A, S, E, ST, CD, CCW, ...), in
// any letter case; nullopt otherwise ("2021/03/08", "1/2", "and/or").
std::optional<std::string> Parse(std::string_view text);

// One symbol found in free text.
struct SymbolMatch {
  std::string symbol;  // canonical form
  std::size_t begin;   // byte offset of the first character as written
  std::size_t end;     // one past the last byte, including a trailing '*'
};

// Every symbol in `utf8_text`, in order of appearance. The organ must be
// written in upper case; symbols inside URLs (after '/', '=', or in a token
// containing "://") are not reported — FromUrl reads those. Works inside CJK
// text: any non-ASCII byte is a boundary. Never fails; invalid UTF-8 bytes are
// treated as boundaries.
std::vector<SymbolMatch> FindInText(std::string_view utf8_text);

// The symbol a URL names, when it names one:
//   - undocs.org/[lang/]SYMBOL (often lower case), docs.un.org/[lang/]SYMBOL,
//     undocs.org/Home/Mobile?FinalSymbol=SYMBOL;
//   - daccess-ods.un.org/...?...&DS=SYMBOL&...;
//   - un-arm.org file names embedding the symbol with '/' written as '-'
//     (`Final-report-A-AC.290-2021-CRP.2.pdf` -> A/AC.290/2021/CRP.2).
// nullopt for everything else, including ODS job-number URLs
// (documents-dds-ny.un.org/doc/UNDOC/GEN/N15/014/02/PDF/N1501402.pdf), which
// map to symbols only through metadata.
std::optional<std::string> FromUrl(const Url& url);

// `https://docs.un.org/<canonical symbol>`.
std::string DocsLink(std::string_view symbol);

// The meeting-record symbol a UN Web TV meeting title implies, or nullopt:
//   "Security Council, 9748th meeting"                     -> S/PV.9748
//   "General Assembly: 72nd plenary meeting, 80th session" -> A/80/PV.72
//   "11th emergency special session, 5th plenary meeting"  -> A/ES-11/PV.5
//   "First Committee, 26th plenary meeting - General Assembly, 80th session"
//                                                          -> A/C.1/80/PV.26
//   Second..Sixth Committee (summary records)              -> A/C.n/80/SR.nn
//   "Human Rights Council, 52nd regular session, 3rd meeting" -> A/HRC/52/SR.3
//   "Economic and Social Council, 2024 session, 12th meeting" -> E/2024/SR.12
//   "2954th Meeting, 101st Session, Committee on the Rights of the Child (CRC)"
//                                                          -> CRC/C/SR.2954
//   (treaty bodies named by their acronym: CRC, CEDAW, CED, CERD, CAT, CCPR,
//   CRPD, CMW, CESCR -> E/C.12)
// Titles of other bodies (COPUOS, Trusteeship Council, events) give nullopt:
// their records are not predictable from the title.
std::optional<std::string> MeetingRecordFromTitle(std::string_view title);

}  // namespace timecite::symbol
