// The request as handlers see it: Beast-free, with a decoded path and header lookups. Header
// and body views point into the server's parse buffer and are valid only during the handler
// call. Not thread-safe (one request, one thread).
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace broadsheet::http {

enum class Method { kGet, kHead, kPost, kPut, kDelete, kPatch, kOptions, kOther };

struct Request {
  Method method = Method::kOther;
  std::string_view method_text;
  std::string path;         // percent-decoded, always starts with '/'
  std::string query;        // raw, without '?'
  std::string_view target;  // as sent
  int http_version = 11;    // 10 for HTTP/1.0, 11 for HTTP/1.1
  std::vector<std::pair<std::string_view, std::string_view>> headers;
  std::string_view body;
  std::string remote_address;  // the connection's peer
  std::string request_id;
  // Filled by the router's gate (site/request_gate) before any handler runs: the client's
  // address (trusted proxies seen through) and whether the client reached the site over https.
  std::string client_address;
  bool https = false;

  // The first header named `name` (case-insensitive), or an empty view.
  std::string_view Header(std::string_view name) const;
  // Every line of the header `name`, in order, joined with ", " (RFC 9110 §5.3); empty if none.
  std::string HeaderLines(std::string_view name) const;
  // The decoded value of the first query parameter `name`, or nullopt.
  std::optional<std::string> QueryParam(std::string_view name) const;
};

bool EqualsIgnoreCase(std::string_view a, std::string_view b);

// A copy of `request` that owns its text, for work deferred past the handler call (the
// worker pool): its views point into the copy, which lives as long as the pointer.
std::shared_ptr<const Request> CopyRequest(const Request& request);

}  // namespace broadsheet::http
