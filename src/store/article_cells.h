// One cell per article, found without a lock. Article ids are sequence values, small and
// dense, so a cell lives at a fixed place: blocks of kBlockSize cells, made on first use and
// kept for the life of the table, behind a directory of atomic pointers. Finding a cell is two
// loads; only making a block takes the lock. Ids the directory does not reach (beyond
// kMaxBlocks * kBlockSize, or not positive) get cells in a map under the lock: still counted,
// only slower. A cell's address never changes. Thread-safe.
#pragma once

#include <atomic>
#include <cstdint>
#include <memory>
#include <mutex>
#include <unordered_map>

namespace broadsheet::store {

template <typename Cell>
class ArticleCells {
 public:
  static constexpr std::int64_t kBlockSize = 4096;
  // 2^16 blocks reach id 268,435,455; the directory costs 512 KB.
  static constexpr std::int64_t kMaxBlocks = std::int64_t{1} << 16;

  ArticleCells() : directory_(new std::atomic<Block*>[kMaxBlocks]()) {}
  ~ArticleCells() {
    for (std::int64_t i = 0; i < kMaxBlocks; ++i) delete directory_[i].load();
  }
  ArticleCells(const ArticleCells&) = delete;
  ArticleCells& operator=(const ArticleCells&) = delete;

  // The article's cell, or nullptr when none was made yet.
  Cell* Find(std::int64_t id) const {
    if (Reachable(id)) {
      Block* block = directory_[id / kBlockSize].load(std::memory_order_acquire);
      return block ? &block->cells[id % kBlockSize] : nullptr;
    }
    std::lock_guard lock(mutex_);
    const auto it = overflow_.find(id);
    return it == overflow_.end() ? nullptr : &it->second;
  }

  // The article's cell, made (value-initialized) if needed.
  Cell& FindOrMake(std::int64_t id) {
    if (Cell* cell = Find(id)) return *cell;
    std::lock_guard lock(mutex_);
    if (!Reachable(id)) return overflow_[id];
    std::atomic<Block*>& slot = directory_[id / kBlockSize];
    Block* block = slot.load(std::memory_order_acquire);
    if (!block) {
      block = new Block();
      slot.store(block, std::memory_order_release);
    }
    return block->cells[id % kBlockSize];
  }

 private:
  struct Block {
    Cell cells[kBlockSize]{};
  };
  static bool Reachable(std::int64_t id) { return id > 0 && id < kMaxBlocks * kBlockSize; }

  std::unique_ptr<std::atomic<Block*>[]> directory_;
  mutable std::mutex mutex_;                                 // making blocks; the overflow map
  mutable std::unordered_map<std::int64_t, Cell> overflow_;  // guarded by mutex_; nodes stay put
};

}  // namespace broadsheet::store
