// Fuzz target for security-code tokens (security/captcha_token): CaptchaSealer::Open on the
// whole input, as the comment form does with the token a reader posts back; Mint then Open on
// claims taken from the input (first line the answer, second the address key, the rest a
// reader's answer for AnswerMatches). Checks that what opens is well-formed, that a minted
// token round-trips its claims, and that one changed character makes any token unreadable.
#include <sodium.h>

#include <cctype>
#include <string>
#include <string_view>

#include "fuzz_check.h"
#include "fuzz_targets.h"
#include "security/captcha_token.h"

namespace broadsheet::fuzz {
namespace {

// Built once: libFuzzer calls the target millions of times in one process.
const security::CaptchaSealer& Sealer() {
  static const security::CaptchaSealer sealer = [] {
    Require(sodium_init() >= 0, "libsodium initialises");
    return security::CaptchaSealer(FuzzSiteKey());
  }();
  return sealer;
}

constexpr std::size_t kMaxAnswer = 32;  // captcha_token.cpp's limits, as the header states them
constexpr std::size_t kMaxAddressKey = 64;

bool IsNonce(std::string_view nonce) {
  if (nonce.size() != 32) return false;
  for (const char c : nonce) {
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
  }
  return true;
}

void CheckClaims(const security::CaptchaClaims& claims) {
  Require(claims.kind == security::ChallengeKind::kImage ||
              claims.kind == security::ChallengeKind::kProofOfWork,
          "an opened token has a known kind");
  Require(claims.answer.size() <= kMaxAnswer && claims.address_key.size() <= kMaxAddressKey,
          "an opened token's answer and address key are within their limits");
  Require(IsNonce(claims.nonce), "an opened token's nonce is 32 hex characters");
}

// Any single character changed, and the token no longer opens.
void CheckTamperedFails(std::string token, std::size_t seed) {
  if (token.empty()) return;
  token[seed % token.size()] ^= 0x01;
  Require(!Sealer().Open(token), "a token with one character changed does not open");
}

// What AnswerMatches promises: spaces and tabs ignored, case folded to upper, at most 32.
bool ExpectedMatch(std::string_view given, std::string_view sealed) {
  std::string normalized;
  for (const char c : given) {
    if (c != ' ' && c != '\t') {
      normalized += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    }
  }
  return normalized.size() <= kMaxAnswer && normalized == sealed;
}

}  // namespace

int FuzzCaptchaToken(const std::uint8_t* data, std::size_t size) {
  const std::string_view text = AsText(data, size);
  if (const auto claims = Sealer().Open(text)) {
    CheckClaims(*claims);
    CheckTamperedFails(std::string(text), size);
  }

  const auto [answer, rest] = SplitLine(text);
  const auto [address_key, given] = SplitLine(rest);
  const auto kind =
      size % 2 ? security::ChallengeKind::kImage : security::ChallengeKind::kProofOfWork;
  const std::int64_t now_ms = 1'800'000'000'000 + static_cast<std::int64_t>(size);
  security::CaptchaClaims minted;
  const std::string token =
      Sealer().Mint(kind, std::string(answer), std::string(address_key), now_ms, 600'000, &minted);
  Require(token.starts_with('T'), "a token starts with 'T'");
  const auto opened = Sealer().Open(token);
  Require(opened.has_value(), "a minted token opens");
  CheckClaims(*opened);
  Require(opened->kind == kind && opened->answer == answer.substr(0, kMaxAnswer) &&
              opened->address_key == address_key.substr(0, kMaxAddressKey) &&
              opened->issued_ms == now_ms && opened->expires_ms == now_ms + 600'000,
          "a minted token round-trips its claims");
  Require(opened->answer == minted.answer && opened->nonce == minted.nonce &&
              opened->address_key == minted.address_key,
          "Mint reports the claims it sealed");
  CheckTamperedFails(token, size);

  Require(security::CaptchaSealer::AnswerMatches(given, opened->answer) ==
              ExpectedMatch(given, opened->answer),
          "AnswerMatches ignores spaces and case, nothing else");
  Require(security::CaptchaSealer::AnswerMatches(given, answer) == ExpectedMatch(given, answer),
          "AnswerMatches ignores spaces and case, nothing else");
  return 0;
}

}  // namespace broadsheet::fuzz
