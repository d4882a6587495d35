#include <memory>

#include "http/request.h"

namespace broadsheet::http {
namespace {

// The copy and the text its views point into, in one allocation's lifetime.
struct OwnedRequest {
  Request request;
  std::string method_text;
  std::string target;
  std::string body;
  std::vector<std::pair<std::string, std::string>> headers;
};

}  // namespace

std::shared_ptr<const Request> CopyRequest(const Request& request) {
  auto owned = std::make_shared<OwnedRequest>();
  owned->method_text = request.method_text;
  owned->target = request.target;
  owned->body = request.body;
  owned->headers.reserve(request.headers.size());
  for (const auto& [name, value] : request.headers) owned->headers.emplace_back(name, value);
  Request& copy = owned->request;
  copy = request;  // the owned strings; the views are pointed at the copies below
  copy.method_text = owned->method_text;
  copy.target = owned->target;
  copy.body = owned->body;
  copy.headers.clear();
  for (const auto& [name, value] : owned->headers) copy.headers.emplace_back(name, value);
  return std::shared_ptr<const Request>(owned, &owned->request);
}

}  // namespace broadsheet::http
