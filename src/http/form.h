// application/x-www-form-urlencoded bodies, parsed into fields. Pure function of untrusted
// input: a malformed body is a value (an error text), never an exception. Used by the public
// forms (rating, comments).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace broadsheet::http {

struct Form {
  std::vector<std::pair<std::string, std::string>> fields;  // in body order, decoded

  // How many times `name` appears.
  int Count(std::string_view name) const;
  // The value of `name` when it appears exactly once.
  std::optional<std::string> Single(std::string_view name) const;
};

struct FormParse {
  Form form;
  std::string error;  // empty when the body parsed
};

// Splits on '&', decodes '+' and %XX. Refuses bad escapes and more than `max_fields` fields.
FormParse ParseUrlEncodedForm(std::string_view body, std::size_t max_fields = 64);

// The reverse, for one value in a query string: everything but letters, digits and "-_.~/"
// becomes %XX.
std::string PercentEncode(std::string_view text);

}  // namespace broadsheet::http
