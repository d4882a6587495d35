#include "http/response_head.h"

#include <charconv>

#include "http/request.h"

namespace broadsheet::http {
namespace {

bool IsSafeHeaderText(std::string_view text) {
  return text.find_first_of("\r\n") == std::string_view::npos;
}

void AppendHeader(std::string& out, std::string_view name, std::string_view value) {
  out.append(name).append(": ").append(value).append("\r\n");
}

void AppendNumber(std::string& out, std::size_t value) {
  char digits[24];
  const auto [end, error] = std::to_chars(digits, digits + sizeof digits, value);
  out.append(digits, end);
}

}  // namespace

ResponseHead::ResponseHead(std::vector<std::pair<std::string, std::string>> default_headers)
    : defaults_(std::move(default_headers)) {
  for (const auto& [name, value] : defaults_) {
    if (IsSafeHeaderText(name) && IsSafeHeaderText(value)) {
      AppendHeader(defaults_block_, name, value);
    }
  }
}

void ResponseHead::Write(const Response& response, std::size_t content_length, bool keep_alive,
                         bool http10_client, std::string_view date, std::string& out) const {
  out.reserve(out.size() + 160 + defaults_block_.size() + response.prepared_headers.size() +
              response.headers.size() * 48);
  out.append("HTTP/1.1 ");
  AppendNumber(out, static_cast<std::size_t>(response.status));
  out.push_back(' ');
  out.append(ReasonPhrase(response.status)).append("\r\n");
  AppendHeader(out, "Date", date);
  out.append(response.prepared_headers);
  bool overrides_default = false;
  for (const auto& [name, value] : response.headers) {
    if (!IsSafeHeaderText(name) || !IsSafeHeaderText(value)) continue;
    AppendHeader(out, name, value);
    for (const auto& fallback : defaults_) {
      overrides_default = overrides_default || EqualsIgnoreCase(name, fallback.first);
    }
  }
  if (!overrides_default) {
    out.append(defaults_block_);
  } else {
    for (const auto& [name, value] : defaults_) {
      if (response.Header(name).empty() && IsSafeHeaderText(name) && IsSafeHeaderText(value)) {
        AppendHeader(out, name, value);
      }
    }
  }
  out.append("Content-Length: ");
  AppendNumber(out, content_length);
  out.append("\r\n");
  // HTTP/1.1 keeps connections open unless told; an HTTP/1.0 client must be told it may.
  if (!keep_alive) {
    out.append("Connection: close\r\n");
  } else if (http10_client) {
    out.append("Connection: keep-alive\r\n");
  }
  out.append("\r\n");
}

}  // namespace broadsheet::http
