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
                          std::int64_t now, std::int64_t user_id) override;
  SaveOutcome UpdateArticle(std::int64_t id, const news::ArticleInput& input,
                            const std::string& body_html, std::int64_t now,
                            const ArticleEditor& editor, const std::string& note) override;
  bool SetArticleStatus(std::int64_t id, news::ArticleStatus status, std::int64_t now,
                        std::int64_t user_id) override;
  std::vector<std::int64_t> PublishDue(std::int64_t now) override;
  ArticleListPage ListArticles(const ArticleQuery& query) override;
  bool TrashArticle(std::int64_t id, std::int64_t now, std::int64_t user_id) override;
  bool RestoreArticle(std::int64_t id, std::int64_t now, std::int64_t user_id,
                      bool may_publish) override;
  std::int64_t PurgeTrash(std::int64_t before) override;
  std::vector<RevisionRow> ListRevisions(std::int64_t article_id) override;
  std::optional<RevisionRow> FindRevision(std::int64_t article_id,
                                          std::int64_t revision_id) override;
  std::vector<Tag> ListTags() override;
  std::vector<std::string> RenameReservedCategories(
      const std::vector<std::string>& reserved) override;
  std::optional<std::int64_t> AddUser(const UserRow& user, const std::string& author_slug,
                                      const std::string& display_name, std::int64_t now) override;
  std::optional<UserRow> FindUserByEmail(const std::string& email) override;
  std::optional<UserRow> FindUser(std::int64_t id) override;
  std::vector<UserRow> ListUsers() override;
  bool SetUserPassword(std::int64_t id, const std::string& password_hash) override;
  bool SetUserRole(std::int64_t id, news::Role role) override;
  bool RehashPassword(std::int64_t id, const std::string& old_hash,
                      const std::string& new_hash) override;
  bool SetUserDisabled(std::int64_t id, bool disabled) override;
  std::vector<Author> ListAuthors() override;
  std::optional<Author> FindAuthorBySlug(const std::string& slug) override;
  bool UpdateAuthorProfile(std::int64_t author_id, const std::string& name,
                           const std::string& bio) override;
  void AddSignIn(const std::string& id_hash, std::int64_t user_id, std::int64_t now) override;
  std::optional<UserRow> UseSignIn(const std::string& id_hash, std::int64_t now,
                                   std::int64_t idle_s, std::int64_t max_age_s) override;
  void EndSignIn(const std::string& id_hash) override;
  void EndAllSignIns(std::int64_t user_id) override;
  std::int64_t PurgeSignIns(std::int64_t now, std::int64_t idle_s,
                            std::int64_t max_age_s) override;
  std::optional<ArticleRow> FindArticle(std::int64_t id) override;
  std::vector<ArticleRow> ListPublished(const ListingScope& scope,
                                        const std::optional<ListingKey>& after, int limit) override;
  std::optional<ListingKey> ListingKeyAt(const ListingScope& scope, std::int64_t position) override;
  std::int64_t CountPublished(const ListingScope& scope) override;
  std::optional<ArticleRow> NewerInCategory(std::int64_t category_id,
                                            const ListingKey& key) override;
  std::optional<Tag> FindTagBySlug(const std::string& slug) override;
  SearchResults SearchPublished(const news::SearchQuery& query, int offset, int limit) override;
  std::vector<ArticleRow> ListAllArticles() override;
  std::vector<CategoryCount> ListCategoryCounts() override;
  std::vector<ViewTotals> AddViews(const std::vector<ViewDelta>& deltas) override;
  std::vector<ViewTotals> ReadViewTotals() override;
  std::vector<ReadCount> MostRead(const std::string& first_day, const std::string& last_day,
                                  int limit) override;
  std::vector<DailyViews> ViewsByDay(std::int64_t article_id) override;
  std::vector<DailyViews> SiteViewsByDay(const std::string& first_day,
                                         const std::string& last_day) override;
  bool SetCommentMode(std::int64_t article_id, news::CommentMode mode) override;
  MediaAdded AddMedia(const MediaRow& media) override;
  std::optional<MediaRow> FindMedia(std::int64_t id) override;
  MediaPage ListMedia(int offset, int limit) override;
  std::vector<MediaUse> MediaUses(const MediaRow& media) override;
  MediaDeletion DeleteMedia(std::int64_t id) override;
  void AddAuditEntry(const AuditEntry& entry) override;
  AuditPage ListAudit(const AuditQuery& query) override;
  std::optional<VoteOutcome> RecordVote(std::int64_t article_id, const std::string& reader_id,
                                        int stars, std::int64_t now) override;
  std::optional<int> VoteOf(std::int64_t article_id, const std::string& reader_id) override;
  std::vector<RatingTotals> ReadRatingTotals() override;
  bool ResetVotes(std::int64_t article_id) override;
  std::vector<VoteRow> ListVotes(std::int64_t article_id) override;
  std::vector<RatingTotals> BestRated(int prior_votes, int limit) override;
  std::optional<std::int64_t> AddComment(const CommentRow& comment) override;
  std::vector<CommentCount> ReadCommentCounts() override;
  std::int64_t CountApprovedComments(std::int64_t article_id) override;
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
  std::vector<ContentChange> ContentChangesSince(std::int64_t version, int limit) override;
  std::int64_t CountsCursor() override;
  CountsChanges CountsChangedSince(std::int64_t cursor) override;
  std::int64_t ContentVersion() override;
  bool IsEmpty() override;
  void StreamSite(SiteSink& sink) override;
  std::unique_ptr<SiteImport> BeginSiteImport(bool replace) override;
  ImportTally ImportArticles(OldSystem system, const std::string& source,
                             const std::vector<ImportedArticle>& articles) override;
  ImportTally ImportComments(OldSystem system, const std::string& source,
                             const std::vector<ImportedComment>& comments) override;
  std::vector<OldLink> ListOldLinks() override;
  std::int64_t OldLinksVersion() override;
  std::vector<RedirectRow> ListRedirects() override;
  void SetRedirect(const RedirectRow& redirect) override;
  bool DeleteRedirect(const std::string& old_path) override;
  void SetChangeCallback(ChangeCallback callback) override;

  // The synchronous_commit setting of the store's connections ("on" unless configured), for
  // contract tests.
  std::string SynchronousCommit();

 private:
  friend class PgSiteImport;  // pg_site_transfer.cpp: writes through the helpers below
  // These run inside the caller's transaction on `connection`.
  std::int64_t FindOrCreateAuthor(PgConnection& connection, const std::string& name);
  std::string UniqueAuthorSlug(PgConnection& connection, const std::string& name);
  std::int64_t FindOrCreateCategory(PgConnection& connection, const std::string& name);
  void ReplaceTags(PgConnection& connection, std::int64_t article_id,
                   const std::vector<std::string>& tags);
  // Keeps the article's current fields as a revision.
  void AddRevision(PgConnection& connection, std::int64_t article_id, std::int64_t user_id,
                   const std::string& note, std::int64_t now);
  // Gives authors made before slugs existed (schema 6) a unique one; at open.
  void FillAuthorSlugs();
  // Site search (pg_search.cpp). Writes the article's search document, in the caller's
  // transaction on `connection`.
  void IndexForSearch(PgConnection& connection, std::int64_t article_id);
  // Indexes every article the search index lacks, when a migration or an import said some may
  // be missing (site_meta search_indexed = 0); at open and after an import.
  void IndexUnsearchedArticles();
  // The same inside the caller's transaction on `connection` (an import's).
  void IndexMissingSearchDocuments(PgConnection& connection);

  PgPool pool_;
  std::unique_ptr<PgChangeListener> listener_;  // started by the first SetChangeCallback
  std::mutex listener_mutex_;                   // guards listener_
};

}  // namespace broadsheet::store::postgres
