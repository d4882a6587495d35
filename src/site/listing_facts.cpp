#include "site/listing_facts.h"

#include "news/site_setting.h"

namespace broadsheet::site {

std::optional<store::Category> ListingSnapshot::FindCategory(const std::string& slug) const {
  const auto it = by_slug.find(slug);
  if (it == by_slug.end()) return std::nullopt;
  return it->second.category;
}

std::int64_t ListingSnapshot::CountPublished(std::int64_t category_id) const {
  if (category_id == 0) return published_total;
  for (const auto& [slug, count] : by_slug) {
    if (count.category.id == category_id) return count.published;
  }
  return 0;
}

std::string ListingSnapshot::Setting(std::string_view key) const {
  const auto it = settings.find(std::string(key));
  return it == settings.end() ? news::DefaultSetting(key) : it->second;
}

ListingFacts::ListingFacts(store::Store& store, const render::PageCache& pages)
    : store_(store), pages_(pages) {}

std::shared_ptr<const ListingSnapshot> ListingFacts::Current() {
  std::lock_guard lock(mutex_);
  // Taken before reading: an invalidation while we read leaves this snapshot already old, so
  // the next call reads again (as the page cache refuses such a page).
  const std::uint64_t generation = pages_.generation();
  if (snapshot_ && snapshot_->generation == generation) return snapshot_;
  auto fresh = std::make_shared<ListingSnapshot>();
  fresh->generation = generation;
  for (store::CategoryCount& count : store_.ListCategoryCounts()) {
    fresh->published_total += count.published;
    if (count.published > 0) fresh->navigation.push_back(count.category);
    std::string slug = count.category.slug;
    fresh->by_slug.emplace(std::move(slug), std::move(count));
  }
  fresh->latest = store_.ListPublished(0, std::nullopt, kLatestCount);
  for (const news::SettingRule& rule : news::SettingRules()) {
    std::string key(rule.key);
    if (auto value = store_.ReadSetting(key)) fresh->settings.emplace(std::move(key), *value);
  }
  snapshot_ = std::move(fresh);
  return snapshot_;
}

}  // namespace broadsheet::site
