#include "crawler/clock.h"

namespace timecite::crawler {

SystemClock::SystemClock()
    : steady_base_(std::chrono::steady_clock::now()),
      unix_base_ms_(std::chrono::duration_cast<std::chrono::milliseconds>(
                        std::chrono::system_clock::now().time_since_epoch())
                        .count()) {}

int64_t SystemClock::NowMs() {
  return unix_base_ms_ + std::chrono::duration_cast<std::chrono::milliseconds>(
                             std::chrono::steady_clock::now() - steady_base_)
                             .count();
}

}  // namespace timecite::crawler
