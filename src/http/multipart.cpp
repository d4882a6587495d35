#include "http/multipart.h"

#include <algorithm>
#include <functional>
#include <utility>

namespace broadsheet::http {
namespace {

constexpr std::string_view kCrlf = "\r\n";
constexpr std::size_t kMaxBoundaryBytes = 70;  // RFC 2046 section 5.1.1

bool IsOws(char c) { return c == ' ' || c == '\t'; }

std::string_view TrimOws(std::string_view text) {
  while (!text.empty() && IsOws(text.front())) text.remove_prefix(1);
  while (!text.empty() && IsOws(text.back())) text.remove_suffix(1);
  return text;
}

char Lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

std::string Lowered(std::string_view text) {
  std::string out(text);
  std::transform(out.begin(), out.end(), out.begin(), Lower);
  return out;
}

bool EqualsIgnoringCase(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(),
                                            [](char x, char y) { return Lower(x) == Lower(y); });
}

// RFC 9110 tchar.
bool IsTokenChar(char c) {
  if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) return true;
  return std::string_view("!#$%&'*+-.^_`|~").find(c) != std::string_view::npos;
}

// RFC 2046 bchars: what a boundary may hold.
bool IsBoundaryChar(char c) {
  if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) return true;
  return std::string_view("'()+_,-./:=? ").find(c) != std::string_view::npos;
}

// HTAB, SP, VCHAR and obs-text: what a header line may hold. Anything else (NUL, a bare CR or
// LF, DEL) is refused rather than guessed at.
bool IsHeaderChar(char c) {
  const auto byte = static_cast<unsigned char>(c);
  return c == '\t' || (byte >= 0x20 && byte != 0x7f);
}

using Parameters = std::vector<std::pair<std::string, std::string>>;  // names lower-cased

// Reads `*( OWS ";" OWS name "=" ( token / quoted-string ) ) OWS`, the parameters after a media
// type or a disposition type. nullopt when the text does not follow that grammar.
std::optional<Parameters> ParseParameters(std::string_view text) {
  Parameters parameters;
  for (text = TrimOws(text); !text.empty(); text = TrimOws(text)) {
    if (text.front() != ';') return std::nullopt;
    text = TrimOws(text.substr(1));
    if (text.empty()) break;  // a trailing ';' is common and harmless
    std::size_t n = 0;
    while (n < text.size() && IsTokenChar(text[n])) ++n;
    if (n == 0) return std::nullopt;
    std::string name = Lowered(text.substr(0, n));
    text = TrimOws(text.substr(n));
    if (text.empty() || text.front() != '=') return std::nullopt;
    text = TrimOws(text.substr(1));
    std::string value;
    if (!text.empty() && text.front() == '"') {
      std::size_t i = 1;
      for (; i < text.size() && text[i] != '"'; ++i) {
        if (text[i] == '\\' && ++i == text.size()) return std::nullopt;
        if (!IsHeaderChar(text[i])) return std::nullopt;
        value += text[i];
      }
      if (i == text.size()) return std::nullopt;  // no closing quote
      text.remove_prefix(i + 1);
    } else {
      std::size_t m = 0;
      while (m < text.size() && IsTokenChar(text[m])) ++m;
      if (m == 0) return std::nullopt;
      value = text.substr(0, m);
      text.remove_prefix(m);
    }
    parameters.emplace_back(std::move(name), std::move(value));
  }
  return parameters;
}

// The value of parameter `name`; nullopt when absent. `repeated` is set when it appears twice,
// which we refuse: two readings of one header are how smuggling starts.
std::optional<std::string> Parameter(const Parameters& parameters, std::string_view name,
                                     bool& repeated) {
  std::optional<std::string> found;
  for (const auto& [key, value] : parameters) {
    if (key != name) continue;
    if (found) repeated = true;
    found = value;
  }
  return found;
}

// A delimiter line found in the body: CRLF "--" boundary, then either "--" (the close
// delimiter) or optional transport padding and CRLF.
struct Delimiter {
  std::size_t begin = 0;  // where it starts (the CRLF before "--", or 0 for a body's first)
  std::size_t next = 0;   // the first byte after it
  bool close = false;
};

class DelimiterFinder {
 public:
  DelimiterFinder(std::string_view body, std::string_view boundary)
      : body_(body),
        needle_(std::string(kCrlf) + "--" + std::string(boundary)),
        searcher_(needle_.begin(), needle_.end()) {}
  // The searcher points into needle_.
  DelimiterFinder(const DelimiterFinder&) = delete;
  DelimiterFinder& operator=(const DelimiterFinder&) = delete;

  // The first delimiter starting at or after `from`. A match of CRLF "--" boundary followed by
  // anything else is content, not a delimiter. Each call scans forward only, so a whole parse
  // is linear in the body.
  std::optional<Delimiter> Next(std::size_t from) const {
    while (from < body_.size()) {
      const auto hit = std::search(body_.begin() + from, body_.end(), searcher_);
      if (hit == body_.end()) return std::nullopt;
      const auto begin = static_cast<std::size_t>(hit - body_.begin());
      if (auto delimiter = Tail(begin, begin + needle_.size())) return delimiter;
      from = begin + 1;
    }
    return std::nullopt;
  }

  // The body's first delimiter: at its very start (no preamble) or after a preamble.
  std::optional<Delimiter> First() const {
    const std::string_view dash_boundary = std::string_view(needle_).substr(kCrlf.size());
    if (body_.starts_with(dash_boundary)) {
      if (auto delimiter = Tail(0, dash_boundary.size())) return delimiter;
    }
    return Next(0);
  }

 private:
  std::optional<Delimiter> Tail(std::size_t begin, std::size_t after) const {
    const std::string_view rest = body_.substr(after);
    if (rest.starts_with("--")) return Delimiter{begin, after + 2, true};
    std::size_t padding = 0;
    while (padding < rest.size() && IsOws(rest[padding])) ++padding;
    if (!rest.substr(padding).starts_with(kCrlf)) return std::nullopt;
    return Delimiter{begin, after + padding + kCrlf.size(), false};
  }

  std::string_view body_;
  std::string needle_;
  std::boyer_moore_horspool_searcher<std::string::const_iterator> searcher_;
};

// Reads a Content-Disposition value (trimmed) into `part`. An error text, or empty if valid.
std::string ReadDisposition(std::string_view value, const MultipartLimits& limits,
                            MultipartPart& part) {
  const std::size_t semicolon = std::min(value.find(';'), value.size());
  if (!EqualsIgnoringCase(TrimOws(value.substr(0, semicolon)), "form-data")) {
    return "a part's Content-Disposition is not form-data";
  }
  const auto parameters = ParseParameters(value.substr(semicolon));
  if (!parameters) return "a part's Content-Disposition is malformed";
  bool repeated = false;
  auto name = Parameter(*parameters, "name", repeated);
  auto filename = Parameter(*parameters, "filename", repeated);
  if (repeated) return "a part's Content-Disposition repeats a parameter";
  if (!name || name->empty()) return "a part has no field name";
  if (name->size() > limits.max_name_bytes) return "a part's field name is too long";
  if (filename && filename->size() > limits.max_filename_bytes) {
    return "a part's file name is too long";
  }
  part.name = std::move(*name);
  part.filename = std::move(filename);  // filename* (RFC 5987) is ignored, as RFC 7578 allows
  return {};
}

// Reads one part's header block, which starts at `pos`, into `part` and moves `pos` past the
// blank line that ends it. An error text, or empty if valid. Each line is searched for only
// within what is left of the header limit, so a huge header block costs the limit, no more.
std::string ReadPartHeaders(std::string_view body, std::size_t& pos, const MultipartLimits& limits,
                            MultipartPart& part) {
  std::size_t used = 0;
  bool disposition_seen = false;
  bool type_seen = false;
  for (;;) {
    const std::size_t allowed = limits.max_part_header_bytes - used + kCrlf.size();
    const std::string_view window = body.substr(pos, allowed);
    const std::size_t end = window.find(kCrlf);
    if (end == std::string_view::npos) {
      return window.size() == allowed ? "a part's headers are too long"
                                      : "a part's headers never end";
    }
    const std::string_view line = window.substr(0, end);
    pos += end + kCrlf.size();
    if (line.empty()) break;
    used += end + kCrlf.size();
    if (used > limits.max_part_header_bytes) return "a part's headers are too long";
    if (!std::all_of(line.begin(), line.end(), IsHeaderChar)) {
      return "a part header holds a control character";
    }
    const std::size_t colon = line.find(':');
    if (colon == std::string_view::npos) return "a part header line has no ':'";
    const std::string_view name = line.substr(0, colon);
    // Also refuses obsolete line folding, whose continuation lines start with whitespace.
    if (name.empty() || !std::all_of(name.begin(), name.end(), IsTokenChar)) {
      return "a part header has an invalid name";
    }
    const std::string_view value = TrimOws(line.substr(colon + 1));
    if (EqualsIgnoringCase(name, "content-disposition")) {
      if (std::exchange(disposition_seen, true)) return "a part has two Content-Dispositions";
      if (auto error = ReadDisposition(value, limits, part); !error.empty()) return error;
    } else if (EqualsIgnoringCase(name, "content-type")) {
      if (std::exchange(type_seen, true)) return "a part has two Content-Types";
      part.content_type = Lowered(TrimOws(value.substr(0, value.find(';'))));
    }
  }
  if (!disposition_seen) return "a part has no Content-Disposition";
  return {};
}

}  // namespace

const MultipartPart* MultipartForm::Find(std::string_view name) const {
  for (const MultipartPart& part : parts) {
    if (part.name == name) return &part;
  }
  return nullptr;
}

std::size_t MultipartForm::Count(std::string_view name) const {
  return static_cast<std::size_t>(std::count_if(
      parts.begin(), parts.end(), [name](const MultipartPart& part) { return part.name == name; }));
}

std::optional<std::string> MultipartBoundary(std::string_view content_type) {
  const std::size_t semicolon = std::min(content_type.find(';'), content_type.size());
  if (!EqualsIgnoringCase(TrimOws(content_type.substr(0, semicolon)), "multipart/form-data")) {
    return std::nullopt;
  }
  const auto parameters = ParseParameters(content_type.substr(semicolon));
  if (!parameters) return std::nullopt;
  bool repeated = false;
  auto boundary = Parameter(*parameters, "boundary", repeated);
  if (repeated || !boundary || boundary->empty() || boundary->size() > kMaxBoundaryBytes ||
      boundary->back() == ' ' || !std::all_of(boundary->begin(), boundary->end(), IsBoundaryChar)) {
    return std::nullopt;
  }
  return boundary;
}

MultipartParse ParseMultipart(std::string_view body, std::string_view boundary,
                              const MultipartLimits& limits) {
  MultipartParse result;
  auto fail = [&result](std::string error) {
    result.form.parts.clear();
    result.error = std::move(error);
    return std::move(result);
  };
  const DelimiterFinder finder(body, boundary);
  std::optional<Delimiter> delimiter = finder.First();
  if (!delimiter) return fail("the body does not start with the boundary");
  while (!delimiter->close) {
    if (result.form.parts.size() == limits.max_parts) return fail("the form has too many parts");
    MultipartPart part;
    std::size_t pos = delimiter->next;
    if (auto error = ReadPartHeaders(body, pos, limits, part); !error.empty()) return fail(error);
    // The part's body may be empty, so its closing CRLF can start right at `pos`.
    delimiter = finder.Next(pos);
    if (!delimiter) return fail("the body has no close delimiter");
    part.body = body.substr(pos, delimiter->begin - pos);
    result.form.parts.push_back(std::move(part));
  }
  return result;  // what follows the close delimiter is the epilogue, ignored
}

}  // namespace broadsheet::http
