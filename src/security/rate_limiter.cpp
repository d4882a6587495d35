#include "security/rate_limiter.h"

#include <functional>

namespace broadsheet::security {

SlidingWindowLimiter::SlidingWindowLimiter(int limit, std::chrono::milliseconds window,
                                           const Clock& clock)
    : limit_(limit), window_(window), clock_(clock) {}

void SlidingWindowLimiter::PruneIdle(Shard& shard, Clock::TimePoint now) {
  // At most once a window: drop keys whose newest event has left the window.
  if (now - shard.last_prune < window_) return;
  shard.last_prune = now;
  for (auto it = shard.events.begin(); it != shard.events.end();) {
    if (it->second.empty() || now - it->second.back() >= window_) {
      it = shard.events.erase(it);
    } else {
      ++it;
    }
  }
}

RateDecision SlidingWindowLimiter::Decide(const std::string& key, bool record) {
  Shard& shard = shards_[std::hash<std::string>{}(key) % kShards];
  const auto now = clock_.Now();
  std::lock_guard lock(shard.mutex);
  PruneIdle(shard, now);
  auto& events = shard.events[key];
  while (!events.empty() && now - events.front() >= window_) events.pop_front();
  if (static_cast<int>(events.size()) >= limit_) {
    const auto wait = events.front() + window_ - now;
    // Rounded up: a client that waits exactly this long is allowed.
    const auto seconds = std::chrono::ceil<std::chrono::seconds>(wait);
    return {false, std::max(seconds, std::chrono::seconds(1))};
  }
  if (record) events.push_back(now);
  return {true, std::chrono::seconds(0)};
}

RateDecision SlidingWindowLimiter::Allow(const std::string& key) { return Decide(key, true); }

RateDecision SlidingWindowLimiter::Check(const std::string& key) { return Decide(key, false); }

void SlidingWindowLimiter::Record(const std::string& key) { Decide(key, true); }

}  // namespace broadsheet::security
