// HTML escaping, for every page timecite writes (serve/'s pages, the
// replica's stand-in UN pages). One definition of which characters a page
// may not carry raw.
//
// Thread safety: pure functions.
#pragma once

#include <string>
#include <string_view>

namespace timecite::html {

// `text` with &, <, >, " and ' as character references (&amp; &lt; &gt;
// &quot; &#39;), safe in element content and in quoted attribute values.
// Bytes are otherwise copied as they are (UTF-8 passes through).
std::string Escape(std::string_view text);

}  // namespace timecite::html
