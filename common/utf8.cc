#include "common/utf8.h"

#include <cstdint>
#include <cstring>

namespace timecite::utf8 {

std::size_t Decode(std::string_view s, std::size_t pos, char32_t* cp) {
  if (pos >= s.size()) return 0;
  const auto b0 = static_cast<unsigned char>(s[pos]);
  if (b0 < 0x80) {
    *cp = b0;
    return 1;
  }
  std::size_t len;
  char32_t value;
  char32_t min;
  if ((b0 & 0xE0) == 0xC0) {
    len = 2, value = b0 & 0x1F, min = 0x80;
  } else if ((b0 & 0xF0) == 0xE0) {
    len = 3, value = b0 & 0x0F, min = 0x800;
  } else if ((b0 & 0xF8) == 0xF0) {
    len = 4, value = b0 & 0x07, min = 0x10000;
  } else {
    return 0;
  }
  if (pos + len > s.size()) return 0;
  for (std::size_t i = 1; i < len; ++i) {
    const auto b = static_cast<unsigned char>(s[pos + i]);
    if ((b & 0xC0) != 0x80) return 0;
    value = (value << 6) | (b & 0x3F);
  }
  if (value < min || value > 0x10FFFF || (value >= 0xD800 && value <= 0xDFFF)) {
    return 0;
  }
  *cp = value;
  return len;
}

void Append(char32_t cp, std::string* out) {
  char buf[4];
  out->append(buf, Encode(cp, buf));
}

std::size_t FindInvalid(std::string_view s) {
  // Validation only (no code point is built): ASCII is stepped over eight
  // bytes at a time; a multi-byte sequence is checked against the ranges of
  // RFC 3629 section 4 (the second byte's range depends on the lead byte:
  // that excludes overlongs, surrogates and code points above U+10FFFF).
  const auto* p = reinterpret_cast<const unsigned char*>(s.data());
  const std::size_t n = s.size();
  std::size_t i = 0;
  const auto in = [](unsigned char b, unsigned char lo, unsigned char hi) {
    return b >= lo && b <= hi;
  };
  while (i < n) {
    if (p[i] < 0x80) {
      ++i;
      while (i + 8 <= n) {
        std::uint64_t word;
        std::memcpy(&word, p + i, 8);
        if (word & 0x8080808080808080ull) break;
        i += 8;
      }
      continue;
    }
    const unsigned char b0 = p[i];
    if (in(b0, 0xC2, 0xDF)) {
      if (i + 1 >= n || !in(p[i + 1], 0x80, 0xBF)) return i;
      i += 2;
    } else if (in(b0, 0xE0, 0xEF)) {
      const unsigned char lo = b0 == 0xE0 ? 0xA0 : 0x80;
      const unsigned char hi = b0 == 0xED ? 0x9F : 0xBF;
      if (i + 2 >= n || !in(p[i + 1], lo, hi) || !in(p[i + 2], 0x80, 0xBF))
        return i;
      i += 3;
    } else if (in(b0, 0xF0, 0xF4)) {
      const unsigned char lo = b0 == 0xF0 ? 0x90 : 0x80;
      const unsigned char hi = b0 == 0xF4 ? 0x8F : 0xBF;
      if (i + 3 >= n || !in(p[i + 1], lo, hi) || !in(p[i + 2], 0x80, 0xBF) ||
          !in(p[i + 3], 0x80, 0xBF))
        return i;
      i += 4;
    } else {
      return i;  // a continuation byte, C0/C1 or F5..FF as a lead byte
    }
  }
  return std::string_view::npos;
}

std::size_t CodePointCount(std::string_view s) {
  std::size_t count = 0;
  for (unsigned char c : s) {
    if ((c & 0xC0) != 0x80) ++count;
  }
  return count;
}

bool IsInvisible(char32_t cp) {
  return cp == 0x00AD || cp == 0x200B || cp == 0x200C || cp == 0x200D ||
         cp == 0x2060 || cp == 0xFEFF;
}

char32_t FoldWidth(char32_t cp) {
  if (cp >= 0xFF01 && cp <= 0xFF5E) return cp - 0xFF01 + 0x21;
  if (cp == 0x3000) return U' ';
  return cp;
}

char32_t FoldForSearch(char32_t cp) {
  cp = FoldWidth(cp);
  if (cp >= 0x0660 && cp <= 0x0669) return U'0' + (cp - 0x0660);
  if (cp >= 0x06F0 && cp <= 0x06F9) return U'0' + (cp - 0x06F0);
  if (cp >= U'A' && cp <= U'Z') return cp + 32;
  if (cp >= 0x00C0 && cp <= 0x00DE && cp != 0x00D7) return cp + 32;
  if (cp >= 0x0410 && cp <= 0x042F) return cp + 32;
  if (cp == 0x2236 || cp == 0xFE55) return U':';
  if (cp == 0x00A0 || cp == 0x202F || cp == 0x2009) return U' ';
  return cp;
}

std::string FoldWidthString(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  std::size_t pos = 0;
  char32_t cp = 0;
  while (pos < s.size()) {
    std::size_t n = Decode(s, pos, &cp);
    if (n == 0) {  // not reached for valid input; keep the byte
      out.push_back(s[pos]);
      ++pos;
      continue;
    }
    pos += n;
    if (IsInvisible(cp)) continue;
    Append(FoldWidth(cp), &out);
  }
  return out;
}

}  // namespace timecite::utf8
