// base64url without padding (RFC 4648 §5), for values that travel in cookies, URLs and form
// fields: reader ids, captcha tokens. Pure functions over libsodium's codec.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace broadsheet::security {

std::string Base64UrlEncode(const unsigned char* bytes, std::size_t size);
// The decoded bytes, or nullopt for anything that is not base64url or is longer than
// `max_bytes` once decoded.
std::optional<std::string> Base64UrlDecode(std::string_view text, std::size_t max_bytes);

}  // namespace broadsheet::security
