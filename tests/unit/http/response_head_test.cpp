#include "http/response_head.h"

#include <gtest/gtest.h>

namespace broadsheet::http {
namespace {

const ResponseHead kHead({{"X-Content-Type-Options", "nosniff"},
                          {"Content-Security-Policy", "default-src 'self'"}});

std::string Written(const Response& response, std::size_t length, bool keep_alive,
                    bool http10 = false) {
  std::string out;
  kHead.Write(response, length, keep_alive, http10, "Mon, 30 Nov 2026 14:00:00 GMT", out);
  return out;
}

TEST(ResponseHead, WritesTheStatusLineHeadersDefaultsAndLength) {
  Response response = Response::Text(404, "gone");
  EXPECT_EQ(Written(response, 4, true),
            "HTTP/1.1 404 Not Found\r\n"
            "Date: Mon, 30 Nov 2026 14:00:00 GMT\r\n"
            "Content-Type: text/plain; charset=utf-8\r\n"
            "X-Content-Type-Options: nosniff\r\n"
            "Content-Security-Policy: default-src 'self'\r\n"
            "Content-Length: 4\r\n"
            "\r\n");
}

TEST(ResponseHead, AHandlersOwnHeaderReplacesTheDefault) {
  Response response = Response::Text(200, "x");
  response.SetHeader("Content-Security-Policy", "sandbox");
  const std::string head = Written(response, 1, true);
  EXPECT_NE(head.find("Content-Security-Policy: sandbox\r\n"), std::string::npos) << head;
  EXPECT_EQ(head.find("default-src"), std::string::npos) << head;
  EXPECT_NE(head.find("X-Content-Type-Options: nosniff\r\n"), std::string::npos) << head;
}

TEST(ResponseHead, SaysWhenTheConnectionClosesOrStaysOpenForHttp10) {
  const Response response = Response::Text(200, "");
  EXPECT_NE(Written(response, 0, false).find("Connection: close\r\n"), std::string::npos);
  EXPECT_NE(Written(response, 0, true, true).find("Connection: keep-alive\r\n"),
            std::string::npos);
  EXPECT_EQ(Written(response, 0, true).find("Connection:"), std::string::npos);
}

TEST(ResponseHead, AHeaderThatWouldSplitTheResponseIsLeftOut) {
  Response response = Response::Text(302, "");
  response.SetHeader("Location", "/a\r\nSet-Cookie: stolen=1");
  const std::string head = Written(response, 0, true);
  EXPECT_EQ(head.find("Location"), std::string::npos) << head;
  EXPECT_EQ(head.find("stolen"), std::string::npos) << head;
}

}  // namespace
}  // namespace broadsheet::http
