// Fuzz target for forwarded headers (security/client_address): ForwardedChain for both
// X-Forwarded-For and Forwarded, ClientAddresses::ClientOf behind trusted proxies, and
// RateLimitKey. The input's first line is the connection's peer, the rest the header. Checks
// that every hop is a piece of the header (or "unknown"), that the client is the peer or one of
// the hops, and that keys are 32 hex characters.
#include <algorithm>
#include <string>
#include <string_view>
#include <vector>

#include "fuzz_check.h"
#include "fuzz_targets.h"
#include "security/client_address.h"

namespace broadsheet::fuzz {
namespace {

constexpr std::string_view kTrusted = "127.0.0.1, 10.0.0.0/8, ::1, 2001:db8::/32";

// Built once: libFuzzer calls the target millions of times in one process.
const security::ClientAddresses& Addresses(security::ForwardedHeader header) {
  static const security::ClientAddresses x_forwarded_for(
      kTrusted, security::ForwardedHeader::kXForwardedFor, FuzzSiteKey());
  static const security::ClientAddresses forwarded(kTrusted, security::ForwardedHeader::kForwarded,
                                                   FuzzSiteKey());
  return header == security::ForwardedHeader::kForwarded ? forwarded : x_forwarded_for;
}

bool IsKey(std::string_view key) {
  if (key.size() != 32) return false;
  for (const char c : key) {
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
  }
  return true;
}

void CheckHeader(security::ForwardedHeader header, std::string_view peer, std::string_view value) {
  const std::vector<std::string_view> chain = security::ForwardedChain(header, value);
  Require(chain.size() <= 64, "at most max_hops hops");
  for (const std::string_view hop : chain) {
    Require(IsInside(hop, value) ||
                (header == security::ForwardedHeader::kForwarded && hop == "unknown"),
            "every hop is a piece of the header");
    Require(hop.find(',') == std::string_view::npos, "no hop spans a comma");
  }
  const auto nearest = security::ForwardedChain(header, value, 2);
  Require(nearest.size() == std::min<std::size_t>(chain.size(), 2) &&
              std::equal(nearest.rbegin(), nearest.rend(), chain.rbegin()),
          "max_hops keeps the nearest hops");

  const security::ClientAddresses& addresses = Addresses(header);
  const std::string client = addresses.ClientOf(peer, value);
  if (!addresses.IsTrusted(peer)) {
    Require(client == peer, "an untrusted peer is the client");
  } else if (client != peer) {
    bool listed = false;
    for (const std::string_view hop : chain) listed = listed || hop == client;
    Require(listed, "the client is the peer or one of the hops");
    Require(!addresses.IsTrusted(client) || client == chain.front(),
            "the client is untrusted unless every hop is trusted");
  }
  Require(IsKey(addresses.RateLimitKey(client)), "a rate-limit key is 32 hex characters");
}

}  // namespace

int FuzzForwarded(const std::uint8_t* data, std::size_t size) {
  const auto [peer, value] = SplitLine(AsText(data, size));
  CheckHeader(security::ForwardedHeader::kXForwardedFor, peer, value);
  CheckHeader(security::ForwardedHeader::kForwarded, peer, value);
  Require(IsKey(Addresses(security::ForwardedHeader::kForwarded).RateLimitKey(peer)),
          "a rate-limit key is 32 hex characters");
  return 0;
}

}  // namespace broadsheet::fuzz
