#include "http/response.h"

#include "http/request.h"
#include "http/request_target.h"

namespace broadsheet::http {

bool EqualsIgnoreCase(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    char x = a[i], y = b[i];
    if (x >= 'A' && x <= 'Z') x = static_cast<char>(x - 'A' + 'a');
    if (y >= 'A' && y <= 'Z') y = static_cast<char>(y - 'A' + 'a');
    if (x != y) return false;
  }
  return true;
}

namespace {

// A few strings of modest size per thread: enough for the responses one I/O thread has in
// flight at once, never a hoard of large buffers.
constexpr std::size_t kMaxSpareStrings = 8;
constexpr std::size_t kMaxSpareCapacity = 64 * 1024;

std::vector<std::string>& SpareStrings() {
  thread_local std::vector<std::string> spares;
  return spares;
}

}  // namespace

std::string TakeSpareString() {
  std::vector<std::string>& spares = SpareStrings();
  if (spares.empty()) return {};
  std::string text = std::move(spares.back());
  spares.pop_back();
  return text;
}

void GiveBackSpareString(std::string text) {
  std::vector<std::string>& spares = SpareStrings();
  if (text.capacity() <= 15 || text.capacity() > kMaxSpareCapacity) return;
  if (spares.size() >= kMaxSpareStrings) return;
  if (spares.capacity() < kMaxSpareStrings) spares.reserve(kMaxSpareStrings);
  text.clear();
  spares.push_back(std::move(text));
}

std::string_view Request::Header(std::string_view name) const {
  for (const auto& [key, value] : headers) {
    if (EqualsIgnoreCase(key, name)) return value;
  }
  return {};
}

std::string Request::HeaderLines(std::string_view name) const {
  std::string joined;
  for (const auto& [key, value] : headers) {
    if (!EqualsIgnoreCase(key, name)) continue;
    if (!joined.empty()) joined.append(", ");
    joined.append(value);
  }
  return joined;
}

std::optional<std::string> Request::QueryParam(std::string_view name) const {
  std::string_view rest = query;
  while (!rest.empty()) {
    const auto amp = rest.find('&');
    const std::string_view pair = rest.substr(0, amp);
    rest = amp == std::string_view::npos ? std::string_view{} : rest.substr(amp + 1);
    const auto eq = pair.find('=');
    const auto key = PercentDecode(pair.substr(0, eq), true);
    if (!key || *key != name) continue;
    if (eq == std::string_view::npos) return std::string();
    return PercentDecode(pair.substr(eq + 1), true);
  }
  return std::nullopt;
}

std::size_t Response::BodySize() const {
  if (pieces.empty()) return body.size();
  std::size_t size = 0;
  for (const BodyPiece& piece : pieces) size += PieceBytes(piece).size();
  return size;
}

void Response::AppendBody(std::string& out) const {
  if (pieces.empty()) {
    out.append(body);
    return;
  }
  for (const BodyPiece& piece : pieces) out.append(PieceBytes(piece));
}

void Response::FlattenBody() {
  if (pieces.empty()) return;
  std::string flat;
  flat.reserve(BodySize());
  AppendBody(flat);
  body = std::move(flat);
  pieces.clear();
  keeps_alive = nullptr;
}

namespace {

// Calls visit(name, value) for each "Name: value\r\n" line of a prepared header block.
template <typename Visit>
void ForEachPrepared(std::string_view block, Visit&& visit) {
  while (!block.empty()) {
    const auto end = block.find("\r\n");
    const std::string_view line = block.substr(0, end);
    const auto colon = line.find(": ");
    if (colon != std::string_view::npos) visit(line.substr(0, colon), line.substr(colon + 2));
    if (end == std::string_view::npos) break;
    block.remove_prefix(end + 2);
  }
}

}  // namespace

void Response::SetHeader(std::string_view name, std::string_view value) {
  if (!prepared_headers.empty()) {
    // Rare (a page with one reader's notice): the prepared lines become ordinary headers, so
    // that this one replaces its namesake there.
    std::vector<std::pair<std::string, std::string>> all;
    ForEachPrepared(prepared_headers, [&](std::string_view key, std::string_view text) {
      all.emplace_back(std::string(key), std::string(text));
    });
    all.insert(all.end(), headers.begin(), headers.end());
    headers = std::move(all);
    prepared_headers = {};
  }
  for (auto& [key, existing] : headers) {
    if (EqualsIgnoreCase(key, name)) {
      existing = std::string(value);
      return;
    }
  }
  headers.emplace_back(std::string(name), std::string(value));
}

std::string_view Response::Header(std::string_view name) const {
  std::string_view found;
  ForEachPrepared(prepared_headers, [&](std::string_view key, std::string_view value) {
    if (found.empty() && EqualsIgnoreCase(key, name)) found = value;
  });
  if (!found.empty()) return found;
  for (const auto& [key, value] : headers) {
    if (EqualsIgnoreCase(key, name)) return value;
  }
  return {};
}

Response Response::Html(int status, std::string body) {
  Response response;
  response.status = status;
  response.headers.emplace_back("Content-Type", "text/html; charset=utf-8");
  response.body = std::move(body);
  return response;
}

Response Response::Text(int status, std::string body) {
  Response response;
  response.status = status;
  response.headers.emplace_back("Content-Type", "text/plain; charset=utf-8");
  response.body = std::move(body);
  return response;
}

Response Response::Redirect(int status, std::string_view location) {
  Response response = Text(status, "Moved to " + std::string(location) + "\n");
  response.headers.emplace_back("Location", std::string(location));
  return response;
}

Response Response::Deferred(std::function<Response()> work) {
  Response response;
  response.deferred = std::move(work);
  return response;
}

std::string_view ReasonPhrase(int status) {
  switch (status) {
    case 200: return "OK";
    case 201: return "Created";
    case 204: return "No Content";
    case 301: return "Moved Permanently";
    case 302: return "Found";
    case 303: return "See Other";
    case 304: return "Not Modified";
    case 400: return "Bad Request";
    case 403: return "Forbidden";
    case 404: return "Not Found";
    case 405: return "Method Not Allowed";
    case 408: return "Request Timeout";
    case 410: return "Gone";
    case 413: return "Content Too Large";
    case 421: return "Misdirected Request";
    case 422: return "Unprocessable Content";
    case 429: return "Too Many Requests";
    case 431: return "Request Header Fields Too Large";
    case 500: return "Internal Server Error";
    case 503: return "Service Unavailable";
    default: return "Unknown";
  }
}

}  // namespace broadsheet::http
