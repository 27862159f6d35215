#include "common/utf8.h"

#include <cstdint>
#include <cstring>

#include "common/byte_scan.h"

#if defined(__x86_64__)
#include <immintrin.h>
#elif defined(__SSE2__)
#include <emmintrin.h>
#endif

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

namespace {

// The scalar validator from `i`, which must be a character boundary with a
// valid prefix before it. Validation only (no code point is built): ASCII is
// stepped over eight bytes at a time; a multi-byte sequence is checked against
// the ranges of RFC 3629 section 4 (the second byte's range depends on the lead
// byte: that excludes overlongs, surrogates and code points above U+10FFFF).
std::size_t FindInvalidFrom(const unsigned char* p, std::size_t n,
                            std::size_t i) {
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

// The character boundary from which the scalar validator must go on when the
// 16-byte blocks before `block` showed no error: a sequence left incomplete at
// their end starts in the last three bytes, and in a prefix without errors
// every byte that is not a continuation byte starts a character.
std::size_t RestartBefore(const unsigned char* p, std::size_t block) {
  std::size_t r = block >= 3 ? block - 3 : 0;
  while (r < block && (p[r] & 0xC0) == 0x80) ++r;
  return r;
}

#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
#define TIMECITE_UTF8_SSSE3 1

// Sixteen bytes at a time with SSSE3 byte shuffles as 16-entry tables: the
// "lookup" validation of J. Keiser and D. Lemire, "Validating UTF-8 in less
// than one instruction per byte", Software: Practice and Experience 51(5),
// 2021. Every error of RFC 3629 shows in a pair of adjacent bytes (the high
// nibble of the first, its low nibble, the high nibble of the second: three
// tables whose AND is non-zero only for an error) except a missing or extra
// third and fourth byte, which the bytes two and three back decide. Returns
// the offset up to which the input is a valid prefix ending on a character
// boundary (the offset of the block where an error shows, moved back to
// RestartBefore); the scalar validator finds the exact offset from there.
__attribute__((target("ssse3"))) std::size_t ValidPrefixSsse3(
    const unsigned char* p, std::size_t n) {
  // Error bits of the pair tables. OVERLONG_4 and TOO_LARGE_1000 share a bit:
  // the low nibble of the lead byte tells them apart.
  constexpr char kTooShort = 1 << 0;      // lead, then not a continuation
  constexpr char kTooLong = 1 << 1;       // ASCII, then a continuation
  constexpr char kOverlong3 = 1 << 2;     // E0 80..9F
  constexpr char kTooLarge = 1 << 3;      // F4 90..BF, F5..FF 90..BF
  constexpr char kSurrogate = 1 << 4;     // ED A0..BF
  constexpr char kOverlong2 = 1 << 5;     // C0/C1 then a continuation
  constexpr char kTooLarge1000 = 1 << 6;  // F5..FF 80..8F
  constexpr char kOverlong4 = 1 << 6;     // F0 80..8F
  constexpr char kTwoConts = static_cast<char>(1 << 7);  // continuation twice
  constexpr char kCarry = kTooShort | kTooLong | kTwoConts;
  const __m128i first_high = _mm_setr_epi8(
      kTooLong, kTooLong, kTooLong, kTooLong, kTooLong, kTooLong, kTooLong,
      kTooLong, kTwoConts, kTwoConts, kTwoConts, kTwoConts,
      kTooShort | kOverlong2, kTooShort, kTooShort | kOverlong3 | kSurrogate,
      kTooShort | kTooLarge | kTooLarge1000 | kOverlong4);
  const __m128i first_low = _mm_setr_epi8(
      kCarry | kOverlong3 | kOverlong2 | kOverlong4, kCarry | kOverlong2,
      kCarry, kCarry, kCarry | kTooLarge, kCarry | kTooLarge | kTooLarge1000,
      kCarry | kTooLarge | kTooLarge1000, kCarry | kTooLarge | kTooLarge1000,
      kCarry | kTooLarge | kTooLarge1000, kCarry | kTooLarge | kTooLarge1000,
      kCarry | kTooLarge | kTooLarge1000, kCarry | kTooLarge | kTooLarge1000,
      kCarry | kTooLarge | kTooLarge1000,
      kCarry | kTooLarge | kTooLarge1000 | kSurrogate,
      kCarry | kTooLarge | kTooLarge1000, kCarry | kTooLarge | kTooLarge1000);
  constexpr char kCont8 = kTooLong | kOverlong2 | kTwoConts | kOverlong3 |
                          kTooLarge1000 | kOverlong4;
  constexpr char kCont9 =
      kTooLong | kOverlong2 | kTwoConts | kOverlong3 | kTooLarge;
  constexpr char kContAB =
      kTooLong | kOverlong2 | kTwoConts | kSurrogate | kTooLarge;
  const __m128i second_high =
      _mm_setr_epi8(kTooShort, kTooShort, kTooShort, kTooShort, kTooShort,
                    kTooShort, kTooShort, kTooShort, kCont8, kCont9, kContAB,
                    kContAB, kTooShort, kTooShort, kTooShort, kTooShort);
  const __m128i nibble = _mm_set1_epi8(0x0F);
  // A block ending inside a sequence: its last byte >= C0, the one before
  // >= E0, the one before that >= F0.
  const __m128i incomplete_max =
      _mm_setr_epi8(-1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1,
                    static_cast<char>(0xF0 - 1), static_cast<char>(0xE0 - 1),
                    static_cast<char>(0xC0 - 1));
  __m128i prev = _mm_setzero_si128();
  __m128i prev_incomplete = _mm_setzero_si128();
  std::size_t i = 0;
  for (; i + 16 <= n; i += 16) {
    const __m128i in = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + i));
    __m128i error;
    if (_mm_movemask_epi8(in) == 0) {
      error = prev_incomplete;  // ASCII: only an unfinished sequence before
    } else {
      const __m128i prev1 = _mm_alignr_epi8(in, prev, 15);
      const __m128i b1_high = _mm_shuffle_epi8(
          first_high, _mm_and_si128(_mm_srli_epi16(prev1, 4), nibble));
      const __m128i b1_low =
          _mm_shuffle_epi8(first_low, _mm_and_si128(prev1, nibble));
      const __m128i b2_high = _mm_shuffle_epi8(
          second_high, _mm_and_si128(_mm_srli_epi16(in, 4), nibble));
      const __m128i pairs =
          _mm_and_si128(_mm_and_si128(b1_high, b1_low), b2_high);
      // Bytes that must be a third or fourth byte: two back >= E0, or three
      // back >= F0 (their top bit after a saturating subtraction).
      const __m128i prev2 = _mm_alignr_epi8(in, prev, 14);
      const __m128i prev3 = _mm_alignr_epi8(in, prev, 13);
      const __m128i third = _mm_subs_epu8(prev2, _mm_set1_epi8(0xE0 - 0x80));
      const __m128i fourth =
          _mm_subs_epu8(prev3, _mm_set1_epi8(static_cast<char>(0xF0 - 0x80)));
      const __m128i must_continue = _mm_and_si128(
          _mm_or_si128(third, fourth), _mm_set1_epi8(static_cast<char>(0x80)));
      error = _mm_xor_si128(must_continue, pairs);
    }
    if (_mm_movemask_epi8(_mm_cmpeq_epi8(error, _mm_setzero_si128())) !=
        0xFFFF) {
      return RestartBefore(p, i);
    }
    prev_incomplete = _mm_subs_epu8(in, incomplete_max);
    prev = in;
  }
  return RestartBefore(p, i);
}
#endif

}  // namespace

std::size_t FindInvalid(std::string_view s) {
  const auto* p = reinterpret_cast<const unsigned char*>(s.data());
  std::size_t from = 0;
#ifdef TIMECITE_UTF8_SSSE3
  static const bool kSsse3 = __builtin_cpu_supports("ssse3");
  if (kSsse3) from = ValidPrefixSsse3(p, s.size());
#endif
  return FindInvalidFrom(p, s.size(), from);
}

std::size_t CodePointCount(std::string_view s) {
  // Every byte but a continuation byte (10xxxxxx) starts a code point.
  std::size_t count = 0, i = 0;
#if defined(__SSE2__)
  // As signed bytes, continuation bytes are -128..-65: the others are > -65.
  const __m128i last_continuation = _mm_set1_epi8(-65);
  for (; i + 16 <= s.size(); i += 16) {
    const __m128i v =
        _mm_loadu_si128(reinterpret_cast<const __m128i*>(s.data() + i));
    count += bytes::detail::Popcount16(static_cast<unsigned>(
        _mm_movemask_epi8(_mm_cmpgt_epi8(v, last_continuation))));
  }
#endif
  for (; i < s.size(); ++i) {
    if ((static_cast<unsigned char>(s[i]) & 0xC0) != 0x80) ++count;
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

char32_t FoldForMatching(char32_t cp) {
  cp = FoldForSearch(cp);
  if (IsInvisible(cp)) return 0;
  if (cp == 0x200E || cp == 0x200F || cp == 0x061C ||
      (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069)) {
    return 0;  // bidi marks, common around numbers in Arabic text
  }
  if ((cp >= 0x064B && cp <= 0x0652) || cp == 0x0640 || cp == 0x0670)
    return 0;  // harakat, tatweel
  if (cp == 0x0622 || cp == 0x0623 || cp == 0x0625 || cp == 0x0671)
    return 0x0627;                  // alef forms
  if (cp == 0x0649) return 0x064A;  // alef maksura as yeh ("إلى" / "الي")
  if (cp == 0x060C) return U',';    // Arabic comma
  if (cp == 0x00A0) return U' ';
  return cp;
}

char32_t FoldAccent(char32_t cp) {
  // U+00C0..U+017F, sixteen to a line; '.' keeps the code point.
  static constexpr char kBase[] =
      "AAAAAA.CEEEEIIII"  // U+00C0
      ".NOOOOO.OUUUUY.."  // U+00D0
      "aaaaaa.ceeeeiiii"  // U+00E0
      ".nooooo.ouuuuy.y"  // U+00F0
      "AaAaAaCcCcCcCcDd"  // U+0100
      "DdEeEeEeEeEeGgGg"  // U+0110
      "GgGgHhHhIiIiIiIi"  // U+0120
      "Ii..JjKk.LlLlLlL"  // U+0130
      "lLlNnNnNn...OoOo"  // U+0140
      "Oo..RrRrRrSsSsSs"  // U+0150
      "SsTtTtTtUuUuUuUu"  // U+0160
      "UuUuWwYyYZzZzZzs";  // U+0170
  static_assert(sizeof kBase == 0x180 - 0xC0 + 1);
  if (cp >= 0x00C0 && cp < 0x0180) {
    const char base = kBase[cp - 0x00C0];
    return base == '.' ? cp : static_cast<char32_t>(base);
  }
  if (cp >= 0x0300 && cp <= 0x036F) return 0;
  if (cp == 0x0451) return 0x0435;  // ё
  if (cp == 0x0401) return 0x0415;  // Ё
  return cp;
}

std::string FoldForIndex(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  std::size_t pos = 0;
  char32_t cp = 0;
  while (pos < text.size()) {
    const auto b = static_cast<unsigned char>(text[pos]);
    if (b < 0x80) {
      out.push_back(static_cast<char>(b));
      ++pos;
      continue;
    }
    std::size_t n = DecodeInline(text, pos, &cp);
    if (n == 0) {
      n = 1;
      cp = 0xFFFD;
    }
    pos += n;
    cp = FoldForMatching(cp);
    if (cp != 0) cp = FoldAccent(cp);
    if (cp != 0) Append(cp, &out);
  }
  return out;
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
