// libFuzzer target: the time-phrase grammar and the context readers on
// arbitrary bytes (not only valid UTF-8: the grammar is also handed text
// that no reader has validated). Checks the invariants the callers rely on:
// phrase offsets inside the text and in order, values never negative, a
// range's end after its start, dates that exist.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "linker/citations/context.h"
#include "linker/citations/timecode.h"

namespace {

void Check(bool ok) {
  if (!ok) __builtin_trap();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace timecite::linker;
  const std::string_view text(reinterpret_cast<const char*>(data), size);

  std::size_t last_end = 0;
  for (const TimePhrase& p : FindTimePhrases(text)) {
    Check(p.begin < p.end && p.end <= text.size() && p.begin >= last_end);
    Check(p.start_ms >= 0);
    Check(!p.end_ms || *p.end_ms >= p.start_ms);
    Check(p.kind != TimePhrase::Kind::kMalformed || !p.error.empty());
    last_end = p.end;
  }
  if (auto ms = ParseTimecode(text); ms.ok()) {
    Check(*ms >= 0);
    Check(FormatTimecode(*ms).size() < 32);
  }
  for (const DateMention& d : FindDates(text)) {
    Check(d.begin < d.end && d.end <= text.size());
    Check(d.month >= 1 && d.month <= 12 && d.day >= 1 && d.day <= 31);
    Check(d.Iso().size() == 10 || d.Iso().size() == 7);
  }
  for (const MeetingMention& m : FindMeetingNumbers(text)) {
    Check(m.begin < m.end && m.end <= text.size() && m.number > 0);
  }
  (void)FindBody(text);
  return 0;
}
