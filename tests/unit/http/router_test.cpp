#include "http/router.h"

#include <gtest/gtest.h>

namespace broadsheet::http {
namespace {

Request Make(Method method, std::string path) {
  Request request;
  request.method = method;
  request.path = std::move(path);
  return request;
}

// Dispatch takes the request by reference (the gate may fill it in).
Response Send(const Router& router, Request request) { return router.Dispatch(request); }

TEST(Router, DispatchesExactPrefixAndFallback) {
  Router router;
  router.Exact(Method::kGet, "/healthz", [](const Request&) { return Response::Text(200, "h"); });
  router.Prefix(Method::kGet, "/static/", [](const Request&) { return Response::Text(200, "s"); });
  router.Fallback([](const Request&) { return Response::Text(404, "f"); });
  EXPECT_EQ(Send(router, Make(Method::kGet, "/healthz")).body, "h");
  EXPECT_EQ(Send(router, Make(Method::kHead, "/healthz")).body, "h");
  EXPECT_EQ(Send(router, Make(Method::kGet, "/static/a.css")).body, "s");
  EXPECT_EQ(Send(router, Make(Method::kGet, "/other")).body, "f");
}

TEST(Router, WrongMethodGets405WithAllow) {
  Router router;
  router.Exact(Method::kGet, "/healthz", [](const Request&) { return Response::Text(200, "h"); });
  router.Fallback([](const Request&) { return Response::Text(404, "f"); });
  const Response post = Send(router, Make(Method::kPost, "/healthz"));
  EXPECT_EQ(post.status, 405);
  EXPECT_EQ(post.Header("Allow"), "GET, HEAD");
  EXPECT_EQ(Send(router, Make(Method::kPut, "/anything")).status, 405);
}

TEST(Router, SuffixRoutesTakeTheirMethodAndRefuseOthers) {
  Router router;
  router.Suffix(Method::kPost, "/rating", [](const Request&) { return Response::Text(200, "r"); });
  router.Fallback([](const Request&) { return Response::Text(404, "f"); });
  EXPECT_EQ(Send(router, Make(Method::kPost, "/news/3-a/rating")).body, "r");
  const Response get = Send(router, Make(Method::kGet, "/news/3-a/rating"));
  EXPECT_EQ(get.status, 405);
  EXPECT_EQ(get.Header("Allow"), "POST");
  EXPECT_EQ(Send(router, Make(Method::kGet, "/news/3-a-rating")).body, "f");
}

TEST(Router, TheGateSeesEveryRequestFirstAndMayAnswerIt) {
  Router router;
  router.Exact(Method::kGet, "/a",
               [](const Request& request) { return Response::Text(200, request.client_address); });
  router.SetGate([](Request& request) -> std::optional<Response> {
    if (request.path == "/blocked") return Response::Text(421, "no");
    request.client_address = "192.0.2.1";
    return std::nullopt;
  });
  EXPECT_EQ(Send(router, Make(Method::kGet, "/a")).body, "192.0.2.1");
  EXPECT_EQ(Send(router, Make(Method::kGet, "/blocked")).status, 421);
}

TEST(Router, ItsReservedNamesComeFromTheRoutes) {
  Router router;
  const Handler any = [](const Request&) { return Response::Text(200, ""); };
  router.Exact(Method::kGet, "/healthz", any);
  router.Exact(Method::kPost, "/admin/login", any);
  router.Prefix(Method::kGet, "/admin/", any);
  router.Prefix(Method::kGet, "/static/", any);
  router.Suffix(Method::kPost, "/comments", any);
  router.Exact(Method::kGet, "/robots.txt", any);
  EXPECT_EQ(router.ReservedNames(),
            (std::vector<std::string>{"admin", "comments", "healthz", "robots.txt", "static"}));
  ASSERT_EQ(router.Routes().size(), 6u);
  EXPECT_EQ(router.Routes()[1].path, "/admin/login");
  EXPECT_EQ(router.Routes()[1].method, Method::kPost);
}

}  // namespace
}  // namespace broadsheet::http
