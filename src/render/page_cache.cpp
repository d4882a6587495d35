#include "render/page_cache.h"

#include <mutex>

namespace broadsheet::render {

std::shared_ptr<const CachedPage> PageCache::Find(
    const std::string& key, std::chrono::steady_clock::time_point now) const {
  std::shared_lock lock(mutex_);
  const auto it = pages_.find(key);
  if (it == pages_.end() || it->second->expires_at <= now) return nullptr;
  return it->second;
}

std::shared_ptr<const CachedPage> PageCache::FindStale(const std::string& key) const {
  std::shared_lock lock(mutex_);
  const auto it = pages_.find(key);
  return it == pages_.end() ? nullptr : it->second;
}

void PageCache::Put(const std::string& key, std::shared_ptr<const CachedPage> page) {
  std::unique_lock lock(mutex_);
  if (pages_.size() >= max_entries_ && !pages_.count(key)) pages_.clear();
  pages_[key] = std::move(page);
}

void PageCache::Clear() {
  std::unique_lock lock(mutex_);
  pages_.clear();
}

std::size_t PageCache::size() const {
  std::shared_lock lock(mutex_);
  return pages_.size();
}

}  // namespace broadsheet::render
