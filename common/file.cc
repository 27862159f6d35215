#include "common/file.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <vector>

namespace timecite {
namespace {

std::string TooLarge(const std::string& name, std::uint64_t max_bytes,
                     bool streamed) {
  std::string msg =
      name + ": larger than " + std::to_string(max_bytes >> 20) + " MiB";
  if (streamed) msg += " (a pipe or device is read up to that)";
  return msg;
}

}  // namespace

Result<std::string> ReadAll(int fd, const std::string& name,
                            std::uint64_t max_bytes) {
  std::string bytes;
  struct stat st {};
  bool regular = false;
  if (::fstat(fd, &st) == 0) {
    if (S_ISDIR(st.st_mode)) return Status::IoError(name + ": is a directory");
    regular = S_ISREG(st.st_mode);
    if (regular && st.st_size > 0) {
      if (static_cast<std::uint64_t>(st.st_size) > max_bytes)
        return Status::InvalidArgument(TooLarge(name, max_bytes, false));
      bytes.reserve(static_cast<std::size_t>(st.st_size));
    }
  }
  std::vector<char> buffer(1 << 16);
  for (;;) {
    const ssize_t n = ::read(fd, buffer.data(), buffer.size());
    if (n < 0) {
      if (errno == EINTR) continue;
      if (errno == EISDIR) return Status::IoError(name + ": is a directory");
      return Status::IoError(name + ": " + std::strerror(errno));
    }
    if (n == 0) break;
    if (bytes.size() + static_cast<std::size_t>(n) > max_bytes) {
      // A regular file that grew while it was read is still "too large".
      return Status::InvalidArgument(TooLarge(name, max_bytes, !regular));
    }
    bytes.append(buffer.data(), static_cast<std::size_t>(n));
  }
  return bytes;
}

Result<std::string> ReadFile(const std::filesystem::path& path,
                             std::uint64_t max_bytes) {
  const std::string name = path.string();
  const int fd = ::open(name.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    const int err = errno;
    if (err == ENOENT)
      return Status::NotFound(name + ": " + std::strerror(err));
    return Status::IoError(name + ": " + std::strerror(err));
  }
  Result<std::string> bytes = ReadAll(fd, name, max_bytes);
  ::close(fd);
  return bytes;
}

}  // namespace timecite
