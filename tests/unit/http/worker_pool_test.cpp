// The worker pool (issue 9): slow work leaves the I/O thread free, and a full queue answers
// 503 with Retry-After at once instead of queueing without bound. The server is real, on a
// free loopback port; a latch holds the one worker so the queue fills deterministically.
#include "http/worker_pool.h"

#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <thread>

#include "http/server.h"
#include "support/latch.h"

namespace broadsheet::http {
namespace {

TEST(WorkerPool, RunsJobsAndRefusesBeyondItsQueue) {
  WorkerPool pool(1, 2);
  testing::Latch latch;
  std::atomic<int> done{0};
  ASSERT_TRUE(pool.TrySubmit([&] {
    latch.Wait();
    ++done;
  }));
  ASSERT_TRUE(testing::Eventually([&] { return pool.running() == 1; }));
  EXPECT_TRUE(pool.TrySubmit([&] { ++done; }));
  EXPECT_TRUE(pool.TrySubmit([&] { ++done; }));
  EXPECT_FALSE(pool.TrySubmit([&] { ++done; }));  // two waiting already
  EXPECT_EQ(pool.queued(), 2u);
  latch.Release();
  EXPECT_TRUE(testing::Eventually([&] { return done == 3; }));
  pool.Stop();
  EXPECT_FALSE(pool.TrySubmit([] {}));
}

// A connection that has sent one request ("Connection: close") and can read the answer.
class RawConnection {
 public:
  RawConnection(std::uint16_t port, const std::string& path) {
    fd_ = socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_port = htons(port);
    inet_pton(AF_INET, "127.0.0.1", &address.sin_addr);
    EXPECT_EQ(connect(fd_, reinterpret_cast<sockaddr*>(&address), sizeof address), 0);
    const std::string request =
        "GET " + path + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n";
    EXPECT_EQ(write(fd_, request.data(), request.size()), static_cast<ssize_t>(request.size()));
  }
  ~RawConnection() { close(fd_); }
  // Everything until the server closes.
  std::string Answer() {
    std::string answer;
    char buffer[4096];
    ssize_t n;
    while ((n = read(fd_, buffer, sizeof buffer)) > 0) answer.append(buffer, n);
    return answer;
  }

 private:
  int fd_ = -1;
};

TEST(WorkerPool, DeferredWorkLeavesTheIoThreadFreeAndAFullPoolAnswers503) {
  WorkerPool pool(/*threads=*/1, /*queue_limit=*/1);
  testing::Latch latch;
  Router router;
  router.Exact(Method::kGet, "/draw", [&](const Request&) {
    return Response::Deferred([&] {
      latch.Wait();
      return Response::Text(200, "drawn");
    });
  });
  router.Exact(Method::kGet, "/quick", [](const Request&) { return Response::Text(200, "quick"); });
  AccessLog log("off");
  ServerOptions options;
  options.port = 0;
  options.threads = 1;
  options.linger = std::chrono::milliseconds(100);
  Server server(options, router, log, &pool);
  const std::uint16_t port = server.Listen();
  std::thread serving([&] { server.Run(); });

  RawConnection running(port, "/draw");
  ASSERT_TRUE(testing::Eventually([&] { return pool.running() == 1; }));
  RawConnection waiting(port, "/draw");
  ASSERT_TRUE(testing::Eventually([&] { return pool.queued() == 1; }));
  const std::string refused = RawConnection(port, "/draw").Answer();
  EXPECT_EQ(refused.substr(0, 12), "HTTP/1.1 503") << refused;
  EXPECT_NE(refused.find("Retry-After: "), std::string::npos);
  // The only I/O thread is not drawing: it still answers everything else.
  EXPECT_NE(RawConnection(port, "/quick").Answer().find("\r\n\r\nquick"), std::string::npos);

  latch.Release();
  EXPECT_NE(running.Answer().find("\r\n\r\ndrawn"), std::string::npos);
  EXPECT_NE(waiting.Answer().find("\r\n\r\ndrawn"), std::string::npos);
  server.Stop();
  serving.join();
  pool.Stop();
}

}  // namespace
}  // namespace broadsheet::http
