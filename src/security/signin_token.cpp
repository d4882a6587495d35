#include "security/signin_token.h"

#include <sodium.h>

#include <array>

#include "security/base64url.h"

namespace broadsheet::security {
namespace {

constexpr std::size_t kIdBytes = 32;

bool IsBase64Url(std::string_view text) {
  for (char c : text) {
    const bool ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
                    c == '-' || c == '_';
    if (!ok) return false;
  }
  return true;
}

}  // namespace

SignInTokens::SignInTokens(const SiteKey& key)
    : session_key_(key.Derive(KeyPurpose::kSession)), csrf_key_(key.Derive(KeyPurpose::kCsrf)) {}

std::string SignInTokens::NewId() {
  std::array<unsigned char, kIdBytes> bytes{};
  randombytes_buf(bytes.data(), bytes.size());
  return Base64UrlEncode(bytes.data(), bytes.size());
}

std::string SignInTokens::StoredHash(std::string_view id) const {
  // 32 bytes encode to 43 characters without padding.
  if (id.size() != 43 || !IsBase64Url(id)) return {};
  std::array<unsigned char, 32> hash{};
  crypto_generichash(hash.data(), hash.size(), reinterpret_cast<const unsigned char*>(id.data()),
                     id.size(), session_key_.data(), session_key_.size());
  std::array<char, 65> hex{};
  sodium_bin2hex(hex.data(), hex.size(), hash.data(), hash.size());
  return std::string(hex.data(), 64);
}

std::string SignInTokens::FormToken(std::string_view purpose, std::string_view binding) const {
  const std::string message = std::string(purpose) + '\n' + std::string(binding);
  std::array<unsigned char, crypto_auth_hmacsha256_BYTES> mac{};
  crypto_auth_hmacsha256(mac.data(), reinterpret_cast<const unsigned char*>(message.data()),
                         message.size(), csrf_key_.data());
  return Base64UrlEncode(mac.data(), mac.size());
}

bool SignInTokens::CheckFormToken(std::string_view purpose, std::string_view binding,
                                  std::string_view token) const {
  if (binding.empty()) return false;
  const std::string expected = FormToken(purpose, binding);
  return token.size() == expected.size() &&
         sodium_memcmp(token.data(), expected.data(), expected.size()) == 0;
}

}  // namespace broadsheet::security
