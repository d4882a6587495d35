#include "security/reader_cookie.h"

#include <sodium.h>

#include <array>

#include "security/base64url.h"

namespace broadsheet::security {
namespace {

constexpr std::size_t kIdBytes = 16;
// Longest value worth looking at: a 22-character id, a dot and a 43-character MAC.
constexpr std::size_t kMaxValueLength = 80;

}  // namespace

ReaderCookies::ReaderCookies(const SiteKey& key) : key_(key.Derive(KeyPurpose::kReaderCookie)) {}

std::string ReaderCookies::Mac(std::string_view reader_id) const {
  std::array<unsigned char, crypto_auth_BYTES> mac{};
  crypto_auth(mac.data(), reinterpret_cast<const unsigned char*>(reader_id.data()),
              reader_id.size(), key_.data());
  return Base64UrlEncode(mac.data(), mac.size());
}

ReaderCookies::Issued ReaderCookies::Issue() const {
  std::array<unsigned char, kIdBytes> id{};
  randombytes_buf(id.data(), id.size());
  Issued issued;
  issued.reader_id = Base64UrlEncode(id.data(), id.size());
  issued.value = issued.reader_id + "." + Mac(issued.reader_id);
  return issued;
}

std::optional<std::string> ReaderCookies::Verify(std::string_view value) const {
  if (value.size() > kMaxValueLength) return std::nullopt;
  const auto dot = value.find('.');
  if (dot == std::string_view::npos) return std::nullopt;
  const std::string_view id = value.substr(0, dot);
  const std::string_view mac = value.substr(dot + 1);
  const std::string expected = Mac(id);
  // Constant time: a forger learns nothing from how long the comparison took.
  if (mac.size() != expected.size() ||
      sodium_memcmp(mac.data(), expected.data(), expected.size()) != 0) {
    return std::nullopt;
  }
  const auto decoded = Base64UrlDecode(id, kIdBytes);
  if (!decoded || decoded->size() != kIdBytes) return std::nullopt;
  return std::string(id);
}

}  // namespace broadsheet::security
