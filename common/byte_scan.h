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
  const __m128i in = _mm_loadu_si128(reinterpret_cast<const __m128i*>(chunk));
  __m128i any = _mm_setzero_si128();
  ((any = _mm_or_si128(
        any, _mm_cmpeq_epi8(in, _mm_set1_epi8(static_cast<char>(kBytes))))),
   ...);
  return static_cast<unsigned>(_mm_movemask_epi8(any));
}
#endif

}  // namespace detail

// The first offset i >= from with text[i] one of kBytes, or text.size().
template <unsigned char... kBytes>
std::size_t FindFirstOf(std::string_view text, std::size_t from) {
  std::size_t i = from;
#if defined(__SSE2__)
  for (; i + 16 <= text.size(); i += 16) {
    if (const unsigned m = detail::MatchMask<kBytes...>(text.data() + i))
      return i + static_cast<std::size_t>(std::countr_zero(m));
  }
#endif
  for (; i < text.size(); ++i) {
    if (detail::kIsOneOf<kBytes...>[static_cast<unsigned char>(text[i])])
      return i;
  }
  return text.size();
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
    count += static_cast<std::size_t>(std::popcount(others));
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

}  // namespace timecite::bytes
