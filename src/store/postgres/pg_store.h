// The PostgreSQL store, for sites that run several stateless `broadsheet serve` nodes on one
// database: libpq directly (no ORM), a connection pool, prepared statements, connect and
// statement timeouts, migrations under an advisory lock. Same contract as the SQLite store
// (tests/unit/store/store_contract_test.cpp runs against both). Thread-safe.
#pragma once

#include <memory>

#include <mutex>

#include "store/postgres/pg_change_listener.h"
#include "store/postgres/pg_pool.h"
#include "store/store.h"

namespace broadsheet::store::postgres {

class PgStore final : public Store {
 public:
  // Connects and applies migrations. Throws StoreError.
  explicit PgStore(PgSettings settings);

  std::int64_t AddArticle(const news::ArticleInput& input, const std::string& body_html,
                          std::int64_t now) override;
  bool UpdateArticle(std::int64_t id, const news::ArticleInput& input,
                     const std::string& body_html, std::int64_t now) override;
  bool SetArticleStatus(std::int64_t id, news::ArticleStatus status, std::int64_t now) override;
  std::optional<ArticleRow> FindArticle(std::int64_t id) override;
  std::vector<ArticleRow> ListPublished(std::int64_t category_id, int offset, int limit) override;
  std::vector<ArticleRow> ListAllArticles() override;
  std::vector<CategoryCount> ListCategoryCounts() override;
  std::vector<ViewTotals> AddViews(const std::vector<ViewDelta>& deltas) override;
  std::vector<ViewTotals> ReadViewTotals() override;
  std::vector<ReadCount> MostRead(const std::string& first_day, const std::string& last_day,
                                  int limit) override;
  std::vector<DailyViews> ViewsByDay(std::int64_t article_id) override;
  std::optional<VoteOutcome> RecordVote(std::int64_t article_id, const std::string& reader_id,
                                        int stars, std::int64_t now) override;
  std::optional<int> VoteOf(std::int64_t article_id, const std::string& reader_id) override;
  std::vector<RatingTotals> ReadRatingTotals() override;
  bool ResetVotes(std::int64_t article_id) override;
  std::vector<VoteRow> ListVotes(std::int64_t article_id) override;
  std::vector<RatingTotals> BestRated(int prior_votes, int limit) override;
  std::optional<std::int64_t> AddComment(const CommentRow& comment) override;
  std::vector<CommentRow> ListApprovedComments(std::int64_t article_id, int offset,
                                               int limit) override;
  std::vector<CommentRow> ListComments(CommentFilter filter, int limit) override;
  std::optional<CommentRow> FindComment(std::int64_t id) override;
  bool SetCommentStatus(std::int64_t id, news::CommentStatus status) override;
  bool DeleteComment(std::int64_t id) override;
  bool HasApprovedComment(const std::string& reader_id) override;
  bool HasRecentDuplicate(std::int64_t article_id, const std::string& reader_id,
                          const std::string& body, std::int64_t since) override;
  ReportOutcome ReportComment(std::int64_t comment_id, const std::string& reader_id,
                              const std::string& address_key, int threshold,
                              std::int64_t now) override;
  std::int64_t PurgeAddressKeys(std::int64_t before) override;
  bool UseNonce(const std::string& nonce, std::int64_t expires_ms, std::int64_t now_ms) override;
  std::optional<std::string> ReadSetting(const std::string& key) override;
  void WriteSetting(const std::string& key, const std::string& value) override;
  std::int64_t ContentVersion() override;
  bool IsEmpty() override;
  SiteExport ExportSite() override;
  void ImportSite(const SiteExport& site, bool replace) override;
  void SetChangeCallback(std::function<void()> callback) override;

  // The synchronous_commit setting of the store's connections ("on" unless configured), for
  // contract tests.
  std::string SynchronousCommit();

 private:
  std::int64_t FindOrCreateAuthor(PgConnection& connection, const std::string& name);
  std::int64_t FindOrCreateCategory(PgConnection& connection, const std::string& name);

  PgPool pool_;
  std::unique_ptr<PgChangeListener> listener_;  // started by the first SetChangeCallback
  std::mutex listener_mutex_;                   // guards listener_
};

}  // namespace broadsheet::store::postgres
