// The site key: 32 random bytes in DATA/site.key (mode 0600) from which every secret the site
// uses is derived (reader cookies, captcha tokens, address hashing...), one subkey per purpose,
// so a leak of one derived value exposes nothing else. Every node of a site shares the file.
// Immutable after loading: thread-safe.
#pragma once

#include <array>
#include <cstdint>
#include <string>

namespace broadsheet::security {

// The purposes that get their own subkey. Never renumber: a changed id changes the subkey.
enum class KeyPurpose : std::uint64_t {
  kReaderCookie = 1,
  kCaptchaToken = 2,
  kAddressHash = 3,
  kProofOfWork = 4,
  kSession = 5,
  kCsrf = 6,
};

class SiteKey {
 public:
  using Bytes = std::array<std::uint8_t, 32>;

  // Reads the key file. Throws std::runtime_error when it is missing, unreadable or not 32
  // bytes long.
  static SiteKey Load(const std::string& path);

  // Creates the key file with fresh random bytes when it does not exist; never overwrites.
  // Returns true when it created the file. Throws std::runtime_error on I/O failure.
  static bool CreateIfMissing(const std::string& path);

  // A key from bytes already in hand (fuzz targets and tests; a site loads its file).
  static SiteKey FromBytes(const Bytes& bytes) { return SiteKey(bytes); }

  // The subkey for one purpose (libsodium crypto_kdf).
  Bytes Derive(KeyPurpose purpose) const;

 private:
  explicit SiteKey(const Bytes& bytes) : bytes_(bytes) {}
  Bytes bytes_;
};

}  // namespace broadsheet::security
