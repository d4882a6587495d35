// Memory for one request's header fields. Beast's parser keeps each field it reads (and the
// request line) in memory from its fields' allocator: by default one heap allocation per
// field, per request. A connection's arena hands out slices of a buffer it owns instead, so a
// request with usual headers allocates nothing; headers that outgrow the buffer borrow from
// the heap, returned as they are freed. Reset() once the parser using it is gone. One thread
// (its connection's).
#pragma once

#include <cstddef>
#include <memory>
#include <new>

namespace broadsheet::http {

class RequestArena {
 public:
  // Enough for a browser's usual request headers (about 1 KB of text) with Beast's per-field
  // bookkeeping.
  static constexpr std::size_t kBytes = 4096;

  void* Allocate(std::size_t bytes, std::size_t align) {
    std::size_t space = kBytes - used_;
    void* at = buffer_ + used_;
    if (std::align(align, bytes, at, space)) {
      used_ = static_cast<std::size_t>(static_cast<std::byte*>(at) - buffer_) + bytes;
      return at;
    }
    return ::operator new (bytes, std::align_val_t{align});
  }
  // Slices of the buffer come back all at once, at Reset().
  void Deallocate(void* at, std::size_t align) noexcept {
    if (at >= static_cast<void*>(buffer_) && at < static_cast<void*>(buffer_ + kBytes)) return;
    ::operator delete (at, std::align_val_t{align});
  }
  // Requires: nothing allocated from the buffer is used any more.
  void Reset() noexcept { used_ = 0; }

 private:
  alignas(std::max_align_t) std::byte buffer_[kBytes];
  std::size_t used_ = 0;
};

// A standard allocator over a RequestArena, for beast::http::basic_fields.
template <typename T>
class ArenaAllocator {
 public:
  using value_type = T;

  explicit ArenaAllocator(RequestArena& arena) noexcept : arena_(&arena) {}
  template <typename U>
  ArenaAllocator(const ArenaAllocator<U>& other) noexcept : arena_(other.arena()) {}

  T* allocate(std::size_t n) {
    return static_cast<T*>(arena_->Allocate(n * sizeof(T), alignof(T)));
  }
  void deallocate(T* at, std::size_t) noexcept { arena_->Deallocate(at, alignof(T)); }

  RequestArena* arena() const noexcept { return arena_; }
  friend bool operator==(const ArenaAllocator& a, const ArenaAllocator& b) noexcept {
    return a.arena_ == b.arena_;
  }

 private:
  RequestArena* arena_;
};

}  // namespace broadsheet::http
