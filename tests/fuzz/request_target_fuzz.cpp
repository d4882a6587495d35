// Fuzz target for the request target: ParseTarget, PercentDecode and Request::QueryParam, the
// first code every request's bytes reach. Checks what a handler relies on: a parsed path starts
// with '/', holds no control byte, backslash or dot segment, and the query is the raw text after
// the first '?'.
#include <string>
#include <string_view>

#include "fuzz_check.h"
#include "fuzz_targets.h"
#include "http/request.h"
#include "http/request_target.h"

namespace broadsheet::fuzz {
namespace {

// Every byte as %XX: PercentDecode must give the bytes back.
std::string EncodeAll(std::string_view bytes) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (const char c : bytes) {
    const auto byte = static_cast<unsigned char>(c);
    out += '%';
    out += kHex[byte >> 4];
    out += kHex[byte & 0xf];
  }
  return out;
}

void CheckParsedPath(std::string_view target, const http::ParsedTarget& parsed) {
  const std::string& path = parsed.path;
  Require(!path.empty() && path.front() == '/', "a parsed path starts with '/'");
  for (const char c : path) {
    const auto byte = static_cast<unsigned char>(c);
    Require(byte >= 0x20 && byte != 0x7f && c != '\\', "a parsed path holds no control byte");
  }
  Require(path.find("/./") == std::string::npos && path.find("/../") == std::string::npos &&
              !path.ends_with("/.") && !path.ends_with("/.."),
          "a parsed path holds no dot segment");
  const auto question = target.find('?');
  Require(parsed.query == (question == std::string_view::npos ? std::string_view()
                                                              : target.substr(question + 1)),
          "the query is the raw text after the first '?'");
  Require(path.size() <= target.size(), "decoding never lengthens the path");
}

void CheckQuery(const std::string& query) {
  http::Request request;
  request.query = query;
  for (const char* name : {"page", "token", "kind", "rated", "commented", ""}) {
    if (const auto value = request.QueryParam(name)) {
      Require(value->size() <= query.size(), "a query value is no longer than the query");
    }
  }
  // The first pair's own key must be found again when both halves decode.
  const std::string_view first = std::string_view(query).substr(0, query.find('&'));
  const auto eq = first.find('=');
  const auto key = http::PercentDecode(first.substr(0, eq), true);
  const auto value = http::PercentDecode(
      eq == std::string_view::npos ? std::string_view() : first.substr(eq + 1), true);
  if (!first.empty() && key && value) {
    Require(request.QueryParam(*key) == *value, "QueryParam finds the first pair's value");
  }
}

}  // namespace

int FuzzRequestTarget(const std::uint8_t* data, std::size_t size) {
  const std::string_view target = AsText(data, size);
  if (const auto parsed = http::ParseTarget(target)) {
    CheckParsedPath(target, *parsed);
    CheckQuery(parsed->query);
  } else {
    CheckQuery(std::string(target));  // a query is fuzzed on its own too
  }
  for (const bool plus_is_space : {false, true}) {
    Require(http::PercentDecode(EncodeAll(target), plus_is_space) == target,
            "PercentDecode undoes %XX for every byte");
    if (const auto decoded = http::PercentDecode(target, plus_is_space)) {
      Require(decoded->size() <= target.size(), "decoding never lengthens the text");
      if (target.find('%') == std::string_view::npos && !plus_is_space) {
        Require(*decoded == target, "text without '%' decodes to itself");
      }
    }
  }
  return 0;
}

}  // namespace broadsheet::fuzz
