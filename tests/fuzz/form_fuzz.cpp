// Fuzz target for application/x-www-form-urlencoded bodies (ParseUrlEncodedForm, Form::Count,
// Form::Single), what the public rating and comment forms post. Checks that a parsed form
// survives being encoded and parsed again, that Single agrees with Count, and that the field
// limit holds.
#include <string>
#include <string_view>

#include "fuzz_check.h"
#include "fuzz_targets.h"
#include "http/form.h"

namespace broadsheet::fuzz {
namespace {

// Percent-encodes every byte that is not alphanumeric: the parser must read it back as it was.
std::string Encode(std::string_view text) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (const char c : text) {
    const auto byte = static_cast<unsigned char>(c);
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) {
      out += c;
    } else {
      out += '%';
      out += kHex[byte >> 4];
      out += kHex[byte & 0xf];
    }
  }
  return out;
}

// A field limit small enough for the fuzzer to cross.
constexpr std::size_t kSmallLimit = 3;

}  // namespace

int FuzzForm(const std::uint8_t* data, std::size_t size) {
  const std::string_view body = AsText(data, size);
  const http::FormParse parsed = http::ParseUrlEncodedForm(body);
  Require(parsed.form.fields.size() <= 64, "no more fields than the limit");
  if (!parsed.error.empty()) return 0;

  std::string again;
  for (const auto& [key, value] : parsed.form.fields) {
    const int count = parsed.form.Count(key);
    Require(count >= 1, "Count sees every field");
    const auto single = parsed.form.Single(key);
    Require(single.has_value() == (count == 1), "Single answers exactly when Count is 1");
    Require(!single || *single == value, "Single gives the field's own value");
    if (!again.empty()) again += '&';
    again += Encode(key) + '=' + Encode(value);
  }
  const http::FormParse reparsed = http::ParseUrlEncodedForm(again);
  Require(reparsed.error.empty(), "an encoded form parses");
  Require(reparsed.form.fields == parsed.form.fields, "a form survives encoding");

  const http::FormParse limited = http::ParseUrlEncodedForm(body, kSmallLimit);
  if (parsed.form.fields.size() <= kSmallLimit) {
    Require(limited.error.empty() && limited.form.fields == parsed.form.fields,
            "a lower limit changes nothing for a form within it");
  } else {
    Require(!limited.error.empty(), "a form over the limit is refused");
  }
  return 0;
}

}  // namespace broadsheet::fuzz
