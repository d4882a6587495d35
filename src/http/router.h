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

 private:
  enum class Match { kExact, kPrefix, kSuffix };
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
