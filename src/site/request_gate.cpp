#include "site/request_gate.h"

#include <unistd.h>

#include <cctype>
#include <charconv>
#include <stdexcept>

namespace broadsheet::site {
namespace {

std::string Lower(std::string_view text) {
  std::string lower(text);
  for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return lower;
}

bool IsNameCharacter(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) || c == '.' || c == '-' || c == '_';
}

// The longest Host value read: a DNS name is at most 253 characters, and a port adds 6.
constexpr std::size_t kMaxHostLength = 255;
// The shortest bracketed address, "[::]", has its closing bracket at index 3.
constexpr std::size_t kShortestBracketClose = 3;

// A Host value cut into its name (as written) and port, without allocating: the gate runs on
// every request.
struct HostParts {
  std::string_view name;
  std::optional<unsigned> port;
};

// "Example.org:8080" -> {"Example.org", 8080}; "[::1]" -> {"[::1]"}; nullopt for anything
// that is not a host name or address with an optional port.
std::optional<HostParts> SplitHost(std::string_view text) {
  if (text.empty() || text.size() > kMaxHostLength) return std::nullopt;
  HostParts host;
  std::string_view rest;
  if (text.front() == '[') {
    const auto close = text.find(']');
    if (close == std::string_view::npos || close < kShortestBracketClose) return std::nullopt;
    for (char c : text.substr(1, close - 1)) {
      if (!std::isxdigit(static_cast<unsigned char>(c)) && c != ':' && c != '.') {
        return std::nullopt;
      }
    }
    host.name = text.substr(0, close + 1);
    rest = text.substr(close + 1);
  } else {
    const auto colon = text.find(':');
    host.name = text.substr(0, colon);
    if (host.name.empty()) return std::nullopt;
    for (char c : host.name) {
      if (!IsNameCharacter(c)) return std::nullopt;
    }
    rest = colon == std::string_view::npos ? std::string_view() : text.substr(colon);
  }
  if (rest.empty()) return host;
  if (rest.front() != ':' || rest.size() < 2) return std::nullopt;
  unsigned port = 0;
  const auto digits = rest.substr(1);
  const auto [end, error] = std::from_chars(digits.data(), digits.data() + digits.size(), port);
  if (error != std::errc() || end != digits.data() + digits.size() || port == 0 ||
      port > 65535) {
    return std::nullopt;
  }
  host.port = port;
  return host;
}

std::optional<AllowedHost> ParseHost(std::string_view text) {
  const auto parts = SplitHost(text);
  if (!parts) return std::nullopt;
  return AllowedHost{Lower(parts->name), parts->port};
}

// The last element of a comma-separated header: what the nearest proxy wrote.
std::string_view LastElement(std::string_view list) {
  const auto comma = list.rfind(',');
  std::string_view last = comma == std::string_view::npos ? list : list.substr(comma + 1);
  while (!last.empty() && last.front() == ' ') last.remove_prefix(1);
  while (!last.empty() && last.back() == ' ') last.remove_suffix(1);
  return last;
}

}  // namespace

std::vector<AllowedHost> ParseAllowedHosts(std::string_view text) {
  std::vector<AllowedHost> hosts;
  std::size_t from = 0;
  while (from < text.size()) {
    const auto end = std::min(text.find_first_of(", \t", from), text.size());
    const std::string_view entry = text.substr(from, end - from);
    from = end + 1;
    if (entry.empty()) continue;
    auto host = ParseHost(entry);
    if (!host) throw std::invalid_argument("'" + std::string(entry) + "' is not a host[:port]");
    hosts.push_back(std::move(*host));
  }
  return hosts;
}

std::vector<AllowedHost> DefaultAllowedHosts(std::string_view listen_address) {
  std::vector<AllowedHost> hosts = {{"localhost", {}}, {"127.0.0.1", {}}, {"[::1]", {}}};
  char name[256] = {};
  if (gethostname(name, sizeof name - 1) == 0) {
    if (auto host = ParseHost(name)) hosts.push_back(std::move(*host));
  }
  if (listen_address != "0.0.0.0" && listen_address != "::" && !listen_address.empty()) {
    const std::string bracketed = listen_address.find(':') != std::string_view::npos
                                      ? "[" + std::string(listen_address) + "]"
                                      : std::string(listen_address);
    if (auto host = ParseHost(bracketed)) hosts.push_back(std::move(*host));
  }
  return hosts;
}

RequestGate::RequestGate(std::string site_url, std::vector<AllowedHost> hosts,
                         const security::ClientAddresses& addresses)
    : site_url_(std::move(site_url)), hosts_(std::move(hosts)), addresses_(addresses) {
  const auto scheme_end = site_url_.find("://");
  if (scheme_end == std::string::npos) return;
  site_https_ = Lower(site_url_.substr(0, scheme_end)) == "https";
  const std::string_view after = std::string_view(site_url_).substr(scheme_end + 3);
  site_host_ = ParseHost(after.substr(0, after.find('/')));
}

bool RequestGate::Serves(std::string_view host_header) const {
  const auto host = SplitHost(host_header);
  if (!host) return false;
  if (site_host_) {
    // The scheme's own port may be written or left out.
    const unsigned default_port = site_https_ ? 443 : 80;
    return http::EqualsIgnoreCase(host->name, site_host_->name) &&
           host->port.value_or(default_port) == site_host_->port.value_or(default_port);
  }
  for (const AllowedHost& allowed : hosts_) {
    if (http::EqualsIgnoreCase(host->name, allowed.name) &&
        (!allowed.port || allowed.port == host->port)) {
      return true;
    }
  }
  return false;
}

std::optional<http::Response> RequestGate::operator()(http::Request& request) const {
  if (addresses_.IsTrusted(request.remote_address)) {
    request.client_address =
        addresses_.ClientOf(request.remote_address, request.HeaderLines(addresses_.HeaderName()));
    request.https =
        http::EqualsIgnoreCase(LastElement(request.HeaderLines("X-Forwarded-Proto")), "https");
  }
  if (!site_url_.empty()) request.https = site_https_;

  if (request.path == "/healthz") return std::nullopt;
  // RFC 9112 §3.2: an HTTP/1.1 request needs exactly one Host; HTTP/1.0 may send none.
  // One pass over the headers counts the Host lines and keeps the value (this runs on every
  // request).
  int host_lines = 0;
  std::string_view host;
  for (const auto& [name, value] : request.headers) {
    if (!http::EqualsIgnoreCase(name, "Host")) continue;
    ++host_lines;
    host = value;
  }
  if (host_lines > 1 || (host_lines == 0 && request.http_version >= 11)) {
    http::Response refused =
        http::Response::Text(400, "A request needs exactly one Host header.\n");
    refused.close = true;
    return refused;
  }
  if (host.empty() || Serves(host)) return std::nullopt;
  if (site_host_ &&
      (request.method == http::Method::kGet || request.method == http::Method::kHead)) {
    return http::Response::Redirect(301, site_url_ + std::string(request.target));
  }
  http::Response refused =
      http::Response::Text(421,
                           "This server does not serve pages for that host name. (Its operator "
                           "can add the name to [site] hosts, or set [site] url.)\n");
  refused.SetHeader("Cache-Control", "no-store");
  return refused;
}

}  // namespace broadsheet::site
