// The writer half of crash_test.cc: opens the store read-write and keeps the
// search index in step through search::StoreFollower while it writes the
// store crash harness's batches (tests/store/crash_batch.h); after each batch
// it writes i as 4 bytes to the file descriptor it was given. The parent
// SIGKILLs it, most often between the store write and the index write.
//
// Usage: search_crash_child DB_DIR TRIAL ACK_FD MAX_BATCHES
#include <unistd.h>

#include <cstdint>
#include <cstdlib>
#include <iostream>
#include <string>

#include "search/search.h"
#include "store/crash_batch.h"
#include "store/store.h"

int main(int argc, char** argv) {
  using namespace timecite::store;
  if (argc != 5) {
    std::cerr << "usage: search_crash_child DB_DIR TRIAL ACK_FD MAX_BATCHES\n";
    return 64;
  }
  const std::string dir = argv[1];
  const int trial = std::atoi(argv[2]);
  const int ack_fd = std::atoi(argv[3]);
  const int max_batches = std::atoi(argv[4]);
  auto store = Store::Open(dir, OpenMode::kReadWrite);
  if (!store.ok()) {
    std::cerr << store.status().ToString() << "\n";
    return 1;
  }
  timecite::search::StoreFollower follower(**store);
  for (int i = 0; i < max_batches; ++i) {
    const bool recording = !testing::IsCitationBatch(i);
    if (recording) follower.Before(testing::CrashAsset(trial, i));
    timecite::Status s = testing::WriteCrashBatch(**store, trial, i);
    if (!s.ok()) {
      std::cerr << s.ToString() << "\n";
      return 2;
    }
    if (recording) follower.After(testing::CrashAsset(trial, i));
    if (!follower.status().ok()) {
      std::cerr << follower.status().ToString() << "\n";
      return 2;
    }
    uint32_t ack = static_cast<uint32_t>(i);
    if (::write(ack_fd, &ack, sizeof ack) != sizeof ack) return 3;
  }
  ::pause();
  return 0;
}
