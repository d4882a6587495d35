// The server's one background thread: flushes pending views every [views] flush_interval_ms
// and, every [store] poll_interval_ms, polls the store's content version (dropping the cached
// pages that show what another process or node changed) and reads the views and rating totals
// of the articles whose numbers changed (views other nodes added, their votes). When the store
// signals a change (PostgreSQL LISTEN/NOTIFY) it applies what the signal says at once, without
// a query, and polls at once only when the signal does not say enough; before each poll it
// publishes scheduled articles whose time has come. At start and then hourly it forgets stored
// address keys older than [privacy] address_days, deletes articles in the trash longer than [admin]
// trash_s and back-office sign-ins that can no longer be used. Flush and refresh share this thread,
// so they never race. Stop() does a final flush. Start/Stop from the controlling thread.
#pragma once

#include <chrono>
#include <condition_variable>
#include <mutex>
#include <thread>
#include <vector>

#include "render/page_cache.h"
#include "store/comment_tally.h"
#include "store/rating_board.h"
#include "store/store.h"
#include "store/view_counter.h"

namespace broadsheet::site {

struct BackgroundSchedule {
  std::chrono::milliseconds flush_interval{1000};
  std::chrono::milliseconds poll_interval{1000};
  std::chrono::hours address_retention{24 * 30};  // [privacy] address_days
  std::chrono::seconds trash_retention{2592000};  // [admin] trash_s
  std::chrono::seconds signin_idle{43200};        // [admin] idle_s
  std::chrono::seconds signin_max_age{1209600};   // [admin] max_age_s
};

class BackgroundTasks {
 public:
  BackgroundTasks(store::Store& store, store::ViewCounter& views, store::RatingBoard& ratings,
                  store::CommentTally& comment_counts, render::PageCache& pages,
                  BackgroundSchedule schedule);
  ~BackgroundTasks();

  void Start();
  // Stops the thread, then flushes what is pending. Returns false if the final flush failed
  // (the views are then lost; the error is logged).
  bool Stop();

 private:
  void Run();
  void FlushViews();
  void PublishScheduled();
  void CheckForChanges();
  // Applies what change signals said (new totals, one move of the content version). Returns
  // false when one of them calls for a poll: it said nothing usable, or the content version
  // moved further than it tells.
  bool ApplyNotices(const std::vector<store::ChangeNotice>& notices);
  // Drops the cached pages that show what changed since content_version_ (every page when
  // that cannot be told), and counts again the comments of articles whose comments changed.
  void DropChangedPages();
  // Reads every article's views, rating totals and comment counts (at start, and after a
  // change of everything).
  void ReadAllCounts();
  void PurgeAddressKeys();

  store::Store& store_;
  store::ViewCounter& views_;
  store::RatingBoard& ratings_;
  store::CommentTally& comment_counts_;
  render::PageCache& pages_;
  const BackgroundSchedule schedule_;
  std::int64_t content_version_ = 0;  // only touched by the background thread
  std::int64_t flushed_total_ = 0;    // only touched by the background thread
  std::int64_t counts_cursor_ = 0;    // only touched by the background thread

  std::mutex mutex_;
  std::condition_variable wake_;
  bool stopping_ = false;  // guarded by mutex_
  bool notified_ = false;  // guarded by mutex_: the store signalled a change
  bool must_poll_ = false;  // guarded by mutex_: a signal said too little, or too many queued
  std::vector<store::ChangeNotice> notices_;  // guarded by mutex_: signals not yet applied
  std::thread thread_;
};

}  // namespace broadsheet::site
