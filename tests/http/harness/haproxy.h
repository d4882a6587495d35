// Test harness: haproxy on a free loopback port in front of one or more nodes, round-robin.
// It connects to the nodes from `source` (127.0.0.2 by default), so a test can trust exactly
// the balancer while its own clients come from 127.0.0.1, and it adds the client's address the
// way a site's balancer would: a header line of its own after whatever the client sent.
#pragma once

#include <sys/types.h>

#include <cstdint>
#include <string>
#include <vector>

#include "http/harness/server_process.h"

namespace broadsheet::testing {

enum class ForwardedBy { kXForwardedFor, kForwarded };

class Haproxy {
 public:
  Haproxy(const TempDir& dir, const std::vector<std::uint16_t>& nodes,
          ForwardedBy header = ForwardedBy::kXForwardedFor,
          const std::string& source = "127.0.0.2");
  ~Haproxy();
  Haproxy(const Haproxy&) = delete;
  Haproxy& operator=(const Haproxy&) = delete;

  std::uint16_t port() const { return port_; }
  // Waits (up to 30 s) until a request through the balancer is answered.
  bool WaitUntilReady() const;

 private:
  std::uint16_t port_ = 0;
  pid_t pid_ = -1;
};

}  // namespace broadsheet::testing
