// The Store: everything Broadsheet keeps, behind one interface with one implementation per
// database (sqlite/ now, postgres/ later). Handlers and the CLI use only this header; they never
// see SQL. Implementations are thread-safe: any method may be called from any thread.
// Failures of the machine (disk, database gone) throw StoreError; ordinary absence is nullopt.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "news/article.h"
#include "news/comment.h"
#include "news/search_text.h"
#include "news/user.h"
#include "store/listing_scope.h"
#include "store/source_import.h"

namespace broadsheet::store {

struct SiteExport;
class SiteSink;
class SiteImport;

// The database could not do what was asked (I/O, corruption, unreachable, constraint broken by
// a bug). `unavailable` is true when retrying later may succeed (busy, connection lost).
class StoreError : public std::runtime_error {
 public:
  StoreError(const std::string& what, bool unavailable = false)
      : std::runtime_error(what), unavailable_(unavailable) {}
  bool unavailable() const { return unavailable_; }

 private:
  bool unavailable_;
};

struct Category {
  std::int64_t id = 0;
  std::string slug;
  std::string name;
};

// The public profile an article is written as (users write as one; imports and front matter
// make them by name).
struct Author {
  std::int64_t id = 0;
  std::string name;
  std::string slug;  // unique
  std::string bio;
};

struct Tag {
  std::int64_t id = 0;
  std::string slug;  // unique
  std::string name;
};

// A back-office login.
struct UserRow {
  std::int64_t id = 0;
  std::string email;          // normalised (news::NormalizeEmail); unique
  std::string password_hash;  // "$argon2id$..."
  news::Role role = news::Role::kContributor;
  bool disabled = false;
  Author author;  // the profile the user writes as
  std::int64_t created_at = 0;
};

// Who saves an article, and which version the editor started from (0: do not check, as the
// CLI does). The store refuses a save whose version is not the stored one.
struct ArticleEditor {
  std::int64_t user_id = 0;  // 0: the command line
  std::int64_t base_version = 0;
};

enum class SaveOutcome { kSaved, kNotFound, kConflict };

// One saved state of an article: every save, publication and restore adds one.
struct RevisionRow {
  std::int64_t id = 0;
  std::int64_t article_id = 0;
  std::int64_t created_at = 0;
  std::int64_t user_id = 0;
  std::string user_email;  // empty for the command line and the scheduler
  std::string note;        // "created", "saved", "published", "restored revision 4"...
  news::ArticleInput fields;
};

// The back office's article list: every filter is optional (empty or 0).
struct ArticleQuery {
  // "draft", "review", "scheduled", "published" or "trashed"; empty: all but trashed.
  std::string status;
  std::int64_t category_id = 0;
  std::int64_t author_id = 0;
  std::string tag_slug;
  std::string title_contains;
  int offset = 0;
  int limit = 20;
};

// An uploaded picture: the metadata of one upload, whose files are
// {hash}-{width}.{webp,jpg} under [media] dir for each of `widths` (media/media_name.h).
struct MediaRow {
  std::int64_t id = 0;
  std::string hash;  // of the uploaded bytes; unique
  int width = 0;     // the original's
  int height = 0;
  std::vector<int> widths;  // of the stored variants, narrowest first
  std::int64_t bytes = 0;   // the upload's size
  std::string alt;          // the uploader's description, offered as the alt text
  std::string original_name;
  std::int64_t uploaded_by = 0;  // user id; 0 when unknown
  std::string uploader_email;    // filled when read
  std::int64_t uploaded_at = 0;
};

// Where a picture is shown.
struct MediaUse {
  std::int64_t article_id = 0;
  std::string title;
  bool featured = false;  // as the featured picture (else in the body)
  news::ArticleStatus status = news::ArticleStatus::kDraft;
  std::int64_t author_id = 0;  // who may see it in the back office depends on both
};

struct MediaPage {
  std::vector<MediaRow> rows;  // newest first
  std::int64_t total = 0;
};

struct MediaAdded {
  std::int64_t id = 0;
  bool created = false;  // false: the same bytes had been uploaded before
};

enum class MediaDeletion { kDeleted, kInUse, kNotFound };

// An article's featured picture, joined from its upload (media_id 0: none).
struct FeaturedImage {
  std::int64_t media_id = 0;
  std::string alt;
  std::string hash;
  int width = 0;
  int height = 0;
  std::vector<int> widths;
};

// One back-office action.
struct AuditEntry {
  std::int64_t id = 0;  // ignored by AddAuditEntry
  std::int64_t at = 0;
  std::int64_t user_id = 0;  // 0: nobody signed in (a failed sign-in)
  std::string user_email;    // kept as it was, so the log outlives the account
  std::string action;        // "article.save", "comment.approve", "setting.change"...
  std::string object;        // "article 12", "comment 4", "site.name"...
  std::string detail;
  std::string address_key;  // keyed hash of the address; empty after [privacy] address_days
};

// The audit log's filters, each off when empty or 0.
struct AuditQuery {
  std::int64_t user_id = 0;
  std::string action;           // exact, or a prefix ending in '.' ("article.")
  std::string object_contains;  // text anywhere in `object`
  int offset = 0;
  int limit = 50;
};

struct AuditPage {
  std::vector<AuditEntry> rows;  // newest first
  std::int64_t total = 0;
};

struct ArticleRow {
  std::int64_t id = 0;
  std::string slug;
  std::string title;
  std::string summary;
  std::string body_markdown;
  std::string body_html;  // rendered from body_markdown when saved; safe to output raw
  Author author;
  Category category;
  news::ArticleStatus status = news::ArticleStatus::kDraft;
  std::int64_t published_at = 0;  // unix seconds; 0 while never published
  std::int64_t updated_at = 0;
  std::int64_t views = 0;
  std::int64_t crawler_hits = 0;
  std::int64_t comment_count = 0;  // approved comments
  std::int64_t version = 0;        // grows with every save (ArticleEditor::base_version)
  std::int64_t trashed_at = 0;     // when it went to the trash; 0 otherwise
  // In the trash: the status a restore gives back (kDraft when unknown).
  news::ArticleStatus trashed_from = news::ArticleStatus::kDraft;
  std::vector<Tag> tags;           // filled by FindArticle only, in the editor's order
  news::CommentMode comment_mode = news::CommentMode::kSite;
  FeaturedImage featured;
};

// A place in the order listings show published articles in, newest first: by published_at,
// then id, both descending (ties on the second are broken by id). Every published article has
// one; a listing page continues strictly after the key of the last row of the page before.
struct ListingKey {
  std::int64_t published_at = 0;
  std::int64_t id = 0;

  friend bool operator==(const ListingKey&, const ListingKey&) = default;
};

// The key of a published article's row (the page after it starts there).
inline ListingKey ListingKeyOf(const ArticleRow& row) { return {row.published_at, row.id}; }

// A page of site search (issue 13): published articles matching every term, best first.
struct SearchResults {
  std::vector<std::int64_t> ids;
  std::int64_t total = 0;        // matches in all, up to kCountedMatches
  bool more_than_total = false;  // there are more matches than `total` (it is the cap)
};

struct ArticleListPage {
  std::vector<ArticleRow> rows;  // without bodies, newest change first
  std::int64_t total = 0;        // matching rows in all
};

// One article's counts to add, attributed to one local day ("YYYY-MM-DD").
struct ViewDelta {
  std::int64_t article_id = 0;
  std::string day;
  std::int64_t views = 0;
  std::int64_t crawler_hits = 0;
};

struct ViewTotals {
  std::int64_t article_id = 0;
  std::int64_t views = 0;
};

// One move of the content version and what it changed (issue 12: invalidation by what
// changed). kAll: anything (drop every page); kArticle: the article's text, where it stays in
// listings; kComments: the article's approved comments.
enum class ContentScope { kAll, kArticle, kComments };
struct ContentChange {
  std::int64_t version = 0;
  ContentScope scope = ContentScope::kAll;
  std::int64_t article_id = 0;
};

// An article's live numbers as they are stored, for a node's poll.
struct CountsRow {
  std::int64_t article_id = 0;
  std::int64_t views = 0;
  std::int64_t rating_sum = 0;
  std::int64_t rating_count = 0;
  std::int64_t rating_revision = 0;
};
struct CountsChanges {
  std::vector<CountsRow> rows;
  std::int64_t cursor = 0;  // to pass to the next CountsChangedSince
};

struct ReadCount {
  std::int64_t article_id = 0;
  std::int64_t views = 0;  // within the asked day range
};

struct RatingTotals {
  std::int64_t article_id = 0;
  std::int64_t sum = 0;    // of stars
  std::int64_t count = 0;  // of votes (one per reader)
  // Grows with every vote and reset of the article: of two totals, the higher revision is the
  // newer, however their answers were ordered on the way back.
  std::int64_t revision = 0;
};

// What a store's change signal says changed, so a node can update what it holds without
// reading the store: a view flush's new totals, a vote's new rating, one move of the content
// version. kUnknown says only that something changed (an empty signal, one too long to carry
// its changes, one from an older node): the node reads the store to find out.
struct ChangeNotice {
  enum class Kind { kUnknown, kContent, kViews, kRating };
  Kind kind = Kind::kUnknown;
  ContentChange content;          // kContent
  std::vector<ViewTotals> views;  // kViews
  RatingTotals rating;            // kRating
};

// One reader's vote on one article.
struct VoteRow {
  std::int64_t article_id = 0;
  std::string reader_id;
  int stars = 0;
  std::int64_t voted_at = 0;  // unix seconds
};

// What a vote did, from the values its own transaction wrote.
struct VoteOutcome {
  RatingTotals totals;
  bool replaced = false;  // the reader had voted before: their earlier stars were replaced
};

// An article's approved comments, counted (what a listing card says).
struct CommentCount {
  std::int64_t article_id = 0;
  std::int64_t approved = 0;
};

struct CommentRow {
  std::int64_t id = 0;  // ignored by AddComment
  std::int64_t article_id = 0;
  std::string reader_id;
  std::string name;
  std::string email;  // never shown
  std::string url;
  std::string body;   // plain text as the reader wrote it
  news::CommentStatus status = news::CommentStatus::kPending;
  std::string hold_reason;  // why it waits for an editor ("held mode", "honeypot", ...)
  std::int64_t created_at = 0;
  std::int64_t reports = 0;  // reports counted since an editor last approved it
  // An editor approved it while it had reports: later reports are recorded, never hide it.
  bool approved_by_editor = false;
  std::int64_t parent_id = 0;  // the comment it replies to (imported ones, issue 14); 0: none
};

// Which comments `broadsheet comments list` shows.
enum class CommentFilter { kAll, kPending, kReported, kSpam };

struct ReportOutcome {
  bool found = false;        // the comment exists
  bool counted = false;      // false when this reader, or this address, had reported it already
  std::int64_t reports = 0;  // counted since an editor last approved it
  bool held = false;         // this report took it to the threshold: it now waits for an editor
  bool stands = false;       // an editor approved it: reports are recorded but never hide it
};

// A category with the number of its published articles (0 for a category with only drafts).
struct CategoryCount {
  Category category;
  std::int64_t published = 0;
};

struct DailyViews {
  std::string day;
  std::int64_t views = 0;
};

class Store {
 public:
  virtual ~Store() = default;

  // --- articles -----------------------------------------------------------------------------
  // Adds an article (creating its author, category and tags by name when new) with its body
  // already rendered to safe HTML, and its first revision. Requires: the input passed
  // news::NormalizeAndValidate. Returns the new id. Slugs need not be unique: the id is the
  // identity, the slug is for readers. A published article without published_at gets `now`.
  virtual std::int64_t AddArticle(const news::ArticleInput& input, const std::string& body_html,
                                  std::int64_t now, std::int64_t user_id) = 0;
  // Replaces the article's editable fields and tags and keeps a revision noted `note` ("saved",
  // "restored revision 4").
  // kConflict, changing nothing, when editor.base_version is set and is not the stored
  // version. A trashed article cannot be saved (kNotFound).
  virtual SaveOutcome UpdateArticle(std::int64_t id, const news::ArticleInput& input,
                                    const std::string& body_html, std::int64_t now,
                                    const ArticleEditor& editor, const std::string& note) = 0;
  // Publishes (setting published_at the first time) or sets another status, with a revision.
  // False when no such id (or it is in the trash).
  virtual bool SetArticleStatus(std::int64_t id, news::ArticleStatus status, std::int64_t now,
                                std::int64_t user_id) = 0;
  // Publishes every scheduled article whose time has come, keeping published_at (the scheduled
  // time) and adding one "published" revision each. Safe when several nodes call it at once:
  // each article is published by exactly one of them. Returns the ids it published.
  virtual std::vector<std::int64_t> PublishDue(std::int64_t now) = 0;
  // The back office's filtered, paginated list.
  virtual ArticleListPage ListArticles(const ArticleQuery& query) = 0;
  // Moves an article to the trash (it leaves the site; restorable) or back to the status it
  // had; without `may_publish`, one that was published or scheduled comes back as a draft.
  // False when there is no such article in the expected place.
  virtual bool TrashArticle(std::int64_t id, std::int64_t now, std::int64_t user_id) = 0;
  virtual bool RestoreArticle(std::int64_t id, std::int64_t now, std::int64_t user_id,
                              bool may_publish) = 0;
  // Deletes for good what went to the trash before `before`. Returns how many.
  virtual std::int64_t PurgeTrash(std::int64_t before) = 0;
  // An article's revisions, newest first, and one of them.
  virtual std::vector<RevisionRow> ListRevisions(std::int64_t article_id) = 0;
  virtual std::optional<RevisionRow> FindRevision(std::int64_t article_id,
                                                  std::int64_t revision_id) = 0;
  // Every tag, by name.
  virtual std::vector<Tag> ListTags() = 0;
  // Renames every category whose slug is one of `reserved` (the router's own top-level names)
  // by adding "-section" to slug and name, so its pages can be reached. Returns
  // "old-slug -> new-slug" for each.
  virtual std::vector<std::string> RenameReservedCategories(
      const std::vector<std::string>& reserved) = 0;

  // --- people -------------------------------------------------------------------------------
  // Adds a login writing as the author profile `author_slug` (which must exist) or, when it is
  // empty, as a new profile named `display_name`. nullopt when the e-mail is taken, the
  // profile does not exist, or (for a new one) a profile already has that name: a new login
  // never quietly takes over another's articles.
  virtual std::optional<std::int64_t> AddUser(const UserRow& user, const std::string& author_slug,
                                              const std::string& display_name,
                                              std::int64_t now) = 0;
  virtual std::optional<UserRow> FindUserByEmail(const std::string& email) = 0;
  virtual std::optional<UserRow> FindUser(std::int64_t id) = 0;
  virtual std::vector<UserRow> ListUsers() = 0;
  // These three end every sign-in of the user when they change the password or disable it.
  virtual bool SetUserPassword(std::int64_t id, const std::string& password_hash) = 0;
  virtual bool SetUserRole(std::int64_t id, news::Role role) = 0;
  // The same password hashed at today's cost, after a sign-in proved it: replaces `old_hash`
  // only (a password changed meanwhile stays), and ends no sign-in.
  virtual bool RehashPassword(std::int64_t id, const std::string& old_hash,
                              const std::string& new_hash) = 0;
  virtual bool SetUserDisabled(std::int64_t id, bool disabled) = 0;
  virtual std::vector<Author> ListAuthors() = 0;
  virtual std::optional<Author> FindAuthorBySlug(const std::string& slug) = 0;
  virtual bool UpdateAuthorProfile(std::int64_t author_id, const std::string& name,
                                   const std::string& bio) = 0;

  // --- back-office sign-ins -----------------------------------------------------------------
  // A sign-in kept under the keyed hash of its id (security/signin_token.h).
  virtual void AddSignIn(const std::string& id_hash, std::int64_t user_id, std::int64_t now) = 0;
  // The signed-in user, when the sign-in exists, is younger than `max_age_s`, was used within
  // `idle_s`, and its user is enabled; the sign-in's last use becomes `now`. Else nullopt (and
  // an expired sign-in is deleted).
  virtual std::optional<UserRow> UseSignIn(const std::string& id_hash, std::int64_t now,
                                           std::int64_t idle_s, std::int64_t max_age_s) = 0;
  virtual void EndSignIn(const std::string& id_hash) = 0;
  virtual void EndAllSignIns(std::int64_t user_id) = 0;
  // Deletes the sign-ins that could no longer be used at `now`. Returns how many.
  virtual std::int64_t PurgeSignIns(std::int64_t now, std::int64_t idle_s,
                                    std::int64_t max_age_s) = 0;
  virtual std::optional<ArticleRow> FindArticle(std::int64_t id) = 0;
  // Published articles in listing order (ListingKey: newest first) in `scope` (a category id
  // converts: 0 means all categories). Without `after`, from the newest; with it, only those
  // strictly after that key, so a deeper page costs what the first does (issue 12: no OFFSET
  // walks the earlier rows). The rows carry no body (body_markdown and body_html are empty) to
  // keep listings cheap.
  virtual std::vector<ArticleRow> ListPublished(const ListingScope& scope,
                                                const std::optional<ListingKey>& after,
                                                int limit) = 0;
  // The key of the published article at `position` (0: the newest) in the same order, or
  // nullopt when there are no more; page N of `size` rows starts after the key at position
  // (N - 1) * size - 1. Reads the listing's index only, never an article's row.
  virtual std::optional<ListingKey> ListingKeyAt(const ListingScope& scope,
                                                 std::int64_t position) = 0;
  // How many published articles `scope` lists, counted in its index alone.
  virtual std::int64_t CountPublished(const ListingScope& scope) = 0;
  // The published article just newer than `key` in the category (the article page's
  // "previous" link; the older one is ListPublished after `key`, limit 1).
  virtual std::optional<ArticleRow> NewerInCategory(std::int64_t category_id,
                                                    const ListingKey& key) = 0;
  virtual std::optional<Tag> FindTagBySlug(const std::string& slug) = 0;
  // Published articles whose title, summary, body, tags or author name hold every term of
  // `query`, title matches ranked first, then the newest. The store keeps its search index
  // itself: every save indexes the article (folded by news::SearchWords, so both stores find
  // "café" by "cafe"), and an import or a new database indexes what is missing when opened.
  virtual SearchResults SearchPublished(const news::SearchQuery& query, int offset, int limit) = 0;
  // Every article, drafts included (not trashed ones), by id, without bodies (for `article
  // list` and `stats`).
  virtual std::vector<ArticleRow> ListAllArticles() = 0;

  // Every category with its count of published articles, by name: one cheap query that
  // listings cache per content version (site/listing_facts.h).
  virtual std::vector<CategoryCount> ListCategoryCounts() = 0;

  // --- views --------------------------------------------------------------------------------
  // Adds every delta in one transaction: to the article's totals and to its per-day row,
  // taking row locks in article id order so two nodes flushing at once never deadlock.
  // Deltas for unknown articles are dropped. Returns the new total views of each known
  // article touched, so the caller can update its snapshot without reading again.
  virtual std::vector<ViewTotals> AddViews(const std::vector<ViewDelta>& deltas) = 0;
  // Total views of every article (the node's snapshot).
  virtual std::vector<ViewTotals> ReadViewTotals() = 0;
  // Published articles with the most views on days in [first_day, last_day], most first.
  virtual std::vector<ReadCount> MostRead(const std::string& first_day,
                                          const std::string& last_day, int limit) = 0;
  virtual std::vector<DailyViews> ViewsByDay(std::int64_t article_id) = 0;
  // Views of every article together on each day in [first_day, last_day] that had any, by day.
  virtual std::vector<DailyViews> SiteViewsByDay(const std::string& first_day,
                                                 const std::string& last_day) = 0;

  // --- ratings ------------------------------------------------------------------------------
  // Records `reader_id`'s `stars` (1..5) for the article, committed durably before it returns:
  // a first vote adds to the count; a repeat replaces the reader's earlier stars (the count
  // stays). One transaction updates the vote row and the article's running sum and count.
  // Returns nullopt when there is no such article.
  virtual std::optional<VoteOutcome> RecordVote(std::int64_t article_id,
                                                const std::string& reader_id, int stars,
                                                std::int64_t now) = 0;
  // The reader's stars for the article, or nullopt when they have not voted.
  virtual std::optional<int> VoteOf(std::int64_t article_id, const std::string& reader_id) = 0;
  // Totals of every article that was ever voted on (revision > 0), so a reset shows too.
  virtual std::vector<RatingTotals> ReadRatingTotals() = 0;
  // Removes the article's votes (readers may vote again). False when no such article.
  virtual bool ResetVotes(std::int64_t article_id) = 0;
  // The article's votes, oldest first (for `broadsheet votes show`).
  virtual std::vector<VoteRow> ListVotes(std::int64_t article_id) = 0;
  // Published articles with votes, best first by a Bayesian-damped average: the site's mean
  // rating counted as `prior_votes` extra votes, so a single 5-star vote does not outrank a
  // hundred votes averaging 4.9.
  virtual std::vector<RatingTotals> BestRated(int prior_votes, int limit) = 0;

  // --- comments -----------------------------------------------------------------------------
  // Adds a comment, committed durably before it returns (group commit on SQLite). Returns its
  // id, or nullopt when there is no such article.
  virtual std::optional<std::int64_t> AddComment(const CommentRow& comment) = 0;
  // Approved comments of an article, oldest first.
  virtual std::vector<CommentRow> ListApprovedComments(std::int64_t article_id, int offset,
                                                       int limit) = 0;
  // Every article with approved comments and how many, for the counts listing cards show
  // (store/comment_tally.h): read at start and after a change of everything.
  virtual std::vector<CommentCount> ReadCommentCounts() = 0;
  // One article's approved comments, counted.
  virtual std::int64_t CountApprovedComments(std::int64_t article_id) = 0;
  // Newest first, for editors.
  virtual std::vector<CommentRow> ListComments(CommentFilter filter, int limit) = 0;
  virtual std::optional<CommentRow> FindComment(std::int64_t id) = 0;
  // An editor's decision. Approving a reported comment also clears its report count and makes
  // the approval stand: later reports are recorded but no longer send it back. (Approving a
  // comment nobody reported, in held mode say, leaves reports able to hide it.)
  virtual bool SetCommentStatus(std::int64_t id, news::CommentStatus status) = 0;
  virtual bool DeleteComment(std::int64_t id) = 0;
  // Sets an article's comments to the site's mode, open, held or closed. False when no such
  // article.
  virtual bool SetCommentMode(std::int64_t article_id, news::CommentMode mode) = 0;
  // True when the reader has at least one approved comment ("known" moderation).
  virtual bool HasApprovedComment(const std::string& reader_id) = 0;
  // True when the reader posted the same text on the article at or after `since`.
  virtual bool HasRecentDuplicate(std::int64_t article_id, const std::string& reader_id,
                                  const std::string& body, std::int64_t since) = 0;
  // Records a report, counted once per reader and once per `address_key` (the keyed hash of
  // the reporter's address, DESIGN.md §4): a repeat by either changes nothing. At `threshold`
  // counted reports an approved comment is set back to pending for an editor, unless an
  // editor approved it (then it stands).
  virtual ReportOutcome ReportComment(std::int64_t comment_id, const std::string& reader_id,
                                      const std::string& address_key, int threshold,
                                      std::int64_t now) = 0;
  // Forgets the address keys of reports and audit entries made before `before` (unix seconds;
  // [privacy] address_days). Returns how many were forgotten.
  virtual std::int64_t PurgeAddressKeys(std::int64_t before) = 0;

  // --- pictures ----------------------------------------------------------------------------
  // Records an upload whose files are stored, or finds the row that already has its hash
  // (the same bytes uploaded again): nothing is stored twice.
  virtual MediaAdded AddMedia(const MediaRow& media) = 0;
  virtual std::optional<MediaRow> FindMedia(std::int64_t id) = 0;
  virtual MediaPage ListMedia(int offset, int limit) = 0;
  // The articles (trashed ones too: they can come back) that show the picture, as featured
  // picture or in the body.
  virtual std::vector<MediaUse> MediaUses(const MediaRow& media) = 0;
  // Deletes the row of a picture no article shows (kInUse otherwise, deleting nothing). The
  // caller removes the files.
  virtual MediaDeletion DeleteMedia(std::int64_t id) = 0;

  // --- the audit log -------------------------------------------------------------------------
  virtual void AddAuditEntry(const AuditEntry& entry) = 0;
  virtual AuditPage ListAudit(const AuditQuery& query) = 0;

  // --- single-use tokens and settings ---------------------------------------------------------
  // Records a captcha nonce as used. True the first time, false when it was used before (on
  // any node). Forgets nonces whose tokens expired before `now_ms`.
  virtual bool UseNonce(const std::string& nonce, std::int64_t expires_ms,
                        std::int64_t now_ms) = 0;
  // Settings editors change at run time, shared by every node (DESIGN.md §4a).
  virtual std::optional<std::string> ReadSetting(const std::string& key) = 0;
  virtual void WriteSetting(const std::string& key, const std::string& value) = 0;

  // --- change notification ------------------------------------------------------------------
  // A number that changes whenever published content changes (an article saved, published or
  // unpublished), by this process or any other. Cheap: servers poll it about once a second.
  virtual std::int64_t ContentVersion() = 0;
  // The changes after `version`, oldest first, at most `limit`. A version older than the
  // changes the store keeps (the newest 10,000) yields a list that does not start at
  // version + 1: the caller then drops everything.
  virtual std::vector<ContentChange> ContentChangesSince(std::int64_t version, int limit) = 0;
  // Where a poll of views and rating totals starts from: nothing changed before it that a read
  // of every total made after this call would miss.
  virtual std::int64_t CountsCursor() = 0;
  // The articles whose views or rating totals changed since `cursor` (perhaps a few it
  // already saw), found by an index on the change: nothing is read when nothing changed.
  virtual CountsChanges CountsChangedSince(std::int64_t cursor) = 0;
  // Registers `callback` to run (on a thread of the store's) whenever a process or node
  // signals a change (content, views or a vote), with what the signal says changed, so caches
  // can update at once instead of at the next poll, mostly without reading the store. Signals
  // arrive in the order their changes committed. Stores without notifications (SQLite) never
  // call it; callers keep polling ContentVersion. An empty function unregisters; after that
  // returns, the old callback is never called again.
  using ChangeCallback = std::function<void(const ChangeNotice&)>;
  virtual void SetChangeCallback(ChangeCallback callback) { (void)callback; }

  // True when the store holds no articles (the demo seeds only then).
  virtual bool IsEmpty() = 0;

  // --- moving a site ------------------------------------------------------------------------
  // Everything, sorted, to `sink` record by record in document order (store/site_export.h),
  // read in one consistent snapshot while the site keeps serving; memory stays flat whatever
  // the site's size.
  virtual void StreamSite(SiteSink& sink) = 0;
  // Starts writing a site in one transaction, keeping every id; with `replace`, first removes
  // what the store holds. Requires: without `replace`, an empty store. Throws StoreError (the
  // store is then unchanged). Its Commit leaves the store's planner statistics current
  // (PostgreSQL: VACUUM ANALYZE after the commit). Holds the store's writer until it ends.
  virtual std::unique_ptr<SiteImport> BeginSiteImport(bool replace) = 0;
  // The same, whole, for small sites and tests (store/site_export.cpp).
  SiteExport ExportSite();
  void ImportSite(const SiteExport& site, bool replace);

  // --- moving a site in from another CMS (issue 14; store/source_import.h) ----------------
  // Writes `articles` in one transaction, each with its category, author profile and tags
  // (found by the slug Broadsheet gives their names, made when missing), its search row, a
  // first revision noted "imported", and the old links of all of them under (system,
  // source). An article whose old id the source holds already is skipped: a re-run, or the
  // second run after one cut short, writes only what is missing.
  virtual ImportTally ImportArticles(OldSystem system, const std::string& source,
                                     const std::vector<ImportedArticle>& articles) = 0;
  // The same for comments, in the order given (parents before their replies): each is
  // written under the article its old article id names in this source, with its parent when
  // the parent was imported.
  virtual ImportTally ImportComments(OldSystem system, const std::string& source,
                                     const std::vector<ImportedComment>& comments) = 0;
  // Every old link, for the router's map of old addresses (site/old_links.h).
  virtual std::vector<OldLink> ListOldLinks() = 0;
  // Moves with every change of old links or redirects: a node reloads its map only then.
  virtual std::int64_t OldLinksVersion() = 0;
  virtual std::vector<RedirectRow> ListRedirects() = 0;
  // Adds the redirect, or replaces the one from the same old path.
  virtual void SetRedirect(const RedirectRow& redirect) = 0;
  // False when there is none from `old_path`.
  virtual bool DeleteRedirect(const std::string& old_path) = 0;
};

}  // namespace broadsheet::store
