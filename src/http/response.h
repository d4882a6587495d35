// The response a handler returns: status, headers, body. The server adds Date, Content-Length
// and Connection. Not thread-safe (one request, one thread).
#pragma once

#include <functional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace broadsheet::http {

struct Response {
  int status = 200;
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;
  bool close = false;  // close the connection after sending
  // When set, the answer is not this response but what `deferred` returns, run on the
  // server's worker pool (http/worker_pool.h) instead of the I/O thread; a full pool answers
  // 503 with Retry-After. It may capture only what it owns: the request is gone by then.
  std::function<Response()> deferred;

  // Adds a header, or replaces the value of one with the same name.
  void SetHeader(std::string_view name, std::string_view value);
  std::string_view Header(std::string_view name) const;

  static Response Html(int status, std::string body);
  static Response Text(int status, std::string body);
  static Response Redirect(int status, std::string_view location);
  static Response Deferred(std::function<Response()> work);
};

// The reason phrase for a status ("Not Found").
std::string_view ReasonPhrase(int status);

}  // namespace broadsheet::http
