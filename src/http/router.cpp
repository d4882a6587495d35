#include "http/router.h"

#include <algorithm>

namespace broadsheet::http {
namespace {

std::string_view MethodName(Method method) {
  switch (method) {
    case Method::kGet: return "GET";
    case Method::kHead: return "HEAD";
    case Method::kPost: return "POST";
    case Method::kPut: return "PUT";
    case Method::kDelete: return "DELETE";
    case Method::kPatch: return "PATCH";
    case Method::kOptions: return "OPTIONS";
    case Method::kOther: return "";
  }
  return "";
}

Response MethodNotAllowed(const std::string& allow) {
  Response response = Response::Text(405, "This address does not accept that method.\n");
  response.SetHeader("Allow", allow);
  return response;
}

}  // namespace

void Router::Exact(Method method, std::string path, Handler handler) {
  routes_.push_back({method, std::move(path), Match::kExact, std::move(handler)});
}

void Router::Prefix(Method method, std::string prefix, Handler handler) {
  routes_.push_back({method, std::move(prefix), Match::kPrefix, std::move(handler)});
}

void Router::Suffix(Method method, std::string suffix, Handler handler) {
  routes_.push_back({method, std::move(suffix), Match::kSuffix, std::move(handler)});
}

void Router::Fallback(Handler handler) { fallback_ = std::move(handler); }

void Router::SetGate(Gate gate) { gate_ = std::move(gate); }

Response Router::Dispatch(Request& request) const {
  if (gate_) {
    if (auto answer = gate_(request)) return std::move(*answer);
  }
  const Method wanted = request.method == Method::kHead ? Method::kGet : request.method;
  std::string allow;
  for (const Route& route : routes_) {
    const bool matches = route.match == Match::kPrefix   ? request.path.starts_with(route.path)
                         : route.match == Match::kSuffix ? request.path.ends_with(route.path)
                                                         : request.path == route.path;
    if (!matches) continue;
    if (route.method == wanted) return route.handler(request);
    if (!allow.empty()) allow += ", ";
    allow += MethodName(route.method);
    if (route.method == Method::kGet) allow += ", HEAD";
  }
  if (!allow.empty()) return MethodNotAllowed(allow);
  if (wanted == Method::kGet && fallback_) return fallback_(request);
  return MethodNotAllowed("GET, HEAD");
}

std::vector<Router::RouteInfo> Router::Routes() const {
  std::vector<RouteInfo> routes;
  for (const Route& route : routes_) routes.push_back({route.method, route.path, route.match});
  return routes;
}

std::vector<std::string> Router::ReservedNames() const {
  std::vector<std::string> names;
  for (const Route& route : routes_) {
    std::string_view path = route.path;
    while (path.starts_with('/')) path.remove_prefix(1);
    if (route.match == Match::kSuffix) {
      while (path.ends_with('/')) path.remove_suffix(1);
      path = path.substr(path.rfind('/') == std::string_view::npos ? 0 : path.rfind('/') + 1);
    } else {
      path = path.substr(0, path.find('/'));
    }
    if (!path.empty()) names.emplace_back(path);
  }
  std::sort(names.begin(), names.end());
  names.erase(std::unique(names.begin(), names.end()), names.end());
  return names;
}

}  // namespace broadsheet::http
