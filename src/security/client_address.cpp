#include "security/client_address.h"

#include <arpa/inet.h>
#include <sodium.h>

#include <algorithm>
#include <cctype>
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

bool StartsWithIgnoreCase(std::string_view text, std::string_view prefix) {
  if (text.size() < prefix.size()) return false;
  for (std::size_t i = 0; i < prefix.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(text[i])) != prefix[i]) return false;
  }
  return true;
}

// Calls `element` for each comma-separated element of `list`, trimmed, skipping empty ones.
// Quotes are deliberately not honoured: a quote a client left open must not swallow the
// elements the proxies appended after it.
template <typename Element>
void ForEachElement(std::string_view list, Element&& element) {
  std::size_t from = 0;
  while (from <= list.size()) {
    const auto comma = std::min(list.find(',', from), list.size());
    const std::string_view item = Trim(list.substr(from, comma - from));
    if (!item.empty()) element(item);
    from = comma + 1;
  }
}

// The node of a Forwarded element ("for=192.0.2.60;proto=http"), or "unknown" when the
// element names none: a hop we cannot see past.
std::string_view ForwardedFor(std::string_view element) {
  std::size_t from = 0;
  while (from <= element.size()) {
    const auto semicolon = std::min(element.find(';', from), element.size());
    const std::string_view pair = Trim(element.substr(from, semicolon - from));
    if (StartsWithIgnoreCase(pair, "for=")) {
      const std::string_view node = StripPortAndQuotes(pair.substr(4));
      return node.empty() ? std::string_view("unknown") : node;
    }
    from = semicolon + 1;
  }
  return "unknown";
}

}  // namespace

std::optional<ForwardedHeader> ParseForwardedHeader(std::string_view name) {
  std::string lower(name);
  for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (lower == "x-forwarded-for") return ForwardedHeader::kXForwardedFor;
  if (lower == "forwarded") return ForwardedHeader::kForwarded;
  return std::nullopt;
}

std::vector<std::string_view> ForwardedChain(ForwardedHeader header, std::string_view value,
                                             std::size_t max_hops) {
  std::vector<std::string_view> chain;
  ForEachElement(value, [&](std::string_view element) {
    chain.push_back(header == ForwardedHeader::kForwarded ? ForwardedFor(element)
                                                          : StripPortAndQuotes(element));
  });
  // Only the nearest hops can matter: the walk stops at the first untrusted one.
  if (chain.size() > max_hops) chain.erase(chain.begin(), chain.end() - max_hops);
  return chain;
}

ClientAddresses::ClientAddresses(std::string_view trusted_proxies, ForwardedHeader header,
                                 const SiteKey& key)
    : header_(header), hash_key_(key.Derive(KeyPurpose::kAddressHash)) {
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

std::string_view ClientAddresses::HeaderName() const {
  return header_ == ForwardedHeader::kForwarded ? "Forwarded" : "X-Forwarded-For";
}

bool ClientAddresses::IsTrusted(std::string_view address) const {
  if (trusted_.empty()) return false;
  const auto bytes = ParseAddress(address);
  if (!bytes) return false;
  for (const Range& range : trusted_) {
    if (InRange(*bytes, range.bytes, range.prefix_bits)) return true;
  }
  return false;
}

std::string ClientAddresses::ClientOf(std::string_view peer, std::string_view header_lines) const {
  if (!IsTrusted(peer)) return std::string(peer);
  const auto chain = ForwardedChain(header_, header_lines);
  // From the nearest hop outwards, the first address no trusted proxy vouches for.
  for (auto hop = chain.rbegin(); hop != chain.rend(); ++hop) {
    if (!IsTrusted(*hop)) return std::string(*hop);
  }
  return chain.empty() ? std::string(peer) : std::string(chain.front());
}

std::string ClientAddresses::RateLimitKey(std::string_view address) const {
  const auto bytes = ParseAddress(address);
  if (!bytes) return Hash("t:" + std::string(address));
  if (IsMappedV4(*bytes)) {
    return Hash("4:" + std::string(reinterpret_cast<const char*>(bytes->data()) + 12, 4));
  }
  // One IPv6 machine is normally given a whole /64: key on the prefix.
  return Hash("6:" + std::string(reinterpret_cast<const char*>(bytes->data()), 8));
}

std::string ClientAddresses::Hash(std::string_view text) const {
  std::array<unsigned char, 16> digest{};
  crypto_generichash(digest.data(), digest.size(),
                     reinterpret_cast<const unsigned char*>(text.data()), text.size(),
                     hash_key_.data(), hash_key_.size());
  std::string hex(digest.size() * 2 + 1, '\0');
  sodium_bin2hex(hex.data(), hex.size(), digest.data(), digest.size());
  hex.pop_back();
  return hex;
}

}  // namespace broadsheet::security
