#include "security/site_key.h"

#include <fcntl.h>
#include <sodium.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <stdexcept>

namespace broadsheet::security {
namespace {

void EnsureSodium() {
  if (sodium_init() < 0) throw std::runtime_error("libsodium failed to initialise");
}

std::string ErrnoText() { return std::strerror(errno); }

}  // namespace

SiteKey SiteKey::Load(const std::string& path) {
  EnsureSodium();
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) throw std::runtime_error("cannot read site key " + path + ": " + ErrnoText());
  Bytes bytes{};
  std::uint8_t extra = 0;
  const ssize_t got = ::read(fd, bytes.data(), bytes.size());
  const ssize_t more = ::read(fd, &extra, 1);
  ::close(fd);
  if (got != static_cast<ssize_t>(bytes.size()) || more != 0) {
    throw std::runtime_error("site key " + path + " must hold exactly 32 bytes");
  }
  return SiteKey(bytes);
}

bool SiteKey::CreateIfMissing(const std::string& path) {
  EnsureSodium();
  // O_EXCL: two processes running init at once never both write, and an existing key is
  // never replaced (that would log every reader out and void every token).
  const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (fd < 0) {
    if (errno == EEXIST) return false;
    throw std::runtime_error("cannot create site key " + path + ": " + ErrnoText());
  }
  Bytes bytes{};
  randombytes_buf(bytes.data(), bytes.size());
  const bool ok = ::write(fd, bytes.data(), bytes.size()) == static_cast<ssize_t>(bytes.size()) &&
                  ::fsync(fd) == 0;
  ::close(fd);
  sodium_memzero(bytes.data(), bytes.size());
  if (!ok) {
    ::unlink(path.c_str());
    throw std::runtime_error("cannot write site key " + path + ": " + ErrnoText());
  }
  return true;
}

SiteKey::Bytes SiteKey::Derive(KeyPurpose purpose) const {
  static_assert(crypto_kdf_KEYBYTES == 32 && crypto_kdf_BYTES_MAX >= 32);
  Bytes subkey{};
  crypto_kdf_derive_from_key(subkey.data(), subkey.size(), static_cast<std::uint64_t>(purpose),
                             "bsheet01", bytes_.data());
  return subkey;
}

}  // namespace broadsheet::security
