// A response's status line and headers as HTTP/1.1 wire text, written straight into a string
// (the server sends it and the body as two buffers). Beast's serializer walked every header as
// a chain of buffers, costing more per request than the rest of a cache hit; this is one pass.
// The server's default headers (the security headers) are joined once, at construction, and
// added to every response that does not set one of them itself. Immutable after
// construction: thread-safe.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "http/response.h"

namespace broadsheet::http {

class ResponseHead {
 public:
  explicit ResponseHead(std::vector<std::pair<std::string, std::string>> default_headers);

  // Appends to `out` the status line, Date, the response's prepared header lines and headers, the
  // default headers it did not set, Content-Length (`content_length`, which for HEAD is what GET
  // would send) and, when needed, Connection, then the blank line. A header whose name or value
  // holds CR or LF is left out: it could only split the response.
  void Write(const Response& response, std::size_t content_length, bool keep_alive,
             bool http10_client, std::string_view date, std::string& out) const;

 private:
  std::vector<std::pair<std::string, std::string>> defaults_;
  std::string defaults_block_;  // every default header, serialized
};

}  // namespace broadsheet::http
