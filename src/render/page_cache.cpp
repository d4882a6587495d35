#include "render/page_cache.h"

#include <algorithm>
#include <mutex>
#include <utility>
#include <vector>

namespace broadsheet::render {
namespace {

// Bookkeeping per entry beyond its text: the map node, the slot tables, the shared_ptr block.
constexpr std::size_t kEntryOverheadBytes = 256;
// Eviction frees down to this share of the budget, so it runs once per many Puts, not each.
constexpr std::size_t kEvictToPercent = 90;
// Changes remembered one by one before they are folded into "everything changed".
constexpr std::size_t kMaxRememberedChanges = 65536;
// How finely hits are told apart for eviction.
constexpr std::int64_t kStampGranularityTicks =
    std::chrono::duration_cast<std::chrono::steady_clock::duration>(std::chrono::seconds(1))
        .count();

std::size_t SizeOf(const std::string& key, const CachedPage& page) {
  return key.size() + page.page.text_size() + page.canonical_path.size() +
         (page.gzip ? page.gzip->compressed_size() : 0) + page.shows.size() * sizeof(PageShows) +
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

bool PageCache::ChangedSince(const CachedPage& page, std::uint64_t generation) const {
  if (all_changed_at_ > generation) return true;
  for (const PageShows& shown : page.shows) {
    const auto it = changed_at_.find(shown.value());
    if (it != changed_at_.end() && it->second > generation) return true;
  }
  return false;
}

bool PageCache::Put(const std::string& key, std::shared_ptr<const CachedPage> page,
                    std::uint64_t generation) {
  const std::size_t bytes = SizeOf(key, *page);
  if (bytes > max_bytes_) return false;
  std::unique_lock lock(mutex_);
  // Checked under the lock the invalidations take: none can slip in between.
  if (ChangedSince(*page, generation)) return false;
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
  all_changed_at_ = clock_.fetch_add(1, std::memory_order_acq_rel) + 1;
  changed_at_.clear();  // everything changed now, which covers each earlier change
  pages_.clear();
  bytes_ = 0;
}

void PageCache::InvalidateShowing(const std::vector<PageShows>& changed) {
  if (changed.empty()) return;
  std::unique_lock lock(mutex_);
  const std::uint64_t now = clock_.fetch_add(1, std::memory_order_acq_rel) + 1;
  if (changed_at_.size() + changed.size() > kMaxRememberedChanges) {
    changed_at_.clear();
    all_changed_at_ = now;
  }
  for (const PageShows& shown : changed) changed_at_[shown.value()] = now;
  for (auto it = pages_.begin(); it != pages_.end();) {
    const auto& shows = it->second.page->shows;
    const bool stale = std::any_of(shows.begin(), shows.end(), [&](const PageShows& shown) {
      return std::find(changed.begin(), changed.end(), shown) != changed.end();
    });
    if (stale) {
      bytes_ -= it->second.bytes;
      it = pages_.erase(it);
    } else {
      ++it;
    }
  }
}

PageCache::RenderTicket PageCache::BeginRender(const std::string& key) {
  std::lock_guard lock(renders_mutex_);
  const std::uint64_t now = clock_.load(std::memory_order_acquire);
  auto [it, first] = renders_.try_emplace(key);
  if (!first && it->second->started_at == now) {
    ++waiters_;
    return RenderTicket(this, key, it->second, false);
  }
  it->second = std::make_shared<Render>();
  it->second->started_at = now;
  return RenderTicket(this, key, it->second, true);
}

std::size_t PageCache::waiting_for_renders() const {
  std::lock_guard lock(renders_mutex_);
  return waiters_;
}

void PageCache::FinishRender(const std::string& key, const std::shared_ptr<Render>& render,
                             std::shared_ptr<const CachedPage> page, bool failed) {
  {
    std::lock_guard lock(renders_mutex_);
    const auto it = renders_.find(key);
    if (it != renders_.end() && it->second == render) renders_.erase(it);
  }
  {
    std::lock_guard lock(render->mutex);
    render->done = true;
    render->failed = failed;
    render->page = std::move(page);
  }
  render->done_cv.notify_all();
}

PageCache::RenderTicket::RenderTicket(RenderTicket&& other) noexcept
    : cache_(std::exchange(other.cache_, nullptr)),
      key_(std::move(other.key_)),
      render_(std::move(other.render_)),
      renderer_(other.renderer_) {}

PageCache::RenderTicket::~RenderTicket() {
  if (!cache_) return;
  if (renderer_) {
    cache_->FinishRender(key_, render_, nullptr, /*failed=*/true);
  } else {
    std::lock_guard lock(cache_->renders_mutex_);
    --cache_->waiters_;
  }
}

void PageCache::RenderTicket::Done(std::shared_ptr<const CachedPage> page) {
  if (!cache_) return;
  cache_->FinishRender(key_, render_, std::move(page), /*failed=*/false);
  cache_ = nullptr;
}

std::optional<std::shared_ptr<const CachedPage>> PageCache::RenderTicket::Wait() {
  std::unique_lock lock(render_->mutex);
  render_->done_cv.wait(lock, [this] { return render_->done; });
  std::optional<std::shared_ptr<const CachedPage>> page;
  if (!render_->failed) page = render_->page;
  lock.unlock();
  if (cache_) {
    std::lock_guard count(cache_->renders_mutex_);
    --cache_->waiters_;
    cache_ = nullptr;
  }
  return page;
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
