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

TEST(Router, DispatchesExactPrefixAndFallback) {
  Router router;
  router.Exact(Method::kGet, "/healthz", [](const Request&) { return Response::Text(200, "h"); });
  router.Prefix(Method::kGet, "/static/", [](const Request&) { return Response::Text(200, "s"); });
  router.Fallback([](const Request&) { return Response::Text(404, "f"); });
  EXPECT_EQ(router.Dispatch(Make(Method::kGet, "/healthz")).body, "h");
  EXPECT_EQ(router.Dispatch(Make(Method::kHead, "/healthz")).body, "h");
  EXPECT_EQ(router.Dispatch(Make(Method::kGet, "/static/a.css")).body, "s");
  EXPECT_EQ(router.Dispatch(Make(Method::kGet, "/other")).body, "f");
}

TEST(Router, WrongMethodGets405WithAllow) {
  Router router;
  router.Exact(Method::kGet, "/healthz", [](const Request&) { return Response::Text(200, "h"); });
  router.Fallback([](const Request&) { return Response::Text(404, "f"); });
  const Response post = router.Dispatch(Make(Method::kPost, "/healthz"));
  EXPECT_EQ(post.status, 405);
  EXPECT_EQ(post.Header("Allow"), "GET, HEAD");
  EXPECT_EQ(router.Dispatch(Make(Method::kPut, "/anything")).status, 405);
}

TEST(Router, SuffixRoutesTakeTheirMethodAndRefuseOthers) {
  Router router;
  router.Suffix(Method::kPost, "/rating", [](const Request&) { return Response::Text(200, "r"); });
  router.Fallback([](const Request&) { return Response::Text(404, "f"); });
  EXPECT_EQ(router.Dispatch(Make(Method::kPost, "/news/3-a/rating")).body, "r");
  const Response get = router.Dispatch(Make(Method::kGet, "/news/3-a/rating"));
  EXPECT_EQ(get.status, 405);
  EXPECT_EQ(get.Header("Allow"), "POST");
  EXPECT_EQ(router.Dispatch(Make(Method::kGet, "/news/3-a-rating")).body, "f");
}

}  // namespace
}  // namespace broadsheet::http
