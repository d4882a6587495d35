// The listings' side boxes, "Most read today", "Most read this week" and "Best rated",
// computed at most once per [cache] side_boxes_s for each listing snapshot (issue 12: they used
// to be ranked again, and each entry's article read with its body, at every render; with the
// page cache switched off, they still were until they got a lifetime of their own).
// Each ListingSnapshot owns one, so a change of content recomputes them. Thread-safe.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

namespace broadsheet::site {

struct SideBoxEntry {
  std::int64_t article_id = 0;
  std::string title;
  std::string url;
  std::string count_text;  // "1,234 reads" in the most-read lists; empty in best rated
};

struct SideBoxLists {
  std::vector<SideBoxEntry> most_read_today;
  std::vector<SideBoxEntry> most_read_week;
  std::vector<SideBoxEntry> best_rated;
};

class SideBoxes {
 public:
  // The lists, from `compute` when none were computed within `max_age` (one caller computes;
  // others arriving meanwhile wait for its result). `compute` may throw; nothing is kept then.
  std::shared_ptr<const SideBoxLists> Get(std::chrono::seconds max_age,
                                          const std::function<SideBoxLists()>& compute) const;

 private:
  mutable std::mutex mutex_;
  mutable std::shared_ptr<const SideBoxLists> lists_;       // guarded by mutex_
  mutable std::chrono::steady_clock::time_point computed_;  // guarded by mutex_
};

}  // namespace broadsheet::site
