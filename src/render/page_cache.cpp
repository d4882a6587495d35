#include "render/page_cache.h"

#include <algorithm>
#include <mutex>
#include <vector>

namespace broadsheet::render {
namespace {

// Bookkeeping per entry beyond its text: the map node, the slot tables, the shared_ptr block.
constexpr std::size_t kEntryOverheadBytes = 256;
// Eviction frees down to this share of the budget, so it runs once per many Puts, not each.
constexpr std::size_t kEvictToPercent = 90;
// How finely hits are told apart for eviction.
constexpr std::int64_t kStampGranularityTicks =
    std::chrono::duration_cast<std::chrono::steady_clock::duration>(std::chrono::seconds(1))
        .count();

std::size_t SizeOf(const std::string& key, const CachedPage& page) {
  return key.size() + page.page.text_size() + page.canonical_path.size() +
         page.page.slots().size() * (sizeof(SlottedPage::SlotRef) + sizeof(std::size_t)) +
         kEntryOverheadBytes;
}

std::int64_t Ticks(std::chrono::steady_clock::time_point when) {
  return when.time_since_epoch().count();
}

}  // namespace

std::shared_ptr<const CachedPage> PageCache::Find(
    const std::string& key, std::chrono::steady_clock::time_point now) const {
  std::shared_lock lock(mutex_);
  const auto it = pages_.find(key);
  if (it == pages_.end() || it->second.page->expires_at <= now) return nullptr;
  // Stamping every hit would have every core write the same cache line of a popular page; a
  // second's granularity is plenty to choose what to evict.
  const std::int64_t ticks = Ticks(now);
  std::atomic<std::int64_t>& last_used = it->second.last_used;
  if (ticks - last_used.load(std::memory_order_relaxed) > kStampGranularityTicks) {
    last_used.store(ticks, std::memory_order_relaxed);
  }
  return it->second.page;
}

std::shared_ptr<const CachedPage> PageCache::FindStale(const std::string& key) const {
  std::shared_lock lock(mutex_);
  const auto it = pages_.find(key);
  return it == pages_.end() ? nullptr : it->second.page;
}

bool PageCache::Put(const std::string& key, std::shared_ptr<const CachedPage> page,
                    std::uint64_t generation) {
  const std::size_t bytes = SizeOf(key, *page);
  if (bytes > max_bytes_) return false;
  std::unique_lock lock(mutex_);
  // Checked under the lock Invalidate takes: no invalidation can slip in between.
  if (generation != generation_.load(std::memory_order_relaxed)) return false;
  auto [it, inserted] = pages_.try_emplace(key);
  if (!inserted) bytes_ -= it->second.bytes;
  it->second.page = std::move(page);
  it->second.bytes = bytes;
  it->second.last_used.store(Ticks(std::chrono::steady_clock::now()), std::memory_order_relaxed);
  bytes_ += bytes;
  if (bytes_ > max_bytes_) EvictTo(max_bytes_ / 100 * kEvictToPercent);
  return true;
}

void PageCache::EvictTo(std::size_t target) {
  std::vector<std::pair<std::int64_t, decltype(pages_)::iterator>> by_age;
  by_age.reserve(pages_.size());
  for (auto it = pages_.begin(); it != pages_.end(); ++it) {
    by_age.emplace_back(it->second.last_used.load(std::memory_order_relaxed), it);
  }
  std::sort(by_age.begin(), by_age.end(),
            [](const auto& a, const auto& b) { return a.first < b.first; });
  for (const auto& [age, it] : by_age) {
    if (bytes_ <= target) break;
    bytes_ -= it->second.bytes;
    pages_.erase(it);
  }
}

void PageCache::Invalidate() {
  std::unique_lock lock(mutex_);
  generation_.fetch_add(1, std::memory_order_release);
  pages_.clear();
  bytes_ = 0;
}

std::size_t PageCache::size() const {
  std::shared_lock lock(mutex_);
  return pages_.size();
}

std::size_t PageCache::bytes() const {
  std::shared_lock lock(mutex_);
  return bytes_;
}

}  // namespace broadsheet::render
