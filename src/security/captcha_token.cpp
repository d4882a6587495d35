#include "security/captcha_token.h"

#include <sodium.h>

#include <array>
#include <cctype>

#include "security/base64url.h"

namespace broadsheet::security {
namespace {

// 2 added the address key (issue 9); tokens of format 1 no longer open.
constexpr std::uint8_t kFormatVersion = 2;
// Tokens start with a letter, so one whose base64 begins with '-' is never read as a
// command-line option (`broadsheet captcha solve TOKEN`).
constexpr char kTokenPrefix = 'T';
constexpr std::size_t kNonceBytes = 16;
constexpr std::size_t kMaxAnswer = 32;
constexpr std::size_t kMaxAddressKey = 64;
// version, kind, issued, expires, nonce, address key length, answer length; then the address
// key and the answer.
constexpr std::size_t kFixedBytes = 1 + 1 + 8 + 8 + kNonceBytes + 1 + 1;
constexpr std::size_t kMaxSealed = crypto_secretbox_NONCEBYTES + crypto_secretbox_MACBYTES +
                                   kFixedBytes + kMaxAddressKey + kMaxAnswer;

void PutInt64(std::string& out, std::int64_t value) {
  for (int i = 0; i < 8; ++i) {
    out.push_back(static_cast<char>((static_cast<std::uint64_t>(value) >> (8 * i)) & 0xff));
  }
}

std::int64_t GetInt64(const std::string& in, std::size_t at) {
  std::uint64_t value = 0;
  for (int i = 0; i < 8; ++i) {
    value |= static_cast<std::uint64_t>(static_cast<unsigned char>(in[at + i])) << (8 * i);
  }
  return static_cast<std::int64_t>(value);
}

std::string Hex(const unsigned char* bytes, std::size_t size) {
  std::string hex(size * 2 + 1, '\0');
  sodium_bin2hex(hex.data(), hex.size(), bytes, size);
  hex.pop_back();
  return hex;
}

}  // namespace

CaptchaSealer::CaptchaSealer(const SiteKey& key) : key_(key.Derive(KeyPurpose::kCaptchaToken)) {}

std::string CaptchaSealer::Mint(ChallengeKind kind, std::string answer, std::string address_key,
                                std::int64_t now_ms, std::int64_t ttl_ms,
                                CaptchaClaims* claims_out) const {
  if (answer.size() > kMaxAnswer) answer.resize(kMaxAnswer);
  if (address_key.size() > kMaxAddressKey) address_key.resize(kMaxAddressKey);
  std::array<unsigned char, kNonceBytes> nonce{};
  randombytes_buf(nonce.data(), nonce.size());
  std::string plain;
  plain.push_back(static_cast<char>(kFormatVersion));
  plain.push_back(static_cast<char>(kind));
  PutInt64(plain, now_ms);
  PutInt64(plain, now_ms + ttl_ms);
  plain.append(reinterpret_cast<const char*>(nonce.data()), nonce.size());
  plain.push_back(static_cast<char>(address_key.size()));
  plain.push_back(static_cast<char>(answer.size()));
  plain += address_key;
  plain += answer;

  std::string sealed(crypto_secretbox_NONCEBYTES + crypto_secretbox_MACBYTES + plain.size(), '\0');
  auto* box_nonce = reinterpret_cast<unsigned char*>(sealed.data());
  randombytes_buf(box_nonce, crypto_secretbox_NONCEBYTES);
  crypto_secretbox_easy(box_nonce + crypto_secretbox_NONCEBYTES,
                        reinterpret_cast<const unsigned char*>(plain.data()), plain.size(),
                        box_nonce, key_.data());
  if (claims_out) {
    *claims_out = CaptchaClaims{
        kind, answer, now_ms, now_ms + ttl_ms, Hex(nonce.data(), nonce.size()), address_key};
  }
  return kTokenPrefix +
         Base64UrlEncode(reinterpret_cast<const unsigned char*>(sealed.data()), sealed.size());
}

std::optional<CaptchaClaims> CaptchaSealer::Open(std::string_view token) const {
  if (!token.starts_with(kTokenPrefix)) return std::nullopt;
  const auto sealed = Base64UrlDecode(token.substr(1), kMaxSealed);
  if (!sealed || sealed->size() < crypto_secretbox_NONCEBYTES + crypto_secretbox_MACBYTES + kFixedBytes) {
    return std::nullopt;
  }
  const auto* box_nonce = reinterpret_cast<const unsigned char*>(sealed->data());
  const std::size_t box_size = sealed->size() - crypto_secretbox_NONCEBYTES;
  std::string plain(box_size - crypto_secretbox_MACBYTES, '\0');
  if (crypto_secretbox_open_easy(reinterpret_cast<unsigned char*>(plain.data()),
                                 box_nonce + crypto_secretbox_NONCEBYTES, box_size, box_nonce,
                                 key_.data()) != 0) {
    return std::nullopt;
  }
  if (static_cast<std::uint8_t>(plain[0]) != kFormatVersion) return std::nullopt;
  const auto kind = static_cast<std::uint8_t>(plain[1]);
  if (kind != static_cast<std::uint8_t>(ChallengeKind::kImage) &&
      kind != static_cast<std::uint8_t>(ChallengeKind::kProofOfWork)) {
    return std::nullopt;
  }
  const std::size_t address_size = static_cast<unsigned char>(plain[kFixedBytes - 2]);
  const std::size_t answer_size = static_cast<unsigned char>(plain[kFixedBytes - 1]);
  if (address_size > kMaxAddressKey || answer_size > kMaxAnswer ||
      plain.size() != kFixedBytes + address_size + answer_size) {
    return std::nullopt;
  }
  CaptchaClaims claims;
  claims.kind = static_cast<ChallengeKind>(kind);
  claims.issued_ms = GetInt64(plain, 2);
  claims.expires_ms = GetInt64(plain, 10);
  claims.nonce = Hex(reinterpret_cast<const unsigned char*>(plain.data()) + 18, kNonceBytes);
  claims.address_key = plain.substr(kFixedBytes, address_size);
  claims.answer = plain.substr(kFixedBytes + address_size, answer_size);
  return claims;
}

bool CaptchaSealer::AnswerMatches(std::string_view given, std::string_view sealed) {
  std::string normalized;
  for (const char c : given) {
    if (c == ' ' || c == '\t') continue;
    normalized.push_back(static_cast<char>(std::toupper(static_cast<unsigned char>(c))));
    if (normalized.size() > kMaxAnswer) return false;
  }
  if (normalized.size() != sealed.size()) return false;
  return sodium_memcmp(normalized.data(), sealed.data(), sealed.size()) == 0;
}

std::string CaptchaSealer::FieldName(std::string_view purpose) const {
  std::array<unsigned char, 6> digest{};
  crypto_generichash(digest.data(), digest.size(),
                     reinterpret_cast<const unsigned char*>(purpose.data()), purpose.size(),
                     key_.data(), key_.size());
  return "f" + Hex(digest.data(), digest.size());
}

std::string RandomCaptchaAnswer(std::string_view alphabet, int length) {
  std::string answer;
  for (int i = 0; i < length; ++i) {
    answer.push_back(alphabet[randombytes_uniform(static_cast<std::uint32_t>(alphabet.size()))]);
  }
  return answer;
}

}  // namespace broadsheet::security
