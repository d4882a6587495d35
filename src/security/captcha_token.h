// The security code's sealed token (DESIGN.md §4): the answer, when it was issued, when it
// expires, a random nonce and the keyed hash of the address that fetched it, encrypted and
// authenticated with libsodium's secretbox under the site key's captcha subkey. Any node with the
// same key can open it, nobody without the key can read the answer or forge a token, and the nonce
// lets the store accept each token once. Two kinds share the format: an image code (the answer is
// its characters) and a proof-of-work puzzle (the answer is the secret number the reader's browser
// must find). Immutable after construction: thread-safe.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "security/site_key.h"

namespace broadsheet::security {

enum class ChallengeKind : std::uint8_t { kImage = 1, kProofOfWork = 2 };

struct CaptchaClaims {
  ChallengeKind kind = ChallengeKind::kImage;
  std::string answer;          // image: 5-6 characters; proof of work: the number in decimal
  std::int64_t issued_ms = 0;  // unix milliseconds
  std::int64_t expires_ms = 0;
  std::string nonce;  // 32 hex characters, what the store records once used
  // The rate-limit key of the address that fetched the code: a code works only from there,
  // so codes cannot be fetched in bulk on one machine and spent from many.
  std::string address_key;
};

class CaptchaSealer {
 public:
  explicit CaptchaSealer(const SiteKey& key);

  // A fresh token: `answer` and `address_key` (at most 64 bytes) sealed with a random nonce,
  // valid for `ttl_ms` from `now_ms`.
  std::string Mint(ChallengeKind kind, std::string answer, std::string address_key,
                   std::int64_t now_ms, std::int64_t ttl_ms,
                   CaptchaClaims* claims_out = nullptr) const;
  // The claims of a token this site sealed, or nullopt for anything forged, tampered,
  // truncated or too long. Does not look at the time: the caller decides about expiry.
  std::optional<CaptchaClaims> Open(std::string_view token) const;

  // Compares a reader's answer with the sealed one: case-insensitive, spaces ignored,
  // in constant time.
  static bool AnswerMatches(std::string_view given, std::string_view sealed);

  // A form field name of this site's own, stable across restarts and nodes ("f" and 12 hex
  // characters): the honeypot's name, which a bot cannot learn from another site.
  std::string FieldName(std::string_view purpose) const;

 private:
  SiteKey::Bytes key_;
};

// A random image-code answer of `length` characters from render's look-alike-free alphabet.
std::string RandomCaptchaAnswer(std::string_view alphabet, int length);

}  // namespace broadsheet::security
