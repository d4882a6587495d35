#include "media/media_directory.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <stdexcept>
#include <system_error>
#include <utility>

#include "media/media_name.h"

namespace broadsheet::media {
namespace {

// Variants are public once published, and a front web server may serve the folder itself.
constexpr mode_t kFileMode = 0644;
constexpr std::size_t kReadChunk = 64 * 1024;

[[noreturn]] void Fail(const std::string& what, const std::string& path, int error) {
  throw std::runtime_error("media: " + what + " " + path + ": " + std::strerror(error));
}

// Owns a file descriptor; closing is checked by hand where it matters (after writing).
class FileDescriptor {
 public:
  explicit FileDescriptor(int fd) : fd_(fd) {}
  FileDescriptor(const FileDescriptor&) = delete;
  FileDescriptor& operator=(const FileDescriptor&) = delete;
  ~FileDescriptor() {
    if (fd_ >= 0) ::close(fd_);
  }
  int get() const { return fd_; }
  int Release() { return std::exchange(fd_, -1); }

 private:
  int fd_;
};

void CheckName(const std::string& file_name) {
  if (!ParseVariantFileName(file_name)) {
    throw std::invalid_argument("media: not a variant file name: " + file_name);
  }
}

void WriteAll(int fd, std::string_view bytes, const std::string& path) {
  while (!bytes.empty()) {
    const ssize_t written = ::write(fd, bytes.data(), bytes.size());
    if (written < 0) {
      if (errno == EINTR) continue;
      Fail("cannot write", path, errno);
    }
    bytes.remove_prefix(static_cast<std::size_t>(written));
  }
}

// Makes the rename itself durable: a crash after Write returns keeps the new file.
void SyncDirectory(const std::string& dir) {
  const FileDescriptor fd(::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
  if (fd.get() < 0) Fail("cannot open", dir, errno);
  if (::fsync(fd.get()) != 0) Fail("cannot fsync", dir, errno);
}

}  // namespace

MediaDirectory::MediaDirectory(std::string dir) : dir_(std::move(dir)) {}

void MediaDirectory::Write(const std::string& file_name, std::string_view bytes) const {
  CheckName(file_name);
  std::error_code error;
  std::filesystem::create_directories(dir_, error);
  if (error) Fail("cannot create", dir_, error.value());

  // A dot name never passes ParseVariantFileName, so a leftover temp file is never served.
  std::string temp = dir_ + "/." + file_name + ".XXXXXX";
  FileDescriptor fd(::mkostemp(temp.data(), O_CLOEXEC));
  if (fd.get() < 0) Fail("cannot create a temp file in", dir_, errno);
  const std::string target = dir_ + "/" + file_name;
  try {
    if (::fchmod(fd.get(), kFileMode) != 0) Fail("cannot chmod", temp, errno);
    WriteAll(fd.get(), bytes, temp);
    if (::fsync(fd.get()) != 0) Fail("cannot fsync", temp, errno);
    if (::close(fd.Release()) != 0) Fail("cannot close", temp, errno);
    if (::rename(temp.c_str(), target.c_str()) != 0) Fail("cannot rename to", target, errno);
  } catch (...) {
    ::unlink(temp.c_str());  // best effort; the error being thrown is the one that matters
    throw;
  }
  SyncDirectory(dir_);
}

std::optional<std::string> MediaDirectory::Read(const std::string& file_name) const {
  CheckName(file_name);
  const std::string path = dir_ + "/" + file_name;
  const FileDescriptor fd(::open(path.c_str(), O_RDONLY | O_CLOEXEC));
  if (fd.get() < 0) {
    if (errno == ENOENT) return std::nullopt;
    Fail("cannot open", path, errno);
  }
  // Only Write puts files here, and Reencode bounds what it writes, so no size limit.
  std::string bytes;
  char chunk[kReadChunk];
  for (;;) {
    const ssize_t got = ::read(fd.get(), chunk, sizeof chunk);
    if (got < 0) {
      if (errno == EINTR) continue;
      Fail("cannot read", path, errno);
    }
    if (got == 0) return bytes;
    bytes.append(chunk, static_cast<std::size_t>(got));
  }
}

void MediaDirectory::Remove(const std::string& file_name) const {
  CheckName(file_name);
  const std::string path = dir_ + "/" + file_name;
  if (::unlink(path.c_str()) != 0 && errno != ENOENT) Fail("cannot remove", path, errno);
}

}  // namespace broadsheet::media
