#include "http/accept_encoding.h"

#include <optional>
#include <string_view>

#include "http/request.h"

namespace broadsheet::http {
namespace {

std::string_view TrimWhitespace(std::string_view text) {
  const auto first = text.find_first_not_of(" \t");
  if (first == std::string_view::npos) return {};
  return text.substr(first, text.find_last_not_of(" \t") - first + 1);
}

bool IsTokenChar(char c) {
  if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) return true;
  return std::string_view("!#$%&'*+-.^_`|~").find(c) != std::string_view::npos;
}

bool IsToken(std::string_view text) {
  if (text.empty()) return false;
  for (char c : text) {
    if (!IsTokenChar(c)) return false;
  }
  return true;
}

// qvalue = ( "0" [ "." 0*3DIGIT ] ) / ( "1" [ "." 0*3("0") ] ), in thousandths.
std::optional<int> ParseQValue(std::string_view text) {
  if (text.empty() || (text[0] != '0' && text[0] != '1')) return std::nullopt;
  int value = (text[0] - '0') * 1000;
  if (text.size() == 1) return value;
  if (text[1] != '.' || text.size() > 5) return std::nullopt;
  int scale = 100;
  for (char c : text.substr(2)) {
    if (c < '0' || c > '9') return std::nullopt;
    value += (c - '0') * scale;
    scale /= 10;
  }
  if (value > 1000) return std::nullopt;
  return value;
}

struct Element {
  std::string_view coding;
  int weight = 1000;
};

// One list element ("gzip;q=0.8"); nullopt if malformed.
std::optional<Element> ParseElement(std::string_view element) {
  const auto semicolon = element.find(';');
  Element parsed{.coding = TrimWhitespace(element.substr(0, semicolon))};
  if (!IsToken(parsed.coding)) return std::nullopt;
  std::string_view rest =
      semicolon == std::string_view::npos ? std::string_view() : element.substr(semicolon + 1);
  while (!rest.empty()) {
    const auto next = rest.find(';');
    const std::string_view parameter = TrimWhitespace(rest.substr(0, next));
    rest = next == std::string_view::npos ? std::string_view() : rest.substr(next + 1);
    if (parameter.empty()) continue;
    const auto equals = parameter.find('=');
    if (equals == std::string_view::npos) return std::nullopt;
    // Codings define no parameters of their own; anything but q is ignored.
    if (!EqualsIgnoreCase(TrimWhitespace(parameter.substr(0, equals)), "q")) continue;
    const auto q = ParseQValue(TrimWhitespace(parameter.substr(equals + 1)));
    if (!q) return std::nullopt;
    parsed.weight = *q;
  }
  return parsed;
}

}  // namespace

AcceptedCodings ParseAcceptEncoding(std::string_view header) {
  std::optional<int> identity, gzip, br, any;
  while (!header.empty()) {
    const auto comma = header.find(',');
    const std::string_view element = TrimWhitespace(header.substr(0, comma));
    header = comma == std::string_view::npos ? std::string_view() : header.substr(comma + 1);
    if (element.empty()) continue;  // "a, , b" is allowed by the list syntax
    const std::optional<Element> parsed = ParseElement(element);
    if (!parsed) continue;
    const std::string_view coding = parsed->coding;
    std::optional<int>* slot = nullptr;
    if (EqualsIgnoreCase(coding, "identity")) slot = &identity;
    if (EqualsIgnoreCase(coding, "gzip") || EqualsIgnoreCase(coding, "x-gzip")) slot = &gzip;
    if (EqualsIgnoreCase(coding, "br")) slot = &br;
    if (coding == "*") slot = &any;
    if (slot && !*slot) *slot = parsed->weight;
  }
  AcceptedCodings accepted;
  accepted.identity = identity.value_or(any.value_or(accepted.identity));
  accepted.gzip = gzip.value_or(any.value_or(0));
  accepted.br = br.value_or(any.value_or(0));
  return accepted;
}

ContentCoding ChooseCoding(const AcceptedCodings& accepted, AvailableCodings available) {
  ContentCoding best = ContentCoding::kIdentity;
  int best_weight = accepted.identity;
  if (available.gzip && accepted.gzip > 0 && accepted.gzip >= best_weight) {
    best = ContentCoding::kGzip;
    best_weight = accepted.gzip;
  }
  if (available.br && accepted.br > 0 && accepted.br >= best_weight) best = ContentCoding::kBrotli;
  return best;
}

std::string_view ContentCodingName(ContentCoding coding) {
  switch (coding) {
    case ContentCoding::kIdentity:
      return "identity";
    case ContentCoding::kGzip:
      return "gzip";
    case ContentCoding::kBrotli:
      return "br";
  }
  return "identity";
}

}  // namespace broadsheet::http
