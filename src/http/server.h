// The HTTP/1.1 server: Boost.Beast on Asio, one io_context per thread, keep-alive, limits,
// lingering close after a refusal, and a graceful stop on SIGINT/SIGTERM. The only place in
// the program that includes Beast. Handlers run synchronously on the I/O thread that read the
// request, except deferred work (Response::Deferred), which runs on the worker pool. Limits
// on connections (in all and per peer address) answer 503 and close. Start/Run/Stop are
// called from one controlling thread.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "http/access_log.h"
#include "http/router.h"
#include "http/worker_pool.h"

namespace broadsheet::http {

struct ServerOptions {
  std::string address = "127.0.0.1";
  std::uint16_t port = 8080;  // 0 picks a free port
  int threads = 1;
  std::size_t header_limit_bytes = 16 * 1024;
  std::size_t body_limit_bytes = 1024 * 1024;
  // POST paths (exact, without query) that take a larger body than body_limit_bytes, with
  // their own limit, for requests whose Cookie header `authorized` accepts (a live sign-in:
  // nobody else may make the server hold megabytes); their bodies get idle_timeout to arrive
  // (an upload on a slow link). `authorized` runs on an I/O thread and must not throw.
  struct UploadPath {
    std::string path;
    std::size_t limit = 0;
    std::function<bool(std::string_view cookie_header)> authorized;
  };
  std::vector<UploadPath> upload_paths;
  std::chrono::milliseconds header_timeout{10'000};
  std::chrono::milliseconds idle_timeout{60'000};
  std::chrono::milliseconds linger{2'000};
  std::chrono::milliseconds shutdown_timeout{10'000};
  // Open connections beyond these are accepted, answered 503 with Retry-After and closed.
  std::size_t max_connections = 10'000;
  std::size_t max_connections_per_address = 256;
  // Peers the per-address limit does not apply to (load balancers carry many clients).
  std::function<bool(std::string_view peer)> exempt_from_address_limit;
  // Headers added to every response that does not set them itself (the security headers).
  std::vector<std::pair<std::string, std::string>> default_headers;
};

// Splits "ADDR:PORT" (or "[v6]:PORT"). Returns false on a malformed value.
bool ParseListenAddress(const std::string& text, std::string& address, std::uint16_t& port);

class ServerCore;

class Server {
 public:
  // `workers` runs deferred work; it must outlive the server (nullptr: run it inline).
  Server(ServerOptions options, const Router& router, AccessLog& access_log,
         WorkerPool* workers = nullptr);
  ~Server();
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  // Binds and listens. Returns the bound port. Throws std::runtime_error (address in use...).
  std::uint16_t Listen();
  // Serves until SIGINT/SIGTERM or Stop(), then stops accepting, lets in-flight requests
  // finish (up to shutdown_timeout) and returns. Requires: Listen() succeeded.
  void Run();
  // Asks a running server to stop as on SIGTERM. Thread-safe.
  void Stop();

 private:
  std::unique_ptr<ServerCore> impl_;
};

}  // namespace broadsheet::http
