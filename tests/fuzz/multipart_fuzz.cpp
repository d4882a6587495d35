// Fuzz target for multipart/form-data bodies (MultipartBoundary, ParseMultipart), what the
// upload forms post. The first line is the Content-Type's boundary parameter, the rest the
// body. Checks that every part's body lies inside the input, in order and without overlap,
// that the limits hold, and that a parsed form written out again parses to the same parts.
#include <string>
#include <string_view>

#include "fuzz_check.h"
#include "fuzz_targets.h"
#include "http/multipart.h"

namespace broadsheet::fuzz {
namespace {

// Limits small enough for the fuzzer to cross.
constexpr http::MultipartLimits kSmallLimits{
    .max_parts = 3, .max_part_header_bytes = 64, .max_name_bytes = 8, .max_filename_bytes = 8};

std::string Quoted(std::string_view text) {
  std::string out = "\"";
  for (const char c : text) {
    if (c == '"' || c == '\\') out += '\\';
    out += c;
  }
  return out + '"';
}

// The form as a browser would send it, with the same boundary.
std::string Serialize(const http::MultipartForm& form, std::string_view boundary) {
  const std::string delimiter = "--" + std::string(boundary);
  std::string out;
  for (const http::MultipartPart& part : form.parts) {
    out += delimiter + "\r\nContent-Disposition: form-data; name=" + Quoted(part.name);
    if (part.filename) out += "; filename=" + Quoted(*part.filename);
    if (!part.content_type.empty()) out += "\r\nContent-Type: " + part.content_type;
    out += "\r\n\r\n";
    out += part.body;
    out += "\r\n";
  }
  return out + delimiter + "--\r\n";
}

void CheckLimits(const http::MultipartParse& parsed, std::string_view body,
                 const http::MultipartLimits& limits) {
  Require(parsed.error.empty() || parsed.form.parts.empty(), "a refused form has no parts");
  Require(parsed.form.parts.size() <= limits.max_parts, "no more parts than the limit");
  const char* end_of_previous = body.data();
  for (const http::MultipartPart& part : parsed.form.parts) {
    Require(IsInside(part.body, body), "a part's body lies inside the input");
    Require(part.body.data() >= end_of_previous, "parts are in order and do not overlap");
    end_of_previous = part.body.data() + part.body.size();
    Require(!part.name.empty() && part.name.size() <= limits.max_name_bytes,
            "every name is present and within the limit");
    Require(!part.filename || part.filename->size() <= limits.max_filename_bytes,
            "every file name is within the limit");
    const http::MultipartPart* first = parsed.form.Find(part.name);
    Require(first && first->name == part.name && first <= &part, "Find gives the first part");
    Require(parsed.form.Count(part.name) >= 1, "Count sees every part");
  }
}

}  // namespace

int FuzzMultipart(const std::uint8_t* data, std::size_t size) {
  const auto [parameter, body] = SplitLine(AsText(data, size));
  const auto boundary =
      http::MultipartBoundary("multipart/form-data; boundary=" + std::string(parameter));
  if (!boundary) return 0;
  Require(!boundary->empty() && boundary->size() <= 70, "a boundary is 1..70 bytes");

  const http::MultipartParse parsed = http::ParseMultipart(body, *boundary);
  CheckLimits(parsed, body, {});
  CheckLimits(http::ParseMultipart(body, *boundary, kSmallLimits), body, kSmallLimits);
  if (!parsed.error.empty()) return 0;

  const std::string again = Serialize(parsed.form, *boundary);
  const http::MultipartParse reparsed = http::ParseMultipart(again, *boundary);
  Require(reparsed.error.empty(), "a parsed form written out again parses");
  Require(reparsed.form.parts.size() == parsed.form.parts.size(), "the same number of parts");
  for (std::size_t i = 0; i < parsed.form.parts.size(); ++i) {
    const http::MultipartPart& a = parsed.form.parts[i];
    const http::MultipartPart& b = reparsed.form.parts[i];
    Require(a.name == b.name && a.filename == b.filename && a.content_type == b.content_type &&
                a.body == b.body,
            "a form survives being written out again");
  }
  return 0;
}

}  // namespace broadsheet::fuzz
