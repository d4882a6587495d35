// Protocol-level garbage gets its status (400, 404, 413, 431), and the server keeps serving.
#include <gtest/gtest.h>

#include <atomic>
#include <thread>

#include "http/harness/http_client.h"
#include "http/harness/server_process.h"
#include "http/harness/test_site.h"

namespace broadsheet::testing {
namespace {

class BadInput : public ::testing::Test {
 protected:
  void SetUp() override {
    server_ = std::make_unique<ServerProcess>(site_.StoreArgs(), std::vector<std::string>{"--demo"});
    ASSERT_TRUE(server_->started());
  }
  void ExpectStillServing() {
    HttpClient client(server_->port());
    EXPECT_EQ(client.Get("/").status, 200);
  }
  int Status(const std::string& raw) { return RawStatus(RawExchange(server_->port(), raw)); }

  TestSite site_;
  std::unique_ptr<ServerProcess> server_;
};

TEST_F(BadInput, DotDotPathsAreRefused) {
  EXPECT_EQ(Status("GET /../etc/passwd HTTP/1.1\r\nHost: x\r\n\r\n"), 400);
  EXPECT_EQ(Status("GET /static/../../etc/passwd HTTP/1.1\r\nHost: x\r\n\r\n"), 400);
  EXPECT_EQ(Status("GET /static/%2e%2e/%2e%2e/etc/passwd HTTP/1.1\r\nHost: x\r\n\r\n"), 400);
  EXPECT_EQ(Status("GET /etc/passwd HTTP/1.1\r\nHost: localhost\r\n\r\n"), 404);
  ExpectStillServing();
}

TEST_F(BadInput, InvalidPercentEncodingIs400) {
  EXPECT_EQ(Status("GET /%zz HTTP/1.1\r\nHost: x\r\n\r\n"), 400);
  EXPECT_EQ(Status("GET /news/%4 HTTP/1.1\r\nHost: x\r\n\r\n"), 400);
  EXPECT_EQ(Status("GET /%00 HTTP/1.1\r\nHost: x\r\n\r\n"), 400);
  ExpectStillServing();
}

TEST_F(BadInput, HugeHeadersGet431) {
  const std::string big(20 * 1024, 'a');
  const std::string answer =
      RawExchange(server_->port(), "GET / HTTP/1.1\r\nHost: x\r\nX-Big: " + big + "\r\n\r\n");
  EXPECT_EQ(RawStatus(answer), 431) << answer.substr(0, 200);
  ExpectStillServing();
}

TEST_F(BadInput, HugeBodiesGet413BeforeTheConnectionCloses) {
  const std::string body(2 * 1024 * 1024, 'x');
  const std::string answer = RawExchange(
      server_->port(), "POST / HTTP/1.1\r\nHost: x\r\nContent-Type: text/plain\r\nContent-Length: " +
                           std::to_string(body.size()) + "\r\n\r\n" + body);
  EXPECT_EQ(RawStatus(answer), 413) << answer.substr(0, 200);
  ExpectStillServing();
}

TEST_F(BadInput, GarbageRequestLinesGet400) {
  EXPECT_EQ(Status(std::string("GARB\x01\x02AGE / HTTP/1.1\r\n\r\n", 24)), 400);
  EXPECT_EQ(Status("GET\r\n\r\n"), 400);
  EXPECT_EQ(Status("GET / HTTP/9.9\r\nHost: x\r\n\r\n"), 400);
  EXPECT_EQ(Status(std::string("\x16\x03\x01\x02\x00\x01\x00\x01\xfc\x03\x03", 11) + "\r\n\r\n"), 400);
  EXPECT_EQ(Status("GET http://evil.example/ HTTP/1.1\r\nHost: x\r\n\r\n"), 400);
  ExpectStillServing();
}

TEST_F(BadInput, WrongMethodsGet405WithAllow) {
  HttpClient client(server_->port());
  const HttpResponse answer = client.Request("DELETE", "/");
  EXPECT_EQ(answer.status, 405);
  EXPECT_NE(answer.Header("allow").find("GET"), std::string::npos);
  ExpectStillServing();
}

TEST(SlowClients, AreCutOffAtTheHeaderTimeoutWhileOthersAreServed) {
  TestSite site;
  ServerProcess server(site.StoreArgs(), {"--demo", "--set", "server.header_timeout_s=1"});
  ASSERT_TRUE(server.started());
  // Several half-sent requests (a slowloris) tie up nothing that other readers need.
  std::vector<std::thread> slow;
  std::atomic<int> closed{0};
  for (int i = 0; i < 8; ++i) {
    slow.emplace_back([&] {
      if (ServerClosesIdleConnection(server.port(), "GET / HTTP/1.1\r\nHost: x\r\nX-Slow: ",
                                     std::chrono::seconds(60))) {
        ++closed;
      }
    });
  }
  HttpClient client(server.port());
  EXPECT_EQ(client.Get("/").status, 200);
  for (auto& thread : slow) thread.join();
  EXPECT_EQ(closed.load(), 8);
  EXPECT_EQ(client.Get("/").status, 200);
}

TEST(SlowClients, AKeptAliveConnectionIsClosedAtTheIdleTimeout) {
  TestSite site;
  ServerProcess server(site.StoreArgs(), {"--demo", "--set", "server.idle_timeout_s=1"});
  ASSERT_TRUE(server.started());
  // A whole request, answered; then the reader keeps the connection and says nothing.
  EXPECT_TRUE(ServerClosesIdleConnection(server.port(), "GET / HTTP/1.1\r\nHost: x\r\n\r\n",
                                         std::chrono::seconds(60)));
  HttpClient client(server.port());
  EXPECT_EQ(client.Get("/").status, 200);
}

}  // namespace
}  // namespace broadsheet::testing
