// Searches for any of a few byte values, sixteen bytes at a time (SSE2, part
// of every x86-64 CPU; a table, one byte at a time, elsewhere). For the scans
// that run over every byte of a document: reference markers, sentence ends.
// Offsets are in bytes; nothing is allocated; the text is only read.
#pragma once

#include <array>
#include <bit>
#include <cstddef>
#include <cstdint>
#include <string_view>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace timecite::bytes {

namespace detail {

template <unsigned char... kBytes>
inline constexpr auto kIsOneOf = [] {
  std::array<bool, 256> t{};
  ((t[kBytes] = true), ...);
  return t;
}();

#if defined(__SSE2__)
// Bit k set when chunk[k] is one of kBytes.
template <unsigned char... kBytes>
inline unsigned MatchMask(const char* chunk) {
  if constexpr (sizeof...(kBytes) == 0) {
    return 0;
  } else {
    const __m128i in = _mm_loadu_si128(reinterpret_cast<const __m128i*>(chunk));
    __m128i any = _mm_setzero_si128();
    ((any = _mm_or_si128(
          any, _mm_cmpeq_epi8(in, _mm_set1_epi8(static_cast<char>(kBytes))))),
     ...);
    return static_cast<unsigned>(_mm_movemask_epi8(any));
  }
}
#endif

// Bits set in a 16-bit mask. Without the POPCNT instruction (not part of
// baseline x86-64) std::popcount is a call into libgcc; this is a few
// arithmetic steps.
inline unsigned Popcount16(unsigned mask) {
#if defined(__POPCNT__)
  return static_cast<unsigned>(std::popcount(mask));
#else
  mask = mask - ((mask >> 1) & 0x5555u);
  mask = (mask & 0x3333u) + ((mask >> 2) & 0x3333u);
  mask = (mask + (mask >> 4)) & 0x0F0Fu;
  return (mask + (mask >> 8)) & 0x1Fu;
#endif
}

}  // namespace detail

namespace detail {
// The first offset i >= from where text[i] is (kIn) or is not (!kIn) one of
// kBytes, or text.size().
template <bool kIn, unsigned char... kBytes>
std::size_t FindFirst(std::string_view text, std::size_t from) {
  std::size_t i = from;
#if defined(__SSE2__)
  for (; i + 16 <= text.size(); i += 16) {
    const unsigned in = MatchMask<kBytes...>(text.data() + i);
    if (const unsigned m = kIn ? in : ~in & 0xFFFFu)
      return i + static_cast<std::size_t>(std::countr_zero(m));
  }
#endif
  for (; i < text.size(); ++i) {
    if (kIsOneOf<kBytes...>[static_cast<unsigned char>(text[i])] == kIn)
      return i;
  }
  return text.size();
}
}  // namespace detail

// The first offset i >= from with text[i] one of kBytes, or text.size().
template <unsigned char... kBytes>
std::size_t FindFirstOf(std::string_view text, std::size_t from) {
  return detail::FindFirst<true, kBytes...>(text, from);
}

// The first offset i >= from with text[i] not one of kBytes, or
// text.size().
template <unsigned char... kBytes>
std::size_t FindFirstNotOf(std::string_view text, std::size_t from) {
  return detail::FindFirst<false, kBytes...>(text, from);
}

// The last offset i < end with text[i] one of kBytes, or npos.
// REQUIRES: end <= text.size().
template <unsigned char... kBytes>
std::size_t FindLastOf(std::string_view text, std::size_t end) {
  std::size_t i = end;
#if defined(__SSE2__)
  for (; i >= 16; i -= 16) {
    if (const unsigned m = detail::MatchMask<kBytes...>(text.data() + i - 16))
      return i - 16 + 31 - static_cast<std::size_t>(std::countl_zero(m));
  }
#endif
  while (i-- > 0) {
    if (detail::kIsOneOf<kBytes...>[static_cast<unsigned char>(text[i])])
      return i;
  }
  return std::string_view::npos;
}

// True when more than `n` bytes of `text` are not one of kBytes (stops
// counting as soon as that is known).
template <unsigned char... kBytes>
bool MoreThanNotOf(std::string_view text, std::size_t n) {
  std::size_t count = 0, i = 0;
#if defined(__SSE2__)
  for (; i + 16 <= text.size(); i += 16) {
    const unsigned others =
        ~detail::MatchMask<kBytes...>(text.data() + i) & 0xFFFFu;
    count += detail::Popcount16(others);
    if (count > n) return true;
  }
#endif
  for (; i < text.size(); ++i) {
    if (!detail::kIsOneOf<kBytes...>[static_cast<unsigned char>(text[i])] &&
        ++count > n)
      return true;
  }
  return false;
}

namespace detail {
#if defined(__SSE2__)
// The sixteen bytes at `in` in lower case (ASCII letters only), and a mask of
// those that are not ASCII or are NUL.
inline __m128i LowerAscii16(const char* in, unsigned* stop) {
  const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(in));
  *stop = static_cast<unsigned>(
      _mm_movemask_epi8(v) |
      _mm_movemask_epi8(_mm_cmpeq_epi8(v, _mm_setzero_si128())));
  // Signed compares: only ASCII bytes are kept from here.
  const __m128i upper =
      _mm_and_si128(_mm_cmpgt_epi8(v, _mm_set1_epi8('A' - 1)),
                    _mm_cmplt_epi8(v, _mm_set1_epi8('Z' + 1)));
  return _mm_add_epi8(v, _mm_and_si128(upper, _mm_set1_epi8('a' - 'A')));
}
#endif

inline char LowerAscii(char c) {
  return c >= 'A' && c <= 'Z' ? static_cast<char>(c + ('a' - 'A')) : c;
}
}  // namespace detail

// Copies the run of ASCII bytes other than NUL that starts at text[from] to
// `out`, in lower case, and returns its length in bytes (0 when text[from] is
// not such a byte). `out` must have room for text.size() - from bytes: a
// sixteen-byte step may write past the run (never past that), bytes that are
// to be overwritten.
inline std::size_t LowerAsciiRun(std::string_view text, std::size_t from,
                                 char* out) {
  std::size_t i = from;
#if defined(__SSE2__)
  for (; i + 16 <= text.size(); i += 16) {
    unsigned stop = 0;
    _mm_storeu_si128(reinterpret_cast<__m128i*>(out + (i - from)),
                     detail::LowerAscii16(text.data() + i, &stop));
    if (stop)
      return i - from + static_cast<std::size_t>(std::countr_zero(stop));
  }
#endif
  for (; i < text.size(); ++i) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (c == 0 || c >= 0x80) break;
    out[i - from] = detail::LowerAscii(text[i]);
  }
  return i - from;
}

// As LowerAsciiRun, writing each byte as a code point to `cps` and its offset
// in `text` to `begins` (both with room for text.size() - from entries).
inline std::size_t WidenLowerAsciiRun(std::string_view text, std::size_t from,
                                      char32_t* cps, std::uint32_t* begins) {
  std::size_t i = from;
#if defined(__SSE2__)
  const __m128i zero = _mm_setzero_si128();
  const __m128i four = _mm_set1_epi32(4);
  for (; i + 16 <= text.size(); i += 16) {
    unsigned stop = 0;
    const __m128i lower = detail::LowerAscii16(text.data() + i, &stop);
    const __m128i lo = _mm_unpacklo_epi8(lower, zero);
    const __m128i hi = _mm_unpackhi_epi8(lower, zero);
    auto* c = reinterpret_cast<__m128i*>(cps + (i - from));
    _mm_storeu_si128(c, _mm_unpacklo_epi16(lo, zero));
    _mm_storeu_si128(c + 1, _mm_unpackhi_epi16(lo, zero));
    _mm_storeu_si128(c + 2, _mm_unpacklo_epi16(hi, zero));
    _mm_storeu_si128(c + 3, _mm_unpackhi_epi16(hi, zero));
    const auto at = static_cast<int>(i);
    __m128i offsets = _mm_setr_epi32(at, at + 1, at + 2, at + 3);
    auto* b = reinterpret_cast<__m128i*>(begins + (i - from));
    for (int k = 0; k < 4; ++k) {
      _mm_storeu_si128(b + k, offsets);
      offsets = _mm_add_epi32(offsets, four);
    }
    if (stop)
      return i - from + static_cast<std::size_t>(std::countr_zero(stop));
  }
#endif
  for (; i < text.size(); ++i) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (c == 0 || c >= 0x80) break;
    cps[i - from] = static_cast<unsigned char>(detail::LowerAscii(text[i]));
    begins[i - from] = static_cast<std::uint32_t>(i);
  }
  return i - from;
}

// The first offset i in [from, to) with text[i] an ASCII digit or one of
// kBytes, or `to`. REQUIRES: from <= to <= text.size().
template <unsigned char... kBytes>
std::size_t FindFirstDigitOr(std::string_view text, std::size_t from,
                             std::size_t to) {
  std::size_t i = from;
#if defined(__SSE2__)
  // '0'..'9' are those whose distance from '0' is below 10 unsigned: with
  // the top bit flipped, below -128 + 10 signed.
  const __m128i zero_digit = _mm_set1_epi8('0');
  const __m128i flip = _mm_set1_epi8(static_cast<char>(0x80));
  const __m128i ten = _mm_set1_epi8(static_cast<char>(0x80 + 10));
  for (; i + 16 <= to; i += 16) {
    const __m128i v =
        _mm_loadu_si128(reinterpret_cast<const __m128i*>(text.data() + i));
    const __m128i digits =
        _mm_cmplt_epi8(_mm_xor_si128(_mm_sub_epi8(v, zero_digit), flip), ten);
    const unsigned m = static_cast<unsigned>(_mm_movemask_epi8(digits)) |
                       detail::MatchMask<kBytes...>(text.data() + i);
    if (m) return i + static_cast<std::size_t>(std::countr_zero(m));
  }
#endif
  for (; i < to; ++i) {
    const auto c = static_cast<unsigned char>(text[i]);
    if ((c >= '0' && c <= '9') || detail::kIsOneOf<kBytes...>[c]) return i;
  }
  return to;
}

// The first offset i >= from where text[i] is not printable ASCII (a control
// byte, space, DEL, any byte >= 0x80) or is one of kBytes, or text.size().
template <unsigned char... kBytes>
std::size_t FindFirstNotPlain(std::string_view text, std::size_t from) {
  std::size_t i = from;
#if defined(__SSE2__)
  for (; i + 16 <= text.size(); i += 16) {
    const char* p = text.data() + i;
    const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p));
    // Signed: bytes >= 0x80 are negative, so below '!' as well.
    const __m128i other = _mm_or_si128(_mm_cmplt_epi8(v, _mm_set1_epi8('!')),
                                       _mm_cmpeq_epi8(v, _mm_set1_epi8(0x7F)));
    const unsigned m = static_cast<unsigned>(_mm_movemask_epi8(other)) |
                       detail::MatchMask<kBytes...>(p);
    if (m) return i + static_cast<std::size_t>(std::countr_zero(m));
  }
#endif
  for (; i < text.size(); ++i) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (c <= 0x20 || c >= 0x7F || detail::kIsOneOf<kBytes...>[c]) return i;
  }
  return text.size();
}

}  // namespace timecite::bytes
