// Fuzz target for the Host header check (site/request_gate): ParseAllowedHosts on a "[site]
// hosts" value and RequestGate::Serves / the gate itself on a Host header. The input's first
// line is the hosts list, the rest the Host header. Checks that every host the list names is
// served, in any case, and that a served header names one of them.
#include <cctype>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "fuzz_check.h"
#include "fuzz_targets.h"
#include "http/request.h"
#include "security/client_address.h"
#include "site/request_gate.h"

namespace broadsheet::fuzz {
namespace {

// Built once: libFuzzer calls the target millions of times in one process.
const security::ClientAddresses& NoProxies() {
  static const security::ClientAddresses addresses("", security::ForwardedHeader::kXForwardedFor,
                                                   FuzzSiteKey());
  return addresses;
}

std::string HostText(const site::AllowedHost& host) {
  return host.name + (host.port ? ":" + std::to_string(*host.port) : "");
}

std::string Upper(std::string text) {
  for (char& c : text) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return text;
}

void CheckGate(const site::RequestGate& gate, std::string_view host_header) {
  http::Request request;
  request.method = http::Method::kGet;
  request.path = "/";
  request.target = "/";
  request.headers.emplace_back("Host", host_header);
  const auto refused = gate(request);
  Require(refused.has_value() != (host_header.empty() || gate.Serves(host_header)),
          "the gate refuses exactly the hosts it does not serve");
  Require(!refused || refused->status == 421 || refused->status == 301,
          "a refused host gets 421 or a redirect");
}

}  // namespace

int FuzzAllowedHosts(const std::uint8_t* data, std::size_t size) {
  const auto [list, host_header] = SplitLine(AsText(data, size));
  std::vector<site::AllowedHost> hosts;
  try {
    hosts = site::ParseAllowedHosts(list);
  } catch (const std::invalid_argument&) {
    // A refused list is a start-up error; the header is still checked, against no hosts.
  }
  for (const site::AllowedHost& host : hosts) {
    Require(!host.name.empty() &&
                host.name.find_first_of("ABCDEFGHIJKLMNOPQRSTUVWXYZ") == std::string::npos,
            "host names are kept, in lower case");
    Require(!host.port || (*host.port >= 1 && *host.port <= 65535), "ports are 1 to 65535");
  }
  const site::RequestGate gate("", hosts, NoProxies());
  for (const site::AllowedHost& host : hosts) {
    Require(gate.Serves(HostText(host)) && gate.Serves(Upper(HostText(host))),
            "every listed host is served, in any case");
  }
  if (gate.Serves(host_header)) {
    const auto named = site::ParseAllowedHosts(host_header);
    Require(named.size() == 1, "a served Host header is one host");
    bool listed = false;
    for (const site::AllowedHost& host : hosts) listed = listed || host.name == named[0].name;
    Require(listed, "a served Host header names a listed host");
  }
  CheckGate(gate, host_header);

  // With [site] url set, only that host is served, with or without the scheme's port.
  if (!hosts.empty()) {
    const site::AllowedHost& first = hosts.front();
    const site::RequestGate site_gate("https://" + HostText(first) + "/news", {}, NoProxies());
    Require(site_gate.Serves(HostText(first)), "the site url's host is served");
    // ParseHost caps a Host value at 255 characters, port included.
    const std::string with_port = first.name + ":443";
    if (!first.port && with_port.size() <= 255) {
      Require(site_gate.Serves(with_port), "https's port may be written");
    }
    CheckGate(site_gate, host_header);
  }
  return 0;
}

}  // namespace broadsheet::fuzz
