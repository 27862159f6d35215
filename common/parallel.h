// Running independent work items on a few threads.
#pragma once

#include <cstddef>
#include <functional>

namespace timecite {

// The number of threads to use for `requested` (0: one per hardware thread,
// as std::thread::hardware_concurrency reports; at least 1).
unsigned ThreadCount(unsigned requested);

// Calls fn(i) exactly once for each i in [0, n), on min(jobs, n) threads
// (ThreadCount(jobs)); with one, on the calling thread. Items are handed out
// in index order as threads become free, so a slow item does not hold up the
// others. Returns when every call has returned. fn must be safe to call
// concurrently for different i (each writes only its own results) and must
// not throw.
void ParallelFor(std::size_t n, unsigned jobs,
                 const std::function<void(std::size_t)>& fn);

}  // namespace timecite
