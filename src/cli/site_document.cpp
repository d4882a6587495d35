// ReadSiteDocument: the site document read as it streams past (cli/site_document.h). Every
// record is checked against the ones before it (ids of its own, references to what came
// earlier) keeping only ids, never records, so memory stays flat whatever the site's size.
#include "cli/site_document.h"

#include <algorithm>
#include <boost/json.hpp>
#include <ctime>
#include <set>
#include <unordered_set>

#include "cli/common.h"
#include "news/article.h"
#include "news/comment.h"
#include "news/site_setting.h"
#include "news/slug.h"
#include "news/user.h"
#include "render/markdown.h"
#include "site/old_links.h"

namespace broadsheet::cli {
namespace {

namespace json = boost::json;

// A record's text: a long article body is well within it.
constexpr std::size_t kMaxRecordBytes = 64 * 1024 * 1024;
constexpr std::size_t kMaxHeaderBytes = 1024;
constexpr std::size_t kMaxMediaNameLength = 255;
constexpr std::int64_t kMaxMediaWidth = 99999;
constexpr std::size_t kMaxMediaWidths = 16;
// 9999-12-31T23:59:59Z, the last time four year digits hold. A later one (a leap second on that
// day normalises into year 10000) would be exported as a timestamp import refuses.
constexpr std::int64_t kLastTimestamp = 253402300799;

std::int64_t ParseTimestamp(const json::value& value, const std::string& where) {
  if (value.is_null()) return 0;
  std::tm tm{};
  const char* text = value.is_string() ? value.as_string().c_str() : "";
  const char* end = strptime(text, "%Y-%m-%dT%H:%M:%SZ", &tm);
  if (!end || *end != '\0') throw CliError(where + ": timestamps look like 2026-11-25T21:59:52Z");
  const std::int64_t seconds = timegm(&tm);
  if (seconds > kLastTimestamp) throw CliError(where + ": timestamps end at 9999-12-31T23:59:59Z");
  return seconds;
}

// Accessors that turn a wrong or missing field into one readable line.
const json::object& Object(const json::value& value, const std::string& where) {
  if (!value.is_object()) throw CliError(where + " must be an object");
  return value.as_object();
}

const json::array& Array(const json::object& object, const char* key) {
  const json::value* value = object.if_contains(key);
  if (!value || !value->is_array()) throw CliError(std::string("'") + key + "' must be a list");
  return value->as_array();
}

std::int64_t Int(const json::object& object, const char* key, const std::string& where,
                 std::int64_t min = 0) {
  const json::value* value = object.if_contains(key);
  if (!value || !value->is_int64() || value->as_int64() < min) {
    throw CliError(where + ": '" + key + "' must be a whole number of at least " +
                   std::to_string(min));
  }
  return value->as_int64();
}

std::string Text(const json::object& object, const char* key, const std::string& where) {
  const json::value* value = object.if_contains(key);
  if (!value || !value->is_string()) throw CliError(where + ": '" + key + "' must be text");
  // No control characters: they could forge live-number slots in rendered pages.
  return news::StripControlCharacters(std::string(value->as_string()));
}

const json::value& Field(const json::object& object, const char* key, const std::string& where) {
  const json::value* value = object.if_contains(key);
  if (!value) throw CliError(where + ": '" + key + "' is missing");
  return *value;
}

bool IsDay(const std::string& day) {
  if (day.size() != 10 || day[4] != '-' || day[7] != '-') return false;
  for (std::size_t i : {0, 1, 2, 3, 5, 6, 8, 9}) {
    if (day[i] < '0' || day[i] > '9') return false;
  }
  return true;
}

// Ids seen, 8 bytes each while they arrive in increasing order (as export writes them), in a
// hash set for the few that do not.
class IdSet {
 public:
  // False when `id` was there already.
  bool Insert(std::int64_t id) {
    if (ascending_.empty() || id > ascending_.back()) {
      ascending_.push_back(id);
      return true;
    }
    if (std::binary_search(ascending_.begin(), ascending_.end(), id)) return false;
    return others_.insert(id).second;
  }
  bool Contains(std::int64_t id) const {
    return std::binary_search(ascending_.begin(), ascending_.end(), id) || others_.count(id);
  }

 private:
  std::vector<std::int64_t> ascending_;
  std::unordered_set<std::int64_t> others_;
};

// Turns records into the store's rows, checking each against what came before it.
class RecordReader {
 public:
  explicit RecordReader(bool render_bodies) : render_bodies_(render_bodies) {}

  void Read(SiteSection section, const json::value& value, std::int64_t number,
            store::SiteSink& sink);

 private:
  store::Author ReadAuthor(const json::object& record, const std::string& where);
  store::UserRow ReadUser(const json::object& record, const std::string& where);
  store::Category ReadCategory(const json::object& record, const std::string& where);
  store::MediaRow ReadMedia(const json::object& record, const std::string& where);
  store::ArticleRow ReadArticle(const json::object& record, const std::string& where);
  store::DailyViewRow ReadDailyViews(const json::object& record, const std::string& where);
  store::VoteRow ReadVote(const json::object& record, const std::string& where);
  store::CommentRow ReadComment(const json::object& record, const std::string& where);
  std::pair<std::string, std::string> ReadSetting(const json::object& record,
                                                  const std::string& where);
  store::OldLink ReadOldLink(const json::object& record, const std::string& where);
  store::RatingBase ReadRatingBase(const json::object& record, const std::string& where);
  store::RedirectRow ReadRedirect(const json::object& record, const std::string& where);
  store::AuditEntry ReadAuditEntry(const json::object& record, const std::string& where);

  const bool render_bodies_;
  std::set<std::int64_t> author_ids_, category_ids_, user_ids_, media_ids_;
  std::set<std::string> author_slugs_, emails_, media_hashes_;
  IdSet article_ids_, comment_ids_, audit_ids_;
  // One vote per reader and article, checked article by article: an article's votes come
  // together (export writes them sorted), so only its readers are held.
  IdSet voted_articles_;
  std::int64_t voting_article_ = 0;
  std::set<std::string> voting_readers_;
};

void RecordReader::Read(SiteSection section, const json::value& value, std::int64_t number,
                        store::SiteSink& sink) {
  static constexpr std::array<const char*, kSiteSections.size()> kNames = {
      "author",  "user",    "category", "picture",     "article",  "daily count", "vote",
      "comment", "setting", "old link", "rating base", "redirect", "audit entry"};
  const std::string where = std::string(kNames[section]) + " " + std::to_string(number);
  const json::object& record = Object(value, where);
  switch (section) {
    case kAuthors:
      return sink.AddAuthor(ReadAuthor(record, where));
    case kUsers:
      return sink.AddUser(ReadUser(record, where));
    case kCategories:
      return sink.AddCategory(ReadCategory(record, where));
    case kMedia:
      return sink.AddMedia(ReadMedia(record, where));
    case kArticles:
      return sink.AddArticle(ReadArticle(record, where));
    case kDailyViews:
      return sink.AddDailyViews(ReadDailyViews(record, where));
    case kVotes:
      return sink.AddVote(ReadVote(record, where));
    case kComments:
      return sink.AddComment(ReadComment(record, where));
    case kSettings: {
      const auto [key, text] = ReadSetting(record, where);
      return sink.AddSetting(key, text);
    }
    case kOldLinks:
      return sink.AddOldLink(ReadOldLink(record, where));
    case kRatingBases:
      return sink.AddRatingBase(ReadRatingBase(record, where));
    case kRedirects:
      return sink.AddRedirect(ReadRedirect(record, where));
    case kAudit:
      return sink.AddAuditEntry(ReadAuditEntry(record, where));
  }
}

store::Author RecordReader::ReadAuthor(const json::object& record, const std::string& where) {
  store::Author author{Int(record, "id", where, 1), Text(record, "name", where), "", ""};
  if (author.name.empty() || !author_ids_.insert(author.id).second) {
    throw CliError(where + ": needs a name and an id of its own");
  }
  // Documents from before issue 10 have neither: the store makes up a slug.
  if (record.contains("slug")) author.slug = Text(record, "slug", where);
  if (record.contains("bio")) author.bio = Text(record, "bio", where);
  if ((!author.slug.empty() && !news::IsValidSlug(author.slug)) ||
      (!author.slug.empty() && !author_slugs_.insert(author.slug).second) ||
      author.bio.size() > news::kMaxBioLength) {
    throw CliError(where + ": needs a valid slug of its own and a bio of at most " +
                   std::to_string(news::kMaxBioLength) + " characters");
  }
  return author;
}

store::UserRow RecordReader::ReadUser(const json::object& record, const std::string& where) {
  store::UserRow user;
  user.id = Int(record, "id", where, 1);
  const auto email = news::NormalizeEmail(Text(record, "email", where));
  const auto role = news::ParseRole(Text(record, "role", where));
  user.password_hash = Text(record, "password_hash", where);
  user.author.id = Int(record, "author_id", where, 1);
  user.created_at = ParseTimestamp(Field(record, "created_at", where), where);
  const json::value& disabled = Field(record, "disabled", where);
  if (!email || !role || !disabled.is_bool() || !user.password_hash.starts_with("$argon2id$") ||
      user.password_hash.size() > 256 || !author_ids_.count(user.author.id) ||
      !emails_.insert(*email).second || !user_ids_.insert(user.id).second) {
    throw CliError(where +
                   ": needs an id and an e-mail address of its own, a role, an argon2id hash,"
                   " disabled true or false, and a known author");
  }
  user.email = *email;
  user.role = *role;
  user.disabled = disabled.as_bool();
  return user;
}

store::Category RecordReader::ReadCategory(const json::object& record, const std::string& where) {
  store::Category category{Int(record, "id", where, 1), Text(record, "slug", where),
                           Text(record, "name", where)};
  if (!news::IsValidSlug(category.slug) || !category_ids_.insert(category.id).second) {
    throw CliError(where + ": needs a valid slug and an id of its own");
  }
  return category;
}

// Pictures came with issue 11 (version 3).
store::MediaRow RecordReader::ReadMedia(const json::object& record, const std::string& where) {
  store::MediaRow m;
  m.id = Int(record, "id", where, 1);
  m.hash = Text(record, "hash", where);
  m.width = static_cast<int>(std::min<std::int64_t>(Int(record, "width", where, 1), 1 << 20));
  m.height = static_cast<int>(std::min<std::int64_t>(Int(record, "height", where, 1), 1 << 20));
  // Narrowest first, each named in a file name of at most five digits (media_name.h).
  for (const json::value& width : Array(record, "widths")) {
    if (!width.is_int64() || width.as_int64() < 1 || width.as_int64() > m.width ||
        width.as_int64() > kMaxMediaWidth ||
        (!m.widths.empty() && width.as_int64() <= m.widths.back()) ||
        m.widths.size() >= kMaxMediaWidths) {
      throw CliError(where + ": widths must be at most " + std::to_string(kMaxMediaWidths) +
                     " increasing numbers from 1 to the picture's width (and 99999)");
    }
    m.widths.push_back(static_cast<int>(width.as_int64()));
  }
  m.bytes = Int(record, "bytes", where);
  m.alt = Text(record, "alt", where);
  m.original_name = Text(record, "original_name", where);
  m.uploaded_by = Int(record, "uploaded_by", where);
  m.uploaded_at = ParseTimestamp(Field(record, "uploaded_at", where), where);
  const bool hex =
      m.hash.size() == 32 && m.hash.find_first_not_of("0123456789abcdef") == std::string::npos;
  if (!hex || !media_ids_.insert(m.id).second || !media_hashes_.insert(m.hash).second ||
      m.widths.empty() || m.alt.size() > news::kMaxAltLength ||
      m.original_name.size() > kMaxMediaNameLength) {
    throw CliError(where +
                   ": needs an id and a 32-digit hash of its own, widths, and alt text"
                   " and a name of sensible length");
  }
  // Pictures and audit entries name users the document may no longer have (deleted since):
  // such a user is simply unknown (0).
  if (!user_ids_.count(m.uploaded_by)) m.uploaded_by = 0;
  return m;
}

store::ArticleRow RecordReader::ReadArticle(const json::object& record, const std::string& where) {
  store::ArticleRow article;
  article.id = Int(record, "id", where, 1);
  article.slug = Text(record, "slug", where);
  article.title = Text(record, "title", where);
  article.summary = Text(record, "summary", where);
  const auto status = news::ParseStoredArticleStatus(Text(record, "status", where));
  if (!status) {
    throw CliError(where + ": status must be draft, review, scheduled, published or trashed");
  }
  article.status = *status;
  article.author.id = Int(record, "author_id", where, 1);
  article.category.id = Int(record, "category_id", where, 1);
  article.published_at = ParseTimestamp(Field(record, "published_at", where), where);
  article.updated_at = ParseTimestamp(Field(record, "updated_at", where), where);
  article.views = Int(record, "views", where);
  article.crawler_hits = Int(record, "crawler_hits", where);
  article.body_markdown = Text(record, "body_markdown", where);
  // Tags and the trash came with issue 10; older documents have neither.
  if (record.contains("tags")) {
    std::vector<std::string> names;
    for (const json::value& tag : Array(record, "tags")) {
      if (!tag.is_string()) throw CliError(where + ": tags must be names");
      names.emplace_back(tag.as_string());
    }
    news::ArticleInput check{.title = "t", .category = "c", .author = "a", .tags = names};
    if (!news::NormalizeAndValidate(check).empty() || check.tags.size() != names.size()) {
      throw CliError(where + ": has a tag that is empty, repeated or too long, or too many");
    }
    for (const std::string& name : check.tags) {
      article.tags.push_back({0, news::Slugify(name), name});
    }
  }
  if (const json::value* trashed = record.if_contains("trashed_at");
      trashed && !trashed->is_null()) {
    article.trashed_at = ParseTimestamp(*trashed, where);
  }
  if (const json::value* from = record.if_contains("trashed_from"); from && !from->is_null()) {
    if (!from->is_string()) throw CliError(where + ": 'trashed_from' must be a status");
    const std::string text(from->as_string());
    const auto from_status = news::ParseArticleStatus(text);
    if (!text.empty() && !from_status) {
      throw CliError(where + ": 'trashed_from' must be draft, review, scheduled or published");
    }
    article.trashed_from = from_status.value_or(news::ArticleStatus::kDraft);
  }
  if (const json::value* mode = record.if_contains("comment_mode")) {
    const auto parsed = mode->is_string() ? news::ParseCommentMode(mode->as_string())
                                          : std::optional<news::CommentMode>();
    if (!parsed) throw CliError(where + ": 'comment_mode' must be \"\", open, held or closed");
    article.comment_mode = *parsed;
  }
  if (record.contains("featured_media_id")) {
    article.featured.media_id = Int(record, "featured_media_id", where);
    article.featured.alt = Text(record, "featured_alt", where);
    news::ArticleInput check{.title = "t",
                             .category = "c",
                             .author = "a",
                             .featured_media_id = article.featured.media_id,
                             .featured_alt = article.featured.alt};
    if (!news::NormalizeAndValidate(check).empty() ||
        (article.featured.media_id != 0 && !media_ids_.count(article.featured.media_id))) {
      throw CliError(where + ": a featured picture needs a known picture and alt text");
    }
    article.featured.alt = check.featured_alt;
  }
  if (!news::IsValidSlug(article.slug) || article.title.empty()) {
    throw CliError(where + ": needs a title and a valid slug");
  }
  if ((article.status == news::ArticleStatus::kTrashed) != (article.trashed_at > 0)) {
    throw CliError(where + ": a trashed article needs trashed_at, and only it");
  }
  if (article.status == news::ArticleStatus::kScheduled && article.published_at <= 0) {
    throw CliError(where + ": a scheduled article needs its publication time");
  }
  if (!author_ids_.count(article.author.id) || !category_ids_.count(article.category.id)) {
    throw CliError(where + ": names an author or category the document does not have");
  }
  if (!article_ids_.Insert(article.id)) throw CliError(where + ": repeats an id");
  // Rendered here, never trusted from the file: the HTML goes out unescaped.
  if (render_bodies_) article.body_html = render::RenderMarkdown(article.body_markdown);
  return article;
}

store::DailyViewRow RecordReader::ReadDailyViews(const json::object& record,
                                                 const std::string& where) {
  store::DailyViewRow row{Int(record, "article_id", where, 1), Text(record, "day", where),
                          Int(record, "views", where)};
  if (!article_ids_.Contains(row.article_id) || !IsDay(row.day)) {
    throw CliError(where + ": needs a known article and a day like 2026-11-25");
  }
  return row;
}

// Documents written before ratings existed have no votes.
store::VoteRow RecordReader::ReadVote(const json::object& record, const std::string& where) {
  // Checked as read, before narrowing to int (4294967299 must not become 3).
  const std::int64_t stars = Int(record, "stars", where, 1);
  store::VoteRow vote{Int(record, "article_id", where, 1), Text(record, "reader_id", where),
                      static_cast<int>(std::min<std::int64_t>(stars, 6)),
                      ParseTimestamp(Field(record, "voted_at", where), where)};
  if (vote.article_id != voting_article_) {
    if (!voted_articles_.Insert(vote.article_id)) {
      throw CliError(where + ": an article's votes come together, as export writes them");
    }
    voting_article_ = vote.article_id;
    voting_readers_.clear();
  }
  if (!article_ids_.Contains(vote.article_id) || stars > 5 || vote.reader_id.empty() ||
      vote.reader_id.size() > 64 || !voting_readers_.insert(vote.reader_id).second) {
    throw CliError(where +
                   ": needs a known article, a reader id, stars from 1 to 5, and"
                   " one vote per reader and article");
  }
  return vote;
}

store::CommentRow RecordReader::ReadComment(const json::object& record, const std::string& where) {
  store::CommentRow c;
  c.id = Int(record, "id", where, 1);
  c.article_id = Int(record, "article_id", where, 1);
  c.reader_id = Text(record, "reader_id", where);
  // The same rules as the form, so an export cannot smuggle in what a reader could not post.
  news::CommentForm form{Text(record, "name", where), Text(record, "email", where),
                         Text(record, "url", where), Text(record, "body", where)};
  const auto errors = news::NormalizeAndValidate(form);
  if (!errors.empty()) throw CliError(where + ": " + errors.front().message);
  c.name = form.name;
  c.email = form.email;
  c.url = form.url;
  c.body = form.body;
  const auto status = news::ParseCommentStatus(Text(record, "status", where));
  if (!status) throw CliError(where + ": status must be pending, approved, rejected or spam");
  c.status = *status;
  c.hold_reason = Text(record, "hold_reason", where);
  c.created_at = ParseTimestamp(Field(record, "created_at", where), where);
  c.reports = Int(record, "reports", where);
  // Documents from before issue 9 do not have it: such comments start unapproved.
  if (const json::value* approved = record.if_contains("approved_by_editor")) {
    if (!approved->is_bool())
      throw CliError(where + ": 'approved_by_editor' must be true or false");
    c.approved_by_editor = approved->as_bool();
  }
  if (record.contains("parent_id")) c.parent_id = Int(record, "parent_id", where);
  // Parents come first (by id); a reply to one not in the document is shown on its own.
  if (!comment_ids_.Contains(c.parent_id)) c.parent_id = 0;
  if (!article_ids_.Contains(c.article_id) || !comment_ids_.Insert(c.id)) {
    throw CliError(where + ": needs a known article and an id of its own");
  }
  return c;
}

std::pair<std::string, std::string> RecordReader::ReadSetting(const json::object& record,
                                                              const std::string& where) {
  std::string key = Text(record, "key", where);
  std::string text = Text(record, "value", where);
  // The same rules as `broadsheet settings set` and the settings page.
  if (const std::string error = news::ValidateSetting(key, text); !error.empty()) {
    throw CliError(where + ": " + error);
  }
  return {std::move(key), std::move(text)};
}

store::OldLink RecordReader::ReadOldLink(const json::object& record, const std::string& where) {
  store::OldLink link;
  const auto system = store::ParseOldSystem(Text(record, "system", where));
  const auto kind = store::ParseOldKind(Text(record, "kind", where));
  link.source = Text(record, "source", where);
  link.old_id = Text(record, "old_id", where);
  link.old_slug = Text(record, "old_slug", where);
  link.new_id = Int(record, "new_id", where, 1);
  if (!system || !kind || link.source.empty() || link.source.size() > 2000 || link.old_id.empty() ||
      link.old_id.size() > 2000 || link.old_slug.size() > 2000) {
    throw CliError(where +
                   ": needs a system (wordpress, k2), a kind (article, category, tag,"
                   " author, comment), a source and an old id");
  }
  link.system = *system;
  link.kind = *kind;
  return link;
}

store::RatingBase RecordReader::ReadRatingBase(const json::object& record,
                                               const std::string& where) {
  store::RatingBase base{Int(record, "article_id", where, 1), Int(record, "sum", where),
                         Int(record, "count", where, 1)};
  if (!article_ids_.Contains(base.article_id) || base.sum < base.count ||
      base.sum > 5 * base.count) {
    throw CliError(where + ": needs a known article and a sum of 1 to 5 stars a vote");
  }
  return base;
}

store::RedirectRow RecordReader::ReadRedirect(const json::object& record,
                                              const std::string& where) {
  store::RedirectRow redirect;
  const auto key = site::RedirectKey(Text(record, "old_path", where));
  redirect.target = Text(record, "target", where);
  redirect.created_at = ParseTimestamp(Field(record, "created_at", where), where);
  if (!key || !site::IsRedirectTarget(redirect.target)) {
    throw CliError(where + ": needs an old path and a path or http(s) URL to send it to");
  }
  redirect.old_path = *key;
  return redirect;
}

store::AuditEntry RecordReader::ReadAuditEntry(const json::object& record,
                                               const std::string& where) {
  store::AuditEntry e;
  e.id = Int(record, "id", where, 1);
  e.at = ParseTimestamp(Field(record, "at", where), where);
  e.user_id = Int(record, "user_id", where);
  e.user_email = Text(record, "user_email", where);
  e.action = Text(record, "action", where);
  e.object = Text(record, "object", where);
  e.detail = Text(record, "detail", where);
  e.address_key = Text(record, "address_key", where);
  if (!audit_ids_.Insert(e.id) || e.action.empty() || e.action.size() > 100 ||
      e.object.size() > 300 || e.detail.size() > 1000 || e.user_email.size() > 254 ||
      e.address_key.size() > 100) {
    throw CliError(where + ": needs an id of its own, an action, and fields of sensible length");
  }
  if (!user_ids_.count(e.user_id)) e.user_id = 0;
  return e;
}

}  // namespace

SiteDocumentCounts ReadSiteDocument(JsonReader& reader, store::SiteSink& sink, bool render_bodies) {
  SiteDocumentCounts counts{};
  RecordReader records(render_bodies);
  std::optional<std::int64_t> version;
  bool format = false;
  int last_section = -1;
  std::array<bool, kSiteSections.size()> seen{};
  try {
    reader.BeginObject();
    while (const auto key = reader.NextKey()) {
      if (*key == "format") {
        const json::value value = reader.ReadValue(kMaxHeaderBytes);
        format = value.is_string() && value.as_string() == kSiteFormat;
        if (!format) break;
        continue;
      }
      if (*key == "version") {
        const json::value value = reader.ReadValue(kMaxHeaderBytes);
        if (!value.is_int64() || value.as_int64() < 1 || value.as_int64() > kSiteVersion) {
          throw CliError("unsupported export version (this build reads versions 1 to " +
                         std::to_string(kSiteVersion) + ")");
        }
        version = value.as_int64();
        continue;
      }
      const auto found = std::find_if(kSiteSections.begin(), kSiteSections.end(),
                                      [&](const char* name) { return *key == name; });
      if (found == kSiteSections.end()) {
        reader.SkipValue();  // a list from a later build, or a note someone added
        continue;
      }
      const auto section = static_cast<SiteSection>(found - kSiteSections.begin());
      if (!format || !version) break;  // the header comes first, as export writes it
      if (static_cast<int>(section) <= last_section) {
        throw CliError(reader.Where() + ": '" + *key + "' must come before '" +
                       kSiteSections[last_section] +
                       "' (the lists come in the order export writes them)");
      }
      last_section = static_cast<int>(section);
      seen[section] = true;
      reader.BeginArray();
      while (reader.NextElement()) {
        const std::string line = reader.Where();
        const json::value value = reader.ReadValue(kMaxRecordBytes);
        try {
          records.Read(section, value, ++counts[section], sink);
        } catch (const CliError& error) {
          throw CliError(line + ": " + error.what());
        }
      }
    }
    if (format && version) reader.ExpectEnd();
  } catch (const JsonReadError& error) {
    throw CliError(std::string("not a JSON document: ") + error.what());
  }
  if (!format || !version) {
    throw CliError(std::string("not a Broadsheet export (it starts with \"format\": \"") +
                   kSiteFormat + "\" and a version)");
  }
  for (const SiteSection required : {kAuthors, kCategories, kArticles, kDailyViews}) {
    if (!seen[required]) {
      throw CliError(std::string("'") + kSiteSections[required] + "' must be a list");
    }
  }
  return counts;
}

store::SiteExport ReadSiteDocument(const std::string& text) {
  JsonReader reader(text);
  store::SiteCollector collector;
  ReadSiteDocument(reader, collector);
  return std::move(collector.site);
}

}  // namespace broadsheet::cli
