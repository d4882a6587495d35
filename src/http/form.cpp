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

std::string PercentEncode(std::string_view text) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string encoded;
  for (const char c : text) {
    const auto byte = static_cast<unsigned char>(c);
    if ((byte >= 'a' && byte <= 'z') || (byte >= 'A' && byte <= 'Z') ||
        (byte >= '0' && byte <= '9') || c == '-' || c == '_' || c == '.' || c == '~' || c == '/') {
      encoded.push_back(c);
    } else {
      encoded += '%';
      encoded += kHex[byte >> 4];
      encoded += kHex[byte & 15];
    }
  }
  return encoded;
}

}  // namespace broadsheet::http
