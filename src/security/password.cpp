#include "security/password.h"

#include <sodium.h>
#include <zxcvbn.h>

#include <algorithm>
#include <stdexcept>

namespace broadsheet::security {
namespace {

// What a zxcvbn match type tells the person choosing the password.
std::string_view Describe(ZxcTypeMatch_t type) {
  switch (static_cast<int>(type) & ~static_cast<int>(MULTIPLE_MATCH)) {
    case DICTIONARY_MATCH:
      return "a common word or password";
    case DICT_LEET_MATCH:
      return "a common word with letters swapped for digits";
    case USER_MATCH:
    case USER_LEET_MATCH:
      return "your e-mail address or name";
    case REPEATS_MATCH:
      return "repeated characters";
    case SEQUENCE_MATCH:
      return "a sequence like abc or 123";
    case SPATIAL_MATCH:
      return "a keyboard run like qwerty";
    case DATE_MATCH:
      return "a date";
    case YEAR_MATCH:
      return "a year";
    default:
      return {};
  }
}

unsigned long long OpsLimit(PasswordCost cost) {
  return cost == PasswordCost::kInteractive ? crypto_pwhash_OPSLIMIT_INTERACTIVE
                                            : crypto_pwhash_OPSLIMIT_MIN;
}

std::size_t MemLimit(PasswordCost cost) {
  return cost == PasswordCost::kInteractive ? crypto_pwhash_MEMLIMIT_INTERACTIVE
                                            : crypto_pwhash_MEMLIMIT_MIN;
}

std::string HashNow(std::string_view password, PasswordCost cost) {
  char out[crypto_pwhash_STRBYTES];
  if (crypto_pwhash_str_alg(out, password.data(), password.size(), OpsLimit(cost), MemLimit(cost),
                            crypto_pwhash_ALG_ARGON2ID13) != 0) {
    throw std::runtime_error("out of memory while hashing a password");
  }
  return out;
}

}  // namespace

std::string PasswordWeakness(std::string_view password, const std::vector<std::string>& personal) {
  if (password.size() < kMinPasswordLength) {
    return "The password must have at least " + std::to_string(kMinPasswordLength) + " characters.";
  }
  if (password.size() > kMaxPasswordLength) {
    return "The password must have at most " + std::to_string(kMaxPasswordLength) + " characters.";
  }
  if (password.find('\0') != std::string_view::npos) {
    return "The password must not contain a NUL character.";
  }
  const std::string text(password);
  std::vector<const char*> words;
  for (const std::string& word : personal) {
    if (!word.empty()) words.push_back(word.c_str());
  }
  words.push_back(nullptr);
  ZxcMatch_t* info = nullptr;
  const double bits = ZxcvbnMatch(text.c_str(), words.data(), &info);
  // What each kind of weakness matched, in the order first seen: "a common word ("a", "b")".
  std::vector<std::pair<std::string_view, std::vector<std::string>>> parts;
  for (const ZxcMatch_t* match = info; match; match = match->Next) {
    const std::string_view what = Describe(match->Type);
    if (what.empty()) continue;
    if (match->Begin < 0 || static_cast<std::size_t>(match->Begin) >= text.size()) continue;
    const std::string piece = "\"" + text.substr(match->Begin, match->Length) + "\"";
    auto kind = std::find_if(parts.begin(), parts.end(),
                             [&](const auto& part) { return part.first == what; });
    if (kind == parts.end()) kind = parts.insert(parts.end(), {what, {}});
    if (std::find(kind->second.begin(), kind->second.end(), piece) == kind->second.end()) {
      kind->second.push_back(piece);
    }
  }
  ZxcvbnFreeInfo(info);
  if (bits >= kMinPasswordBits) return {};
  std::string message = "The password is too easy to guess";
  if (!parts.empty()) {
    message += ": it is mostly ";
    for (std::size_t i = 0; i < parts.size(); ++i) {
      if (i > 0) message += i + 1 == parts.size() ? " and " : ", ";
      message += std::string(parts[i].first) + " (";
      for (std::size_t j = 0; j < parts[i].second.size(); ++j) {
        message += (j > 0 ? ", " : "") + parts[i].second[j];
      }
      message += ")";
    }
  }
  message += ". Add a few uncommon words, or make it longer.";
  return message;
}

std::optional<PasswordCost> ParsePasswordCost(std::string_view text) {
  if (text == "interactive") return PasswordCost::kInteractive;
  if (text == "minimum") return PasswordCost::kMinimum;
  return std::nullopt;
}

PasswordHasher::PasswordHasher(PasswordCost cost, int max_at_once)
    : cost_(cost), max_at_once_(max_at_once < 1 ? 1 : max_at_once) {
  if (sodium_init() < 0) throw std::runtime_error("libsodium failed to initialise");
  // Verified against when there is no account, so a wrong e-mail costs what a wrong password
  // does. Its password is random and forgotten.
  unsigned char secret[16];
  randombytes_buf(secret, sizeof secret);
  dummy_hash_ = HashNow(std::string_view(reinterpret_cast<char*>(secret), sizeof secret), cost);
}

bool PasswordHasher::TryEnter() {
  std::lock_guard lock(mutex_);
  if (running_ >= max_at_once_) return false;
  ++running_;
  return true;
}

void PasswordHasher::Leave() {
  std::lock_guard lock(mutex_);
  --running_;
}

void PasswordHasher::RunHook() {
  std::function<void()> hook;
  {
    std::lock_guard lock(mutex_);
    hook = hook_;
  }
  if (hook) hook();
}

bool PasswordHasher::NeedsRehash(std::string_view hash) const {
  const std::string text(hash);
  return crypto_pwhash_str_needs_rehash(text.c_str(), OpsLimit(cost_), MemLimit(cost_)) != 0;
}

void PasswordHasher::SetHookForTesting(std::function<void()> hook) {
  std::lock_guard lock(mutex_);
  hook_ = std::move(hook);
}

std::optional<std::string> PasswordHasher::Hash(std::string_view password) {
  if (!TryEnter()) return std::nullopt;
  const Slot slot(*this);
  RunHook();
  return HashNow(password, cost_);
}

PasswordHasher::Verdict PasswordHasher::Verify(std::string_view hash, std::string_view password) {
  if (!TryEnter()) return Verdict::kBusy;
  const Slot slot(*this);
  RunHook();
  ++verifications_;
  const bool known = !hash.empty() && hash.size() < crypto_pwhash_STRBYTES;
  const std::string stored(known ? hash : std::string_view(dummy_hash_));
  const bool match =
      crypto_pwhash_str_verify(stored.c_str(), password.data(), password.size()) == 0;
  return known && match ? Verdict::kMatch : Verdict::kMismatch;
}

}  // namespace broadsheet::security
