// Passwords for the back office: argon2id hashes (libsodium crypto_pwhash), the strength rule
// (at least 12 characters and 40 bits by the zxcvbn estimator, with a message that names the
// weak parts), and a hasher that lets at most a few hashes run at once, because each takes
// ~65 ms and 64 MiB at the interactive limits (DEPENDENCIES.md). Thread-safe.
#pragma once

#include <atomic>
#include <cstddef>
#include <functional>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace broadsheet::security {

inline constexpr std::size_t kMinPasswordLength = 12;
inline constexpr std::size_t kMaxPasswordLength = 1024;  // bytes; hashing is the cost, not this
inline constexpr double kMinPasswordBits = 40;

// Empty when `password` is acceptable, else one sentence for the person choosing it: too
// short, too long, or guessable, naming what made it guessable ("a common word", "a date",
// "a keyboard run"...). `personal` are words guessers try first (the e-mail address, the
// name), checked as dictionary words.
std::string PasswordWeakness(std::string_view password,
                             const std::vector<std::string>& personal = {});

// How hard each hash is. kInteractive is libsodium's interactive limits (what sites use);
// kMinimum is libsodium's minimum, for tests only ([admin] password_cost).
enum class PasswordCost { kInteractive, kMinimum };
std::optional<PasswordCost> ParsePasswordCost(std::string_view text);

class PasswordHasher {
 public:
  // At most `max_at_once` hashes or verifications run at the same time; more are refused.
  PasswordHasher(PasswordCost cost, int max_at_once);

  // "$argon2id$v=19$...", or nullopt when `max_at_once` are already running (answer 503).
  // Throws std::runtime_error when libsodium cannot allocate the memory.
  std::optional<std::string> Hash(std::string_view password);

  enum class Verdict { kMatch, kMismatch, kBusy };
  // Verifies `password` against `hash`. An empty `hash` (no such account, or a disabled one)
  // verifies against a dummy hash of the same cost, so an unknown account takes as long as a
  // known one, and answers kMismatch.
  Verdict Verify(std::string_view hash, std::string_view password);

  // True when `hash` was made at another cost than this hasher's (imported, or the cost
  // setting changed): a sign-in that proves the password hashes it again, so every account
  // costs a guesser, and a timing observer, the same.
  bool NeedsRehash(std::string_view hash) const;

  // Tests: runs inside every hash and verification, while its slot is held (to hold one
  // open), and the number of verifications so far.
  void SetHookForTesting(std::function<void()> hook);
  std::int64_t verifications() const { return verifications_.load(); }

 private:
  // Held while one hash or verification runs; entered with TryEnter.
  class Slot {
   public:
    explicit Slot(PasswordHasher& hasher) : hasher_(hasher) {}
    Slot(const Slot&) = delete;
    Slot& operator=(const Slot&) = delete;
    ~Slot() { hasher_.Leave(); }

   private:
    PasswordHasher& hasher_;
  };
  bool TryEnter();
  void Leave();
  void RunHook();

  const PasswordCost cost_;
  const int max_at_once_;
  std::string dummy_hash_;
  std::mutex mutex_;
  int running_ = 0;             // guarded by mutex_
  std::function<void()> hook_;  // guarded by mutex_
  std::atomic<std::int64_t> verifications_{0};
};

}  // namespace broadsheet::security
