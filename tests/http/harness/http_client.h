// Test harness: a small synchronous HTTP/1.1 client on Beast, keeping one keep-alive
// connection to 127.0.0.1:PORT, plus a raw exchange for bytes no well-behaved client sends.
// One client per thread.
#pragma once

#include <chrono>
#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <utility>
#include <vector>

namespace broadsheet::testing {

struct HttpResponse {
  int status = 0;
  std::map<std::string, std::string> headers;  // lowercase names
  std::string body;
  std::string Header(const std::string& lowercase_name) const {
    const auto it = headers.find(lowercase_name);
    return it == headers.end() ? std::string() : it->second;
  }
};

using Headers = std::vector<std::pair<std::string, std::string>>;

// A browser-like User-Agent, so requests count as reader views.
inline const char* kBrowserAgent =
    "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0 "
    "Safari/537.36";

class HttpClient {
 public:
  explicit HttpClient(std::uint16_t port);
  ~HttpClient();

  // Sends one request on the kept-alive connection (reconnecting if the server closed it).
  // A "User-Agent" in `headers` replaces the browser default.
  HttpResponse Request(const std::string& method, const std::string& target,
                       const Headers& headers = {}, const std::string& body = {});
  HttpResponse Get(const std::string& target, const Headers& headers = {}) {
    return Request("GET", target, headers);
  }

 private:
  struct Connection;
  std::uint16_t port_;
  std::unique_ptr<Connection> connection_;
};

// Opens a new connection, sends `bytes` as they are, half-closes, and returns everything the
// server answered before closing (empty when it reset the connection).
std::string RawExchange(std::uint16_t port, const std::string& bytes);

// Opens a connection, sends `partial_request` (or a whole request, whose answer it reads) and
// nothing more, and returns true if the server closes the connection within `deadline`.
bool ServerClosesIdleConnection(std::uint16_t port, const std::string& partial_request,
                                std::chrono::seconds deadline);

// The status code of a raw HTTP response ("HTTP/1.1 400 ..." -> 400), 0 if none.
int RawStatus(const std::string& response);

}  // namespace broadsheet::testing
