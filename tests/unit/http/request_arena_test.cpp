#include "http/request_arena.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <map>
#include <string>

namespace broadsheet::http {
namespace {

bool Inside(const RequestArena& arena, const void* at) {
  const auto* begin = reinterpret_cast<const std::byte*>(&arena);
  return at >= begin && at < begin + sizeof(RequestArena);
}

TEST(RequestArenaTest, SlicesComeFromItsBufferAlignedUntilItIsFullThenFromTheHeap) {
  RequestArena arena;
  void* a = arena.Allocate(3, 1);
  void* b = arena.Allocate(8, 8);
  EXPECT_TRUE(Inside(arena, a));
  EXPECT_TRUE(Inside(arena, b));
  EXPECT_NE(a, b);
  EXPECT_EQ(reinterpret_cast<std::uintptr_t>(b) % 8, 0u);
  void* big = arena.Allocate(RequestArena::kBytes, 16);  // does not fit what is left
  EXPECT_FALSE(Inside(arena, big));
  EXPECT_EQ(reinterpret_cast<std::uintptr_t>(big) % 16, 0u);
  arena.Deallocate(big, 16);  // back to the heap (AddressSanitizer checks it)
  arena.Deallocate(b, 8);     // inside: kept until Reset
  arena.Reset();
  EXPECT_EQ(arena.Allocate(3, 1), a);  // the buffer is used again from its start
}

TEST(RequestArenaTest, AContainerOverTheArenaHoldsWhatItIsGiven) {
  RequestArena arena;
  using Alloc = ArenaAllocator<std::pair<const int, std::string>>;
  // More than the buffer holds, so some nodes come from the heap and are freed there.
  std::map<int, std::string, std::less<>, Alloc> fields{Alloc(arena)};
  for (int i = 0; i < 200; ++i) fields.emplace(i, std::string(40, static_cast<char>('a' + i % 26)));
  ASSERT_EQ(fields.size(), 200u);
  for (int i = 0; i < 200; ++i)
    EXPECT_EQ(fields.at(i), std::string(40, static_cast<char>('a' + i % 26)));
  EXPECT_TRUE(Inside(arena, &*fields.begin()));
  EXPECT_FALSE(Inside(arena, &*fields.rbegin()));
}

}  // namespace
}  // namespace broadsheet::http
