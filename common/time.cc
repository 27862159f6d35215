#include "common/time.h"

#include <chrono>
#include <cstdio>

namespace timecite {

std::string UtcDate(int64_t unix_ms) {
  using namespace std::chrono;
  const auto days =
      floor<std::chrono::days>(sys_time<milliseconds>(milliseconds(unix_ms)));
  const year_month_day ymd{days};
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", static_cast<int>(ymd.year()),
                static_cast<unsigned>(ymd.month()),
                static_cast<unsigned>(ymd.day()));
  return buf;
}

}  // namespace timecite
