// Test support: a Store that forwards every call to a real store (SQLite or PostgreSQL),
// counting the calls and, before each, running a hook a test may set to block or to look.
// A seam of real code (STYLE.md §8): every answer still comes from the real database.
// Thread-safe when the inner store is; set the hook before the calls it should see.
#pragma once

#include <atomic>
#include <functional>
#include <string_view>

#include "store/site_export.h"
#include "store/store.h"

namespace broadsheet::testing {

class ObservedStore final : public store::Store {
 public:
  explicit ObservedStore(store::Store& inner) : inner_(inner) {}

  // Calls made so far (every method counts one).
  std::int64_t calls() const { return calls_.load(); }
  // Runs before each call with the method's name, on the calling thread.
  void SetHook(std::function<void(std::string_view method)> hook) { hook_ = std::move(hook); }

  std::int64_t AddArticle(const news::ArticleInput& input, const std::string& body_html,
                          std::int64_t now, std::int64_t user_id) override {
    Observe("AddArticle");
    return inner_.AddArticle(input, body_html, now, user_id);
  }
  store::SaveOutcome UpdateArticle(std::int64_t id, const news::ArticleInput& input,
                                   const std::string& body_html, std::int64_t now,
                                   const store::ArticleEditor& editor,
                                   const std::string& note) override {
    Observe("UpdateArticle");
    return inner_.UpdateArticle(id, input, body_html, now, editor, note);
  }
  bool SetArticleStatus(std::int64_t id, news::ArticleStatus status, std::int64_t now,
                        std::int64_t user_id) override {
    Observe("SetArticleStatus");
    return inner_.SetArticleStatus(id, status, now, user_id);
  }
  std::vector<std::int64_t> PublishDue(std::int64_t now) override {
    Observe("PublishDue");
    return inner_.PublishDue(now);
  }
  store::ArticleListPage ListArticles(const store::ArticleQuery& query) override {
    Observe("ListArticles");
    return inner_.ListArticles(query);
  }
  bool TrashArticle(std::int64_t id, std::int64_t now, std::int64_t user_id) override {
    Observe("TrashArticle");
    return inner_.TrashArticle(id, now, user_id);
  }
  bool RestoreArticle(std::int64_t id, std::int64_t now, std::int64_t user_id,
                      bool may_publish) override {
    Observe("RestoreArticle");
    return inner_.RestoreArticle(id, now, user_id, may_publish);
  }
  std::int64_t PurgeTrash(std::int64_t before) override {
    Observe("PurgeTrash");
    return inner_.PurgeTrash(before);
  }
  std::vector<store::RevisionRow> ListRevisions(std::int64_t article_id) override {
    Observe("ListRevisions");
    return inner_.ListRevisions(article_id);
  }
  std::optional<store::RevisionRow> FindRevision(std::int64_t article_id,
                                                 std::int64_t revision_id) override {
    Observe("FindRevision");
    return inner_.FindRevision(article_id, revision_id);
  }
  std::vector<store::Tag> ListTags() override {
    Observe("ListTags");
    return inner_.ListTags();
  }
  std::vector<std::string> RenameReservedCategories(
      const std::vector<std::string>& reserved) override {
    Observe("RenameReservedCategories");
    return inner_.RenameReservedCategories(reserved);
  }
  std::optional<std::int64_t> AddUser(const store::UserRow& user, const std::string& author_slug,
                                      const std::string& display_name, std::int64_t now) override {
    Observe("AddUser");
    return inner_.AddUser(user, author_slug, display_name, now);
  }
  std::optional<store::UserRow> FindUserByEmail(const std::string& email) override {
    Observe("FindUserByEmail");
    return inner_.FindUserByEmail(email);
  }
  std::optional<store::UserRow> FindUser(std::int64_t id) override {
    Observe("FindUser");
    return inner_.FindUser(id);
  }
  std::vector<store::UserRow> ListUsers() override {
    Observe("ListUsers");
    return inner_.ListUsers();
  }
  bool SetUserPassword(std::int64_t id, const std::string& password_hash) override {
    Observe("SetUserPassword");
    return inner_.SetUserPassword(id, password_hash);
  }
  bool RehashPassword(std::int64_t id, const std::string& old_hash,
                      const std::string& new_hash) override {
    Observe("RehashPassword");
    return inner_.RehashPassword(id, old_hash, new_hash);
  }
  bool SetUserRole(std::int64_t id, news::Role role) override {
    Observe("SetUserRole");
    return inner_.SetUserRole(id, role);
  }
  bool SetUserDisabled(std::int64_t id, bool disabled) override {
    Observe("SetUserDisabled");
    return inner_.SetUserDisabled(id, disabled);
  }
  std::vector<store::Author> ListAuthors() override {
    Observe("ListAuthors");
    return inner_.ListAuthors();
  }
  std::optional<store::Author> FindAuthorBySlug(const std::string& slug) override {
    Observe("FindAuthorBySlug");
    return inner_.FindAuthorBySlug(slug);
  }
  bool UpdateAuthorProfile(std::int64_t author_id, const std::string& name,
                           const std::string& bio) override {
    Observe("UpdateAuthorProfile");
    return inner_.UpdateAuthorProfile(author_id, name, bio);
  }
  void AddSignIn(const std::string& id_hash, std::int64_t user_id, std::int64_t now) override {
    Observe("AddSignIn");
    return inner_.AddSignIn(id_hash, user_id, now);
  }
  std::optional<store::UserRow> UseSignIn(const std::string& id_hash, std::int64_t now,
                                          std::int64_t idle_s, std::int64_t max_age_s) override {
    Observe("UseSignIn");
    return inner_.UseSignIn(id_hash, now, idle_s, max_age_s);
  }
  void EndSignIn(const std::string& id_hash) override {
    Observe("EndSignIn");
    return inner_.EndSignIn(id_hash);
  }
  std::int64_t PurgeSignIns(std::int64_t now, std::int64_t idle_s,
                            std::int64_t max_age_s) override {
    Observe("PurgeSignIns");
    return inner_.PurgeSignIns(now, idle_s, max_age_s);
  }
  void EndAllSignIns(std::int64_t user_id) override {
    Observe("EndAllSignIns");
    return inner_.EndAllSignIns(user_id);
  }
  std::optional<store::ArticleRow> FindArticle(std::int64_t id) override {
    Observe("FindArticle");
    return inner_.FindArticle(id);
  }
  std::vector<store::ArticleRow> ListPublished(const store::ListingScope& scope,
                                               const std::optional<store::ListingKey>& after,
                                               int limit) override {
    Observe("ListPublished");
    return inner_.ListPublished(scope, after, limit);
  }
  std::optional<store::ListingKey> ListingKeyAt(const store::ListingScope& scope,
                                                std::int64_t position) override {
    Observe("ListingKeyAt");
    return inner_.ListingKeyAt(scope, position);
  }
  std::int64_t CountPublished(const store::ListingScope& scope) override {
    Observe("CountPublished");
    return inner_.CountPublished(scope);
  }
  std::optional<store::ArticleRow> NewerInCategory(std::int64_t category_id,
                                                   const store::ListingKey& key) override {
    Observe("NewerInCategory");
    return inner_.NewerInCategory(category_id, key);
  }
  store::SearchResults SearchPublished(const news::SearchQuery& query, int offset,
                                       int limit) override {
    Observe("SearchPublished");
    return inner_.SearchPublished(query, offset, limit);
  }
  std::optional<store::Tag> FindTagBySlug(const std::string& slug) override {
    Observe("FindTagBySlug");
    return inner_.FindTagBySlug(slug);
  }
  std::vector<store::ArticleRow> ListAllArticles() override {
    Observe("ListAllArticles");
    return inner_.ListAllArticles();
  }
  std::vector<store::CategoryCount> ListCategoryCounts() override {
    Observe("ListCategoryCounts");
    return inner_.ListCategoryCounts();
  }
  std::vector<store::ViewTotals> AddViews(const std::vector<store::ViewDelta>& deltas) override {
    Observe("AddViews");
    return inner_.AddViews(deltas);
  }
  std::vector<store::ViewTotals> ReadViewTotals() override {
    Observe("ReadViewTotals");
    return inner_.ReadViewTotals();
  }
  std::vector<store::ReadCount> MostRead(const std::string& first_day, const std::string& last_day,
                                         int limit) override {
    Observe("MostRead");
    return inner_.MostRead(first_day, last_day, limit);
  }
  std::vector<store::DailyViews> ViewsByDay(std::int64_t article_id) override {
    Observe("ViewsByDay");
    return inner_.ViewsByDay(article_id);
  }
  std::optional<store::VoteOutcome> RecordVote(std::int64_t article_id,
                                               const std::string& reader_id, int stars,
                                               std::int64_t now) override {
    Observe("RecordVote");
    return inner_.RecordVote(article_id, reader_id, stars, now);
  }
  std::optional<int> VoteOf(std::int64_t article_id, const std::string& reader_id) override {
    Observe("VoteOf");
    return inner_.VoteOf(article_id, reader_id);
  }
  std::vector<store::RatingTotals> ReadRatingTotals() override {
    Observe("ReadRatingTotals");
    return inner_.ReadRatingTotals();
  }
  bool ResetVotes(std::int64_t article_id) override {
    Observe("ResetVotes");
    return inner_.ResetVotes(article_id);
  }
  std::vector<store::VoteRow> ListVotes(std::int64_t article_id) override {
    Observe("ListVotes");
    return inner_.ListVotes(article_id);
  }
  std::vector<store::RatingTotals> BestRated(int prior_votes, int limit) override {
    Observe("BestRated");
    return inner_.BestRated(prior_votes, limit);
  }
  std::optional<std::int64_t> AddComment(const store::CommentRow& comment) override {
    Observe("AddComment");
    return inner_.AddComment(comment);
  }
  std::vector<store::CommentCount> ReadCommentCounts() override {
    Observe("ReadCommentCounts");
    return inner_.ReadCommentCounts();
  }
  std::int64_t CountApprovedComments(std::int64_t article_id) override {
    Observe("CountApprovedComments");
    return inner_.CountApprovedComments(article_id);
  }
  std::vector<store::CommentRow> ListApprovedComments(std::int64_t article_id, int offset,
                                                      int limit) override {
    Observe("ListApprovedComments");
    return inner_.ListApprovedComments(article_id, offset, limit);
  }
  std::vector<store::CommentRow> ListComments(store::CommentFilter filter, int limit) override {
    Observe("ListComments");
    return inner_.ListComments(filter, limit);
  }
  std::optional<store::CommentRow> FindComment(std::int64_t id) override {
    Observe("FindComment");
    return inner_.FindComment(id);
  }
  bool SetCommentStatus(std::int64_t id, news::CommentStatus status) override {
    Observe("SetCommentStatus");
    return inner_.SetCommentStatus(id, status);
  }
  bool DeleteComment(std::int64_t id) override {
    Observe("DeleteComment");
    return inner_.DeleteComment(id);
  }
  bool HasApprovedComment(const std::string& reader_id) override {
    Observe("HasApprovedComment");
    return inner_.HasApprovedComment(reader_id);
  }
  bool HasRecentDuplicate(std::int64_t article_id, const std::string& reader_id,
                          const std::string& body, std::int64_t since) override {
    Observe("HasRecentDuplicate");
    return inner_.HasRecentDuplicate(article_id, reader_id, body, since);
  }
  store::ReportOutcome ReportComment(std::int64_t comment_id, const std::string& reader_id,
                                     const std::string& address_key, int threshold,
                                     std::int64_t now) override {
    Observe("ReportComment");
    return inner_.ReportComment(comment_id, reader_id, address_key, threshold, now);
  }
  std::int64_t PurgeAddressKeys(std::int64_t before) override {
    Observe("PurgeAddressKeys");
    return inner_.PurgeAddressKeys(before);
  }
  bool UseNonce(const std::string& nonce, std::int64_t expires_ms, std::int64_t now_ms) override {
    Observe("UseNonce");
    return inner_.UseNonce(nonce, expires_ms, now_ms);
  }
  std::vector<store::DailyViews> SiteViewsByDay(const std::string& first_day,
                                                const std::string& last_day) override {
    Observe("SiteViewsByDay");
    return inner_.SiteViewsByDay(first_day, last_day);
  }
  bool SetCommentMode(std::int64_t article_id, news::CommentMode mode) override {
    Observe("SetCommentMode");
    return inner_.SetCommentMode(article_id, mode);
  }
  store::MediaAdded AddMedia(const store::MediaRow& media) override {
    Observe("AddMedia");
    return inner_.AddMedia(media);
  }
  std::optional<store::MediaRow> FindMedia(std::int64_t id) override {
    Observe("FindMedia");
    return inner_.FindMedia(id);
  }
  store::MediaPage ListMedia(int offset, int limit) override {
    Observe("ListMedia");
    return inner_.ListMedia(offset, limit);
  }
  std::vector<store::MediaUse> MediaUses(const store::MediaRow& media) override {
    Observe("MediaUses");
    return inner_.MediaUses(media);
  }
  store::MediaDeletion DeleteMedia(std::int64_t id) override {
    Observe("DeleteMedia");
    return inner_.DeleteMedia(id);
  }
  void AddAuditEntry(const store::AuditEntry& entry) override {
    Observe("AddAuditEntry");
    inner_.AddAuditEntry(entry);
  }
  store::AuditPage ListAudit(const store::AuditQuery& query) override {
    Observe("ListAudit");
    return inner_.ListAudit(query);
  }
  std::optional<std::string> ReadSetting(const std::string& key) override {
    Observe("ReadSetting");
    return inner_.ReadSetting(key);
  }
  void WriteSetting(const std::string& key, const std::string& value) override {
    Observe("WriteSetting");
    return inner_.WriteSetting(key, value);
  }
  std::int64_t ContentVersion() override {
    Observe("ContentVersion");
    return inner_.ContentVersion();
  }
  std::vector<store::ContentChange> ContentChangesSince(std::int64_t version, int limit) override {
    Observe("ContentChangesSince");
    return inner_.ContentChangesSince(version, limit);
  }
  std::int64_t CountsCursor() override {
    Observe("CountsCursor");
    return inner_.CountsCursor();
  }
  store::CountsChanges CountsChangedSince(std::int64_t cursor) override {
    Observe("CountsChangedSince");
    return inner_.CountsChangedSince(cursor);
  }
  bool IsEmpty() override {
    Observe("IsEmpty");
    return inner_.IsEmpty();
  }
  void StreamSite(store::SiteSink& sink) override {
    Observe("StreamSite");
    inner_.StreamSite(sink);
  }
  std::unique_ptr<store::SiteImport> BeginSiteImport(bool replace) override {
    Observe("BeginSiteImport");
    return inner_.BeginSiteImport(replace);
  }
  store::ImportTally ImportArticles(store::OldSystem system, const std::string& source,
                                    const std::vector<store::ImportedArticle>& articles) override {
    Observe("ImportArticles");
    return inner_.ImportArticles(system, source, articles);
  }
  store::ImportTally ImportComments(store::OldSystem system, const std::string& source,
                                    const std::vector<store::ImportedComment>& comments) override {
    Observe("ImportComments");
    return inner_.ImportComments(system, source, comments);
  }
  std::vector<store::OldLink> ListOldLinks() override {
    Observe("ListOldLinks");
    return inner_.ListOldLinks();
  }
  std::int64_t OldLinksVersion() override {
    Observe("OldLinksVersion");
    return inner_.OldLinksVersion();
  }
  std::vector<store::RedirectRow> ListRedirects() override {
    Observe("ListRedirects");
    return inner_.ListRedirects();
  }
  void SetRedirect(const store::RedirectRow& redirect) override {
    Observe("SetRedirect");
    inner_.SetRedirect(redirect);
  }
  bool DeleteRedirect(const std::string& old_path) override {
    Observe("DeleteRedirect");
    return inner_.DeleteRedirect(old_path);
  }
  void SetChangeCallback(ChangeCallback callback) override {
    inner_.SetChangeCallback(std::move(callback));
  }

 private:
  void Observe(std::string_view method) {
    calls_.fetch_add(1);
    if (hook_) hook_(method);
  }

  store::Store& inner_;
  std::atomic<std::int64_t> calls_{0};
  std::function<void(std::string_view)> hook_;
};

}  // namespace broadsheet::testing
