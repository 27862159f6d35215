// Whole-file reads with a size cap: every file timecite reads whole (reports,
// timecite.toml, the iso-codes country tables, site profiles, CA bundles,
// replica world files, `crawl --from` lists) goes through here, so that each
// gets the same checks and the same errors.
//
// A regular file larger than the cap is refused before anything is read. A
// pipe, a FIFO or a character device (/dev/zero, a terminal) has no size: it
// is read in 64 KiB chunks and refused as soon as it passes the cap, so no
// input can fill memory or make a read run forever.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>

#include "common/status.h"

namespace timecite {

// The bytes of the file at `path`, at most `max_bytes` of them.
// Errors, each message starting with `path`:
//   NotFound         "<path>: No such file or directory"
//   IoError          "<path>: is a directory"; "<path>: <strerror>" when it
//                    cannot be opened or a read fails (permission, EIO)
//   InvalidArgument  "<path>: larger than <N> MiB" (a regular file), or
//                    "<path>: larger than <N> MiB (a pipe or device is read
//                    up to that)"
// <N> is max_bytes in MiB, rounded down (at least 1 MiB is meant).
Result<std::string> ReadFile(const std::filesystem::path& path,
                             std::uint64_t max_bytes);

// The same for a descriptor the caller opened (standard input: fd 0). `name`
// stands for the path in the errors above. The descriptor is read to its end
// (or the cap) and not closed.
Result<std::string> ReadAll(int fd, const std::string& name,
                            std::uint64_t max_bytes);

}  // namespace timecite
