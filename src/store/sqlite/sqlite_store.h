// The embedded store: one SQLite file in WAL mode. Writes go through one writer connection
// (serialised by a mutex, so in-process writers never see SQLITE_BUSY); reads use a small pool
// of reader connections that WAL lets run beside the writer. Thread-safe.
#pragma once

#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "store/store.h"

namespace broadsheet::store::sqlite {

class GroupCommit;
class SqliteConnection;

class SqliteStore final : public Store {
 public:
  // Opens (creating when missing) the database at `path` and applies migrations. With
  // `max_page_count` > 0 the file may not grow past that many pages: a write that would gets
  // SQLITE_FULL, an unavailable StoreError, and is rolled back whole.
  // Throws StoreError when the file cannot be opened or migrated.
  explicit SqliteStore(std::string path, std::int64_t max_page_count = 0);
  ~SqliteStore() override;

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

  // Durable writes (votes, comments, reports, nonces) queued for the next group commit.
  std::size_t QueuedWrites();

 private:
  friend class SqliteSiteImport;  // sqlite_site_transfer.cpp: writes through the helpers below
  // A reader connection borrowed from the pool for one call; returned on destruction.
  class ReaderLease {
   public:
    ReaderLease(SqliteStore& store, std::unique_ptr<SqliteConnection> connection);
    ReaderLease(const ReaderLease&) = delete;
    ReaderLease& operator=(const ReaderLease&) = delete;
    ~ReaderLease();
    SqliteConnection& operator*() { return *connection_; }
    SqliteConnection* operator->() { return connection_.get(); }

   private:
    SqliteStore& store_;
    std::unique_ptr<SqliteConnection> connection_;
  };

  ReaderLease Reader();
  // These run on the writer, inside the caller's transaction and writer_mutex_.
  std::int64_t FindOrCreateAuthor(const std::string& name);
  std::string UniqueAuthorSlug(const std::string& name);
  std::int64_t FindOrCreateCategory(const std::string& name);
  void ReplaceTags(std::int64_t article_id, const std::vector<std::string>& tags);
  // Keeps the article's current fields as a revision.
  void AddRevision(std::int64_t article_id, std::int64_t user_id, const std::string& note,
                   std::int64_t now);
  // Gives authors made before slugs existed (schema 6) a unique one; at open.
  void FillAuthorSlugs();
  // Site search (sqlite_search.cpp). Writes the article's search document; on the writer, in
  // the caller's transaction.
  void IndexForSearch(std::int64_t article_id);
  // Indexes every article the search index lacks, when a migration or an import said some may
  // be missing (site_meta search_indexed = 0); at open and after an import.
  void IndexUnsearchedArticles();
  // The same inside the caller's transaction and writer_mutex_ (an import's).
  void IndexMissingSearchDocuments();

  const std::string path_;

  // Guarded by writer_mutex_.
  std::mutex writer_mutex_;
  std::unique_ptr<SqliteConnection> writer_;
  std::unique_ptr<GroupCommit> group_commit_;  // durable writes from many threads (votes)

  // Guarded by pool_mutex_.
  std::mutex pool_mutex_;
  std::vector<std::unique_ptr<SqliteConnection>> idle_readers_;
};

}  // namespace broadsheet::store::sqlite
