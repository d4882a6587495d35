#include "http/form.h"

#include "http/request_target.h"

namespace broadsheet::http {

int Form::Count(std::string_view name) const {
  int count = 0;
  for (const auto& [key, value] : fields) count += key == name;
  return count;
}

std::optional<std::string> Form::Single(std::string_view name) const {
  if (Count(name) != 1) return std::nullopt;
  for (const auto& [key, value] : fields) {
    if (key == name) return value;
  }
  return std::nullopt;
}

FormParse ParseUrlEncodedForm(std::string_view body, std::size_t max_fields) {
  FormParse result;
  while (!body.empty()) {
    const auto amp = body.find('&');
    const std::string_view pair = body.substr(0, amp);
    body = amp == std::string_view::npos ? std::string_view{} : body.substr(amp + 1);
    if (pair.empty()) continue;
    if (result.form.fields.size() == max_fields) {
      result.error = "the form has too many fields";
      return result;
    }
    const auto eq = pair.find('=');
    auto key = PercentDecode(pair.substr(0, eq), /*plus_is_space=*/true);
    auto value = PercentDecode(eq == std::string_view::npos ? std::string_view{}
                                                            : pair.substr(eq + 1),
                               /*plus_is_space=*/true);
    if (!key || !value) {
      result.error = "the form is not properly encoded";
      return result;
    }
    result.form.fields.emplace_back(std::move(*key), std::move(*value));
  }
  return result;
}

}  // namespace broadsheet::http
