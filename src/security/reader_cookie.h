// The reader cookie (DESIGN.md §4a): `bs_reader=<16 random bytes, base64url>.<MAC>`, the MAC
// an HMAC-SHA512-256 of the id under the site key's reader subkey, so any node with the same
// key can tell a real reader id from a forged one. Immutable after construction: thread-safe.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "security/site_key.h"

namespace broadsheet::security {

inline constexpr std::string_view kReaderCookieName = "bs_reader";

class ReaderCookies {
 public:
  explicit ReaderCookies(const SiteKey& key);

  struct Issued {
    std::string reader_id;  // base64url of 16 random bytes
    std::string value;      // "<id>.<mac>", the cookie's value
  };
  // A fresh reader identity.
  Issued Issue() const;

  // The reader id in `value` when its MAC is right; nullopt for anything forged, tampered or
  // malformed.
  std::optional<std::string> Verify(std::string_view value) const;

 private:
  std::string Mac(std::string_view reader_id) const;
  SiteKey::Bytes key_;
};

}  // namespace broadsheet::security
