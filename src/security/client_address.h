// Who is asking, for rate limits only (DESIGN.md §4a): the client address is never a reader's
// identity (an office or a VPN shares one), and it is never stored raw. A forwarded address is
// believed only when the connection comes from a configured trusted proxy, and only from the
// one header the operator configured ([server] client_address_header): every line of it,
// joined in order, walked from the nearest hop outwards past trusted proxies (RFC 7239 §7,
// nginx's real_ip_recursive). What a client writes into the header itself sits to the left of
// what the proxies appended, so it is never reached while a proxy vouches for the hop after it.
// Rate-limit keys are keyed hashes of the IPv4 address or of the IPv6 /64 (one machine owns a
// whole /64). Immutable after construction: thread-safe.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "security/site_key.h"

namespace broadsheet::security {

// Which header the trusted proxies write.
enum class ForwardedHeader { kXForwardedFor, kForwarded };

// "x-forwarded-for" or "forwarded" (any case), else nullopt.
std::optional<ForwardedHeader> ParseForwardedHeader(std::string_view name);

// More hops than any real chain of proxies: beyond them, the walk could only ever stop sooner.
inline constexpr std::size_t kMaxForwardedHops = 64;

// The hops a header lists, farthest first, nearest (the last proxy's peer) last. Entries that
// are not addresses ("unknown", "_hidden", garbage) stay in as they are, ports and quotes
// stripped. At most `max_hops` of the nearest are kept.
std::vector<std::string_view> ForwardedChain(ForwardedHeader header, std::string_view value,
                                             std::size_t max_hops = kMaxForwardedHops);

class ClientAddresses {
 public:
  // `trusted_proxies`: addresses or CIDR ranges separated by commas or spaces
  // ("127.0.0.1, 10.0.0.0/8, ::1"); empty trusts nobody. Throws std::invalid_argument naming
  // the first entry that is not an address or range.
  ClientAddresses(std::string_view trusted_proxies, ForwardedHeader header, const SiteKey& key);

  // The header to read: "X-Forwarded-For" or "Forwarded".
  std::string_view HeaderName() const;

  // The client's address: `peer` itself unless it is a trusted proxy; else, in
  // `header_lines` (every line of the configured header joined with ", " in order), the
  // nearest hop that is not a trusted proxy; when every hop is trusted, the farthest; when the
  // header is empty, `peer`.
  std::string ClientOf(std::string_view peer, std::string_view header_lines) const;

  // The rate-limit key of an address: the keyed hash of the IPv4 address, or of the IPv6
  // address's /64 prefix; text that is not an address is hashed as it is.
  std::string RateLimitKey(std::string_view address) const;

  // A keyed hash of `text` (32 hex characters) under the address subkey.
  std::string Hash(std::string_view text) const;

  bool IsTrusted(std::string_view address) const;
  bool TrustsAnyone() const { return !trusted_.empty(); }

 private:
  struct Range {
    std::array<std::uint8_t, 16> bytes{};  // IPv4 as IPv4-mapped IPv6
    int prefix_bits = 0;
  };
  std::vector<Range> trusted_;
  ForwardedHeader header_;
  SiteKey::Bytes hash_key_;
};

}  // namespace broadsheet::security
