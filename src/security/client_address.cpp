#include "security/client_address.h"

#include <arpa/inet.h>
#include <sodium.h>

#include <algorithm>
#include <charconv>
#include <cstring>
#include <optional>
#include <stdexcept>

namespace broadsheet::security {
namespace {

using Bytes16 = std::array<std::uint8_t, 16>;

// An IPv4 or IPv6 address as 16 bytes (IPv4 mapped into ::ffff:0:0/96), or nullopt.
std::optional<Bytes16> ParseAddress(std::string_view text) {
  if (text.empty() || text.size() > 45) return std::nullopt;
  const std::string copy(text);
  Bytes16 bytes{};
  in_addr v4{};
  if (inet_pton(AF_INET, copy.c_str(), &v4) == 1) {
    bytes[10] = bytes[11] = 0xff;
    std::memcpy(bytes.data() + 12, &v4, 4);
    return bytes;
  }
  in6_addr v6{};
  if (inet_pton(AF_INET6, copy.c_str(), &v6) == 1) {
    std::memcpy(bytes.data(), &v6, 16);
    return bytes;
  }
  return std::nullopt;
}

bool IsMappedV4(const Bytes16& bytes) {
  for (int i = 0; i < 10; ++i) {
    if (bytes[i] != 0) return false;
  }
  return bytes[10] == 0xff && bytes[11] == 0xff;
}

bool InRange(const Bytes16& address, const Bytes16& network, int prefix_bits) {
  for (int bit = 0; bit < prefix_bits; bit += 8) {
    const int bits = std::min(8, prefix_bits - bit);
    const std::uint8_t mask = static_cast<std::uint8_t>(0xff << (8 - bits));
    if ((address[bit / 8] & mask) != (network[bit / 8] & mask)) return false;
  }
  return true;
}

std::string_view Trim(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
  return text;
}

// "[2001:db8::1]:4711" -> "2001:db8::1"; "192.0.2.1:80" -> "192.0.2.1"; quotes removed.
std::string_view StripPortAndQuotes(std::string_view node) {
  node = Trim(node);
  if (node.size() >= 2 && node.front() == '"' && node.back() == '"') {
    node = node.substr(1, node.size() - 2);
  }
  if (!node.empty() && node.front() == '[') {
    const auto close = node.find(']');
    return close == std::string_view::npos ? node : node.substr(1, close - 1);
  }
  const auto colon = node.find(':');
  if (colon != std::string_view::npos && node.find(':', colon + 1) == std::string_view::npos) {
    return node.substr(0, colon);  // one colon: IPv4 with a port
  }
  return node;
}

// The addresses a header lists, nearest proxy last.
std::vector<std::string_view> ForwardedChain(std::string_view forwarded,
                                             std::string_view x_forwarded_for) {
  std::vector<std::string_view> chain;
  if (!forwarded.empty()) {
    // Forwarded: for=192.0.2.60;proto=http, for="[2001:db8::1]:4711"
    std::size_t from = 0;
    while (from <= forwarded.size()) {
      const auto comma = std::min(forwarded.find(',', from), forwarded.size());
      std::string_view element = forwarded.substr(from, comma - from);
      std::size_t pair_from = 0;
      while (pair_from <= element.size()) {
        const auto semicolon = std::min(element.find(';', pair_from), element.size());
        const std::string_view pair = Trim(element.substr(pair_from, semicolon - pair_from));
        if (pair.size() > 4 && (pair.substr(0, 4) == "for=" || pair.substr(0, 4) == "For=" ||
                                pair.substr(0, 4) == "FOR=")) {
          chain.push_back(StripPortAndQuotes(pair.substr(4)));
        }
        pair_from = semicolon + 1;
      }
      from = comma + 1;
    }
    return chain;
  }
  std::size_t from = 0;
  while (from <= x_forwarded_for.size() && !x_forwarded_for.empty()) {
    const auto comma = std::min(x_forwarded_for.find(',', from), x_forwarded_for.size());
    const auto node = StripPortAndQuotes(x_forwarded_for.substr(from, comma - from));
    if (!node.empty()) chain.push_back(node);
    from = comma + 1;
  }
  return chain;
}

}  // namespace

ClientAddresses::ClientAddresses(std::string_view trusted_proxies, const SiteKey& key)
    : hash_key_(key.Derive(KeyPurpose::kAddressHash)) {
  std::size_t from = 0;
  while (from < trusted_proxies.size()) {
    const auto end = std::min(trusted_proxies.find_first_of(", \t", from), trusted_proxies.size());
    const std::string_view entry = trusted_proxies.substr(from, end - from);
    from = end + 1;
    if (entry.empty()) continue;
    const auto slash = entry.find('/');
    const auto address = ParseAddress(entry.substr(0, slash));
    Range range;
    bool valid = address.has_value();
    if (valid) {
      range.bytes = *address;
      const bool v4 = IsMappedV4(*address);
      range.prefix_bits = 128;
      if (slash != std::string_view::npos) {
        int bits = -1;
        const auto digits = entry.substr(slash + 1);
        const auto [end_ptr, error] =
            std::from_chars(digits.data(), digits.data() + digits.size(), bits);
        valid = error == std::errc() && end_ptr == digits.data() + digits.size() && bits >= 0 &&
                bits <= (v4 ? 32 : 128);
        range.prefix_bits = v4 ? 96 + bits : bits;
      }
    }
    if (!valid) {
      throw std::invalid_argument("'" + std::string(entry) +
                                  "' is not an IP address or CIDR range");
    }
    trusted_.push_back(range);
  }
}

bool ClientAddresses::IsTrusted(std::string_view address) const {
  const auto bytes = ParseAddress(address);
  if (!bytes) return false;
  for (const Range& range : trusted_) {
    if (InRange(*bytes, range.bytes, range.prefix_bits)) return true;
  }
  return false;
}

std::string ClientAddresses::ClientOf(std::string_view peer, std::string_view forwarded,
                                      std::string_view x_forwarded_for) const {
  if (trusted_.empty() || !IsTrusted(peer)) return std::string(peer);
  const auto chain = ForwardedChain(forwarded, x_forwarded_for);
  // From the nearest hop outwards, the first address no trusted proxy vouches for.
  for (auto hop = chain.rbegin(); hop != chain.rend(); ++hop) {
    if (!IsTrusted(*hop)) return std::string(*hop);
  }
  return chain.empty() ? std::string(peer) : std::string(chain.front());
}

std::string ClientAddresses::Hash(std::string_view address) const {
  std::array<unsigned char, 16> digest{};
  crypto_generichash(digest.data(), digest.size(),
                     reinterpret_cast<const unsigned char*>(address.data()), address.size(),
                     hash_key_.data(), hash_key_.size());
  std::string hex(digest.size() * 2 + 1, '\0');
  sodium_bin2hex(hex.data(), hex.size(), digest.data(), digest.size());
  hex.pop_back();
  return hex;
}

}  // namespace broadsheet::security
