#include "http/access_log.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <thread>
#include <vector>

namespace broadsheet::http {
namespace {

std::string ReadAll(const std::string& path) {
  std::ifstream file(path);
  std::stringstream text;
  text << file.rdbuf();
  return text.str();
}

TEST(AccessLog, WritesOneLinePerRequestFromManyThreads) {
  const std::string path = (std::filesystem::temp_directory_path() /
                            ("bs-access-" + std::to_string(::getpid()) + ".log"))
                               .string();
  std::filesystem::remove(path);
  {
    AccessLog log(path);
    std::vector<std::thread> threads;
    for (int t = 0; t < 4; ++t) {
      threads.emplace_back([&log] {
        for (int i = 0; i < 500; ++i) {
          log.Record({"id-1", "127.0.0.1", "GET", "/town-hall/1-x", 200, 6705, 42});
        }
      });
    }
    for (auto& thread : threads) thread.join();
  }  // the destructor writes out what is pending
  const std::string text = ReadAll(path);
  std::size_t lines = 0;
  for (char c : text) lines += c == '\n';
  EXPECT_EQ(lines, 2000u);
  EXPECT_NE(text.find(" id-1 127.0.0.1 GET /town-hall/1-x 200 6705 42us\n"), std::string::npos);
  std::filesystem::remove(path);
}

TEST(AccessLog, TokensInTargetsAreCutShort) {
  EXPECT_EQ(RedactTokens("/captcha/image?token=T0123456789abcdefghij"),
            "/captcha/image?token=T0123456...");
  EXPECT_EQ(RedactTokens("/x?a=1&captcha_token=Tabcdefghijklmnop&b=2"),
            "/x?a=1&captcha_token=Tabcdefg...&b=2");
  EXPECT_EQ(RedactTokens("/x?token=short"), "/x?token=short");
  EXPECT_EQ(RedactTokens("/town-hall/1-x?page=2"), "/town-hall/1-x?page=2");
  EXPECT_EQ(RedactTokens("/no-query"), "/no-query");
}

TEST(AccessLog, AnUnwritablePathIsRefusedAndOffWritesNothing) {
  EXPECT_THROW(AccessLog("/proc/no/such/dir/access.log"), std::runtime_error);
  AccessLog off("off");
  off.Record({"id", "a", "GET", "/", 200, 1, 1});
  off.Flush();
}

}  // namespace
}  // namespace broadsheet::http
