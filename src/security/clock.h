// Time as the security rules see it: an interface so tests can move time by hand (a sliding
// window, a token expiry) instead of sleeping. SteadyClock is the real one. Thread-safe.
#pragma once

#include <atomic>
#include <chrono>

namespace broadsheet::security {

class Clock {
 public:
  using TimePoint = std::chrono::steady_clock::time_point;
  virtual ~Clock() = default;
  virtual TimePoint Now() const = 0;
};

class SteadyClock final : public Clock {
 public:
  TimePoint Now() const override { return std::chrono::steady_clock::now(); }
};

// A clock that stands still until told to move (tests).
class ManualClock final : public Clock {
 public:
  TimePoint Now() const override { return TimePoint(std::chrono::nanoseconds(now_ns_.load())); }
  void Advance(std::chrono::nanoseconds by) { now_ns_ += by.count(); }
  void Set(std::chrono::nanoseconds since_start) { now_ns_ = since_start.count(); }

 private:
  std::atomic<std::int64_t> now_ns_{0};
};

}  // namespace broadsheet::security
