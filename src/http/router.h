// Maps a method and path to a handler: exact paths, path prefixes and suffixes (in the order
// registered), then a fallback. A path that matches with another method gets 405 with Allow.
// HEAD is answered by the GET handler (the server sends no body). A gate, when set, sees every
// request first: it may complete the request (the client's address, https) or answer it
// itself (a host the site does not serve). Built once at start, then read-only: thread-safe.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "http/request.h"
#include "http/response.h"

namespace broadsheet::http {

using Handler = std::function<Response(const Request&)>;
// Returns an answer to send instead of dispatching, or nullopt to go on.
using Gate = std::function<std::optional<Response>(Request&)>;

class Router {
 public:
  void Exact(Method method, std::string path, Handler handler);
  void Prefix(Method method, std::string prefix, Handler handler);
  // Paths ending in `suffix` ("/rating" for every article's rating form).
  void Suffix(Method method, std::string suffix, Handler handler);
  // Answers every path no route matched (GET and HEAD; other methods get 405).
  void Fallback(Handler handler);
  void SetGate(Gate gate);

  // Runs the gate, then the matching handler.
  Response Dispatch(Request& request) const;

  enum class Match { kExact, kPrefix, kSuffix };
  struct RouteInfo {
    Method method;
    std::string path;
    Match match;
  };
  // Every registered route, in order (tests enumerate the back office's POST routes).
  std::vector<RouteInfo> Routes() const;
  // The names the router answers itself at the top level, which no category may take as its
  // slug: the first segment of every exact and prefix path ("admin" for "/admin/login") and
  // the last of every suffix ("comments" for "/comments"). Sorted, without duplicates.
  std::vector<std::string> ReservedNames() const;

 private:
  struct Route {
    Method method;
    std::string path;
    Match match;
    Handler handler;
  };
  std::vector<Route> routes_;
  Handler fallback_;
  Gate gate_;
};

}  // namespace broadsheet::http
