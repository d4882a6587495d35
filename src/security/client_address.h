// Who is asking, for rate limits only (DESIGN.md §4a): the client address is never a reader's
// identity (an office or a VPN shares one), and it is never stored raw. A forwarded address
// (X-Forwarded-For, Forwarded) is believed only when the connection comes from a configured
// trusted proxy; then the nearest address that is not itself a trusted proxy is the client.
// The result is hashed under the site key's address subkey before it is used as a key.
// Immutable after construction: thread-safe.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "security/site_key.h"

namespace broadsheet::security {

class ClientAddresses {
 public:
  // `trusted_proxies`: addresses or CIDR ranges separated by commas or spaces
  // ("127.0.0.1, 10.0.0.0/8, ::1"); empty trusts nobody. Throws std::invalid_argument naming
  // the first entry that is not an address or range.
  ClientAddresses(std::string_view trusted_proxies, const SiteKey& key);

  // The client's address: `peer` itself unless it is a trusted proxy, else taken from the
  // Forwarded header when present, otherwise from X-Forwarded-For.
  std::string ClientOf(std::string_view peer, std::string_view forwarded,
                       std::string_view x_forwarded_for) const;

  // A keyed hash of `address` (hex), the form in which addresses become rate-limit keys.
  std::string Hash(std::string_view address) const;

  bool IsTrusted(std::string_view address) const;

 private:
  struct Range {
    std::array<std::uint8_t, 16> bytes{};  // IPv4 as IPv4-mapped IPv6
    int prefix_bits = 0;
  };
  std::vector<Range> trusted_;
  SiteKey::Bytes hash_key_;
};

}  // namespace broadsheet::security
