// A sliding-window rate limit per key (a hashed client address, a reader id): at most `limit`
// events in any `window`, never a calendar minute that resets all at once. Each key keeps the
// times of its last `limit` events. Keys idle for a whole window are pruned, bounding memory.
// Per process: on several nodes each node counts its own. Thread-safe (sharded locks).
#pragma once

#include <array>
#include <chrono>
#include <cstdint>
#include <deque>
#include <mutex>
#include <string>
#include <unordered_map>

#include "security/clock.h"

namespace broadsheet::security {

struct RateDecision {
  bool allowed = true;
  std::chrono::seconds retry_after{0};  // when refused: until the oldest event leaves the window
};

class SlidingWindowLimiter {
 public:
  SlidingWindowLimiter(int limit, std::chrono::milliseconds window, const Clock& clock);

  // Records an event for `key` when allowed; a refused attempt is not recorded.
  RateDecision Allow(const std::string& key);
  // For limits on failures (sign-ins): whether an event would be allowed, without recording
  // it; and recording one (none beyond the limit: the window is already full).
  RateDecision Check(const std::string& key);
  void Record(const std::string& key);

 private:
  struct Shard {
    std::mutex mutex;
    std::unordered_map<std::string, std::deque<Clock::TimePoint>> events;  // guarded by mutex
    Clock::TimePoint last_prune{};                                         // guarded by mutex
  };
  static constexpr std::size_t kShards = 16;

  void PruneIdle(Shard& shard, Clock::TimePoint now);
  RateDecision Decide(const std::string& key, bool record);

  const int limit_;
  const std::chrono::milliseconds window_;
  const Clock& clock_;
  std::array<Shard, kShards> shards_;
};

}  // namespace broadsheet::security
