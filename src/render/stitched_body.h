// The last whole body a page with many live slots was sent with, beside the slot texts it was
// stitched from. While those texts stay the same (a listing whose numbers have not moved), the
// next request sends the same bytes by reference instead of copying the page again, or, in
// gzip, stitching its compressed segments around the numbers again. And while the live
// numbers' change count (ViewCounter::changes() + RatingBoard::changes()) stays where the
// texts were last found current, the texts need not even be written again. Thread-safe.
#pragma once

#include <atomic>
#include <cstdint>
#include <limits>
#include <memory>
#include <string>

namespace broadsheet::render {

class LastStitchedBody {
 public:
  struct Body {
    std::string slot_texts;  // each slot's text, followed by '\0' (slot texts never hold one)
    std::string bytes;       // the body sent
    // The change count at which slot_texts were last found current; kNever for a body with
    // one reader's own notices in it, which nobody else may be sent unchecked.
    mutable std::atomic<std::uint64_t> current_at{kNever};
  };
  static constexpr std::uint64_t kNever = std::numeric_limits<std::uint64_t>::max();

  std::shared_ptr<const Body> Load() const { return body_.load(std::memory_order_acquire); }
  void Store(std::shared_ptr<const Body> body) const {
    body_.store(std::move(body), std::memory_order_release);
  }

 private:
  mutable std::atomic<std::shared_ptr<const Body>> body_;
};

}  // namespace broadsheet::render
