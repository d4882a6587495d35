// Issue 9, defect 1: behind haproxy (option forwardfor, as docs/OPERATIONS.md sets it up),
// a client that writes its own X-Forwarded-For or Forwarded header must not get a fresh
// rate-limit key per request. haproxy connects to the node from 127.0.0.2, the only trusted
// address; the client comes from 127.0.0.1. Runs on both stores (votes are stored).
#include <gtest/gtest.h>

#include "http/harness/haproxy.h"
#include "http/harness/http_client.h"
#include "http/harness/page_text.h"
#include "http/harness/server_process.h"
#include "http/harness/test_site.h"

namespace broadsheet::testing {
namespace {

struct Tally {
  int accepted = 0;
  int limited = 0;
};

// 40 votes from one machine, each as a new reader (no cookie), each with `forge(i)` headers.
template <typename Forge>
Tally FortyVotes(std::uint16_t port, const std::string& path, Forge&& forge) {
  HttpClient client(port);
  Tally tally;
  for (int i = 0; i < 40; ++i) {
    const int status = Vote(client, path, "4", forge(i)).status;
    tally.accepted += status == 200;
    tally.limited += status == 429;
  }
  return tally;
}

class ForgedAddresses : public ::testing::TestWithParam<ForwardedBy> {};

TEST_P(ForgedAddresses, issue_0009_AForgedForwardingHeaderDoesNotEscapeThePerAddressLimit) {
  const bool forwarded = GetParam() == ForwardedBy::kForwarded;
  TestSite site;
  // x-forwarded-for is the default, so that run needs no key (and runs on older builds too).
  std::vector<std::string> settings = {"--set", "server.trusted_proxies=127.0.0.2"};
  if (forwarded) {
    settings.insert(settings.end(), {"--set", "server.client_address_header=forwarded"});
  }
  // Each run gets a node of its own, so its limiter starts empty.
  const auto run = [&](const auto& forge) {
    TempDir dir;
    ServerProcess node({"--data", dir.File("node"), "--store", site.store_url(), "--key-file",
                        site.File("site.key")},
                       settings);
    EXPECT_TRUE(node.started());
    Haproxy haproxy(dir, {node.port()}, GetParam());
    EXPECT_TRUE(haproxy.WaitUntilReady());
    // The article's address from the node itself (any category and slug redirect to it), so
    // the test process never opens, and so never migrates, the store (this test also runs
    // against older builds, BROADSHEET_TEST_BINARY).
    HttpClient client(node.port());
    const std::string path = client.Get("/any/5").Header("location");
    EXPECT_FALSE(path.empty());
    return FortyVotes(haproxy.port(), path, forge);
  };
  // The demo is seeded once, by a first node.
  {
    ServerProcess seed(site.StoreArgs(), {"--demo"});
    ASSERT_TRUE(seed.started());
  }

  const Tally honest = run([](int) { return Headers{}; });
  EXPECT_EQ(honest.accepted, 30);
  EXPECT_EQ(honest.limited, 10);

  const Tally forged_xff = run([](int i) {
    return Headers{{"X-Forwarded-For", "198.51.100." + std::to_string(i)}};
  });
  EXPECT_EQ(forged_xff.accepted, 30);
  EXPECT_EQ(forged_xff.limited, 10);

  const Tally forged_forwarded = run([](int i) {
    return Headers{{"Forwarded", "for=203.0.113." + std::to_string(i)},
                   {"X-Forwarded-For", "192.0.2." + std::to_string(i)}};
  });
  EXPECT_EQ(forged_forwarded.accepted, 30);
  EXPECT_EQ(forged_forwarded.limited, 10);
}

INSTANTIATE_TEST_SUITE_P(Balancers, ForgedAddresses,
                         ::testing::Values(ForwardedBy::kXForwardedFor, ForwardedBy::kForwarded),
                         [](const auto& info) {
                           return info.param == ForwardedBy::kForwarded ? "Forwarded"
                                                                        : "XForwardedFor";
                         });

}  // namespace
}  // namespace broadsheet::testing
