#include "http/harness/haproxy.h"

#include <signal.h>
#include <sys/wait.h>

#include <fstream>

#include "http/harness/http_client.h"

namespace broadsheet::testing {

Haproxy::Haproxy(const TempDir& dir, const std::vector<std::uint16_t>& nodes, ForwardedBy header,
                 const std::string& source) {
  port_ = FreeLoopbackPort();
  const std::string config = dir.File("haproxy.cfg");
  std::ofstream file(config);
  file << "global\n  maxconn 4096\ndefaults\n  mode http\n  timeout connect 5s\n"
          "  timeout client 60s\n  timeout server 60s\nfrontend web\n  bind 127.0.0.1:"
       << port_ << "\n  default_backend nodes\nbackend nodes\n  balance roundrobin\n";
  // As OPERATIONS.md sets it up: haproxy adds a line of its own, after the client's.
  if (header == ForwardedBy::kXForwardedFor) {
    file << "  option forwardfor\n";
  } else {
    file << "  http-request add-header Forwarded for=%[src]\n";
  }
  for (std::size_t i = 0; i < nodes.size(); ++i) {
    file << "  server node" << i << " 127.0.0.1:" << nodes[i] << " source " << source << "\n";
  }
  file.close();
  pid_ = SpawnProcess({"/usr/sbin/haproxy", "-db", "-f", config}, dir.File("haproxy.log"));
}

Haproxy::~Haproxy() {
  kill(pid_, SIGTERM);
  waitpid(pid_, nullptr, 0);
}

bool Haproxy::WaitUntilReady() const {
  HttpClient probe(port_);
  return PollUntil(
      [&] {
        try {
          return probe.Get("/healthz").status == 200;
        } catch (const std::exception&) {
          return false;
        }
      },
      std::chrono::seconds(30));
}

}  // namespace broadsheet::testing
