// What every request meets before its handler (the router's gate, issue 9):
// - the client's address, seen through trusted proxies (security/client_address), and whether
//   the client came over https ([site] url, or a trusted proxy's X-Forwarded-Proto);
// - the host check: only hosts the site serves get pages, so a client cannot fill or thrash
//   the page cache (keyed by origin when [site] url is unset) with Host values of its own.
//   With [site] url set, a GET or HEAD for another host is sent there (301) and anything else
//   gets 421; without it, the Host must be in [site] hosts, else 421. /healthz answers any
//   host (load balancers probe by address). An HTTP/1.1 request without exactly one Host
//   gets 400 (RFC 9112 §3.2); an HTTP/1.0 one without a Host is let in.
// Immutable after construction: thread-safe.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "http/request.h"
#include "http/response.h"
#include "security/client_address.h"

namespace broadsheet::site {

// One allowed host: a name (or "[v6]" address) and, when given, the only port it may carry.
struct AllowedHost {
  std::string name;  // lower case
  std::optional<unsigned> port;
};

// Parses "[site] hosts" ("localhost, 127.0.0.1, [::1], news.example.org:8080"). Throws
// std::invalid_argument naming the first entry that is not a host[:port].
std::vector<AllowedHost> ParseAllowedHosts(std::string_view text);

// The default allow-list: localhost, 127.0.0.1, [::1], this machine's host name and the
// listen address (when it is not a wildcard).
std::vector<AllowedHost> DefaultAllowedHosts(std::string_view listen_address);

class RequestGate {
 public:
  // `site_url`: [site] url without a trailing slash, or empty.
  RequestGate(std::string site_url, std::vector<AllowedHost> hosts,
              const security::ClientAddresses& addresses);

  // Fills request.client_address and request.https; returns the answer for a host the site
  // does not serve, or nullopt to go on.
  std::optional<http::Response> operator()(http::Request& request) const;

  // True when `host` (a Host header value) is one this site serves.
  bool Serves(std::string_view host) const;

 private:
  std::string site_url_;
  bool site_https_ = false;
  std::optional<AllowedHost> site_host_;  // from site_url_
  std::vector<AllowedHost> hosts_;
  const security::ClientAddresses& addresses_;
};

}  // namespace broadsheet::site
