#include "site/background_tasks.h"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <utility>

#include "news/calendar.h"

namespace broadsheet::site {

namespace {

// Address keys older than the retention, and articles trashed long enough ago, are looked
// for this often (and at start).
constexpr auto kPurgeInterval = std::chrono::hours(1);
// Content changes read one by one per poll; a node further behind drops every page instead.
constexpr int kMaxChangesRead = 1000;
// Signals held for the thread at most; beyond, they are dropped for a poll that reads it all.
constexpr std::size_t kMaxQueuedNotices = 10000;

}  // namespace

BackgroundTasks::BackgroundTasks(store::Store& store, store::ViewCounter& views,
                                 store::RatingBoard& ratings, store::CommentTally& comment_counts,
                                 render::PageCache& pages, BackgroundSchedule schedule)
    : store_(store),
      views_(views),
      ratings_(ratings),
      comment_counts_(comment_counts),
      pages_(pages),
      schedule_(schedule) {}

BackgroundTasks::~BackgroundTasks() {
  if (thread_.joinable()) Stop();
}

void BackgroundTasks::Start() {
  content_version_ = store_.ContentVersion();
  ReadAllCounts();
  thread_ = std::thread([this] { Run(); });
  store_.SetChangeCallback([this](const store::ChangeNotice& notice) {
    {
      std::lock_guard lock(mutex_);
      notified_ = true;
      if (notice.kind == store::ChangeNotice::Kind::kUnknown ||
          notices_.size() >= kMaxQueuedNotices) {
        must_poll_ = true;
      } else {
        notices_.push_back(notice);
      }
    }
    wake_.notify_all();
  });
}

bool BackgroundTasks::Stop() {
  store_.SetChangeCallback({});  // after this, the store never calls into us again
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  if (thread_.joinable()) thread_.join();
  try {
    views_.Flush();
    return true;
  } catch (const std::exception& error) {
    spdlog::error("final view flush failed, pending views are lost: {}", error.what());
    return false;
  }
}

void BackgroundTasks::FlushViews() {
  try {
    const std::int64_t written = views_.Flush();
    if (written > 0) {
      flushed_total_ += written;
      // What the kill -9 test holds the store to: everything reported here is committed.
      spdlog::debug("views: flushed {} ({} since start)", written, flushed_total_);
    }
  } catch (const std::exception& error) {
    // The views stay pending and go out with the next flush once the store answers again.
    spdlog::warn("view flush failed, will retry: {}", error.what());
  }
}

void BackgroundTasks::PublishScheduled() {
  try {
    // Every node does this; the store makes sure each article is published by one of them.
    for (const auto id : store_.PublishDue(news::UnixNow())) {
      spdlog::info("scheduled article {} is published", id);
    }
  } catch (const std::exception& error) {
    spdlog::warn("cannot publish scheduled articles, will retry: {}", error.what());
  }
}

void BackgroundTasks::ReadAllCounts() {
  // The cursor first: a change made during the reads is read again by the next poll.
  counts_cursor_ = store_.CountsCursor();
  views_.RefreshSnapshot();
  ratings_.ApplyAll(store_.ReadRatingTotals());
  comment_counts_.ReadAll(store_);
}

void BackgroundTasks::CheckForChanges() {
  try {
    DropChangedPages();
    // Views and votes other nodes or processes added since the last look: only the articles
    // whose numbers changed are read.
    const store::CountsChanges changed = store_.CountsChangedSince(counts_cursor_);
    for (const store::CountsRow& row : changed.rows) {
      views_.ApplyStored(row.article_id, row.views);
      ratings_.Apply({row.article_id, row.rating_sum, row.rating_count, row.rating_revision});
    }
    counts_cursor_ = changed.cursor;
  } catch (const std::exception& error) {
    spdlog::warn("cannot check for content changes: {}", error.what());
  }
}

bool BackgroundTasks::ApplyNotices(const std::vector<store::ChangeNotice>& notices) {
  using Kind = store::ChangeNotice::Kind;
  bool enough = true;
  bool content_gap = false;  // later content signals wait for the poll that fills the gap
  std::vector<render::PageShows> shown;
  for (const store::ChangeNotice& notice : notices) {
    switch (notice.kind) {
      case Kind::kViews:
        for (const store::ViewTotals& total : notice.views) {
          views_.ApplyStoredAtLeast(total.article_id, total.views);
        }
        break;
      case Kind::kRating:
        ratings_.Apply(notice.rating);  // the higher revision wins, in any order
        break;
      case Kind::kContent: {
        const store::ContentChange& change = notice.content;
        if (content_gap || change.version <= content_version_) break;  // a poll saw it
        if (change.version != content_version_ + 1 || change.scope == store::ContentScope::kAll) {
          content_gap = true;  // more than one article's pages: the poll decides
          enough = false;
          break;
        }
        if (change.scope == store::ContentScope::kComments) {
          // The one query a signal costs: the article's comments, counted for its cards.
          // Unanswered, the version stays where it was, for the poll to try again.
          try {
            comment_counts_.Recount(store_, change.article_id);
          } catch (const std::exception& error) {
            spdlog::warn("cannot count comments again: {}", error.what());
            content_gap = true;
            enough = false;
            break;
          }
          shown.push_back(render::PageShows::CommentsOf(change.article_id));
        } else {
          shown.push_back(render::PageShows::Article(change.article_id));
        }
        content_version_ = change.version;
        break;
      }
      case Kind::kUnknown:
        enough = false;
        break;
    }
  }
  if (!shown.empty()) pages_.InvalidateShowing(shown);
  return enough;
}

void BackgroundTasks::DropChangedPages() {
  const std::int64_t version = store_.ContentVersion();
  if (version == content_version_) return;
  const auto changes = store_.ContentChangesSince(content_version_, kMaxChangesRead);
  // Versions move one at a time, each with its row: a list that does not start right after
  // ours, or that is cut short, means changes this node cannot see one by one.
  bool everything = changes.empty() || changes.front().version != content_version_ + 1 ||
                    changes.size() == static_cast<std::size_t>(kMaxChangesRead);
  std::vector<render::PageShows> shown;
  std::vector<std::int64_t> recount;
  for (const store::ContentChange& change : changes) {
    switch (change.scope) {
      case store::ContentScope::kAll:
        everything = true;
        break;
      case store::ContentScope::kArticle:
        shown.push_back(render::PageShows::Article(change.article_id));
        break;
      case store::ContentScope::kComments:
        shown.push_back(render::PageShows::CommentsOf(change.article_id));
        recount.push_back(change.article_id);
        break;
    }
  }
  // Counted before the version moves: unanswered (a throw), the next poll reads these changes
  // again. After a change of everything, ReadAllCounts counts every article instead.
  if (!everything) {
    for (const std::int64_t id : recount) comment_counts_.Recount(store_, id);
  }
  content_version_ = std::max(version, changes.empty() ? version : changes.back().version);
  if (everything) {
    pages_.Invalidate();
    // An import or a restore may have brought numbers no counts poll would see.
    ReadAllCounts();
    spdlog::info("content changed (version {}): page cache cleared", content_version_);
    return;
  }
  pages_.InvalidateShowing(shown);
  spdlog::debug("content changed (version {}): {} pages' subjects dropped", content_version_,
                shown.size());
}

void BackgroundTasks::PurgeAddressKeys() {
  try {
    const auto retention =
        std::chrono::duration_cast<std::chrono::seconds>(schedule_.address_retention).count();
    const std::int64_t forgotten = store_.PurgeAddressKeys(news::UnixNow() - retention);
    if (forgotten > 0) spdlog::info("privacy: forgot {} stored address keys", forgotten);
  } catch (const std::exception& error) {
    spdlog::warn("cannot forget old address keys, will retry: {}", error.what());
  }
  try {
    const std::int64_t purged =
        store_.PurgeTrash(news::UnixNow() - schedule_.trash_retention.count());
    if (purged > 0) spdlog::info("trash: deleted {} articles for good", purged);
  } catch (const std::exception& error) {
    spdlog::warn("cannot empty the trash, will retry: {}", error.what());
  }
  try {
    store_.PurgeSignIns(news::UnixNow(), schedule_.signin_idle.count(),
                        schedule_.signin_max_age.count());
  } catch (const std::exception& error) {
    spdlog::warn("cannot forget expired sign-ins, will retry: {}", error.what());
  }
}

void BackgroundTasks::Run() {
  using Clock = std::chrono::steady_clock;
  auto next_flush = Clock::now() + schedule_.flush_interval;
  auto next_poll = Clock::now() + schedule_.poll_interval;
  auto next_purge = Clock::now();
  std::unique_lock lock(mutex_);
  while (!stopping_) {
    wake_.wait_until(lock, std::min({next_flush, next_poll, next_purge}),
                     [this] { return stopping_ || notified_; });
    if (stopping_) break;
    notified_ = false;
    bool poll_now = std::exchange(must_poll_, false);
    std::vector<store::ChangeNotice> notices = std::exchange(notices_, {});
    lock.unlock();
    const auto now = Clock::now();
    // What signals said is applied now; a signal that says too little means a poll now
    // rather than at the next poll.
    if (!notices.empty() && !ApplyNotices(notices)) poll_now = true;
    if (poll_now) next_poll = now;
    if (now >= next_flush) {
      FlushViews();
      next_flush = now + schedule_.flush_interval;
    }
    if (now >= next_poll) {
      PublishScheduled();
      CheckForChanges();
      next_poll = now + schedule_.poll_interval;
    }
    if (now >= next_purge) {
      PurgeAddressKeys();
      next_purge = now + kPurgeInterval;
    }
    lock.lock();
  }
}

}  // namespace broadsheet::site
