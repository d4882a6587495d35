#include "cli/site_document.h"

#include <boost/json.hpp>
#include <ctime>
#include <set>

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

constexpr const char* kFormat = "broadsheet-site";
// 2 (issue 10) adds users, author slugs and bios, tags, the trash and the statuses review and
// scheduled; 3 (issue 11) adds pictures' metadata, featured pictures, the comments' mode per
// article and the audit log. Older versions are still read.
// 4 (issue 14) adds the old links of imported sites, editors' redirects, imported rating
// bases and comments' parents.
constexpr int kVersion = 4;
constexpr std::size_t kMaxMediaNameLength = 255;
constexpr std::int64_t kMaxMediaWidth = 99999;
constexpr std::size_t kMaxMediaWidths = 16;
// 9999-12-31T23:59:59Z, the last time four year digits hold. A later one (a leap second on that
// day normalises into year 10000) would be exported as a timestamp import refuses.
constexpr std::int64_t kLastTimestamp = 253402300799;

json::value Timestamp(std::int64_t unix_seconds) {
  if (unix_seconds == 0) return nullptr;
  const std::time_t t = static_cast<std::time_t>(unix_seconds);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char text[32];
  std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return json::string(text);
}

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

void AppendArray(std::string& out, const char* name, const std::vector<json::object>& records,
                 bool last) {
  out += "\"";
  out += name;
  out += "\": [";
  for (std::size_t i = 0; i < records.size(); ++i) {
    out += i == 0 ? "\n  " : ",\n  ";
    out += json::serialize(records[i]);
  }
  out += records.empty() ? "]" : "\n]";
  out += last ? "\n" : ",\n";
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

}  // namespace

std::string WriteSiteDocument(const store::SiteExport& site) {
  std::vector<json::object> authors, users, categories, articles, daily, votes, comments, settings,
      media, audit, old_links, redirects, rating_bases;
  for (const auto& a : site.authors) {
    authors.push_back({{"id", a.id}, {"name", a.name}, {"slug", a.slug}, {"bio", a.bio}});
  }
  for (const auto& u : site.users) {
    users.push_back({{"id", u.id},
                     {"email", u.email},
                     {"password_hash", u.password_hash},
                     {"role", std::string(news::ToString(u.role))},
                     {"disabled", u.disabled},
                     {"author_id", u.author.id},
                     {"created_at", Timestamp(u.created_at)}});
  }
  for (const auto& c : site.categories) {
    categories.push_back({{"id", c.id}, {"slug", c.slug}, {"name", c.name}});
  }
  for (const auto& a : site.articles) {
    json::array tags;
    for (const auto& tag : a.tags) tags.emplace_back(tag.name);
    articles.push_back(
        {{"id", a.id},
         {"slug", a.slug},
         {"title", a.title},
         {"summary", a.summary},
         {"status", std::string(news::ToString(a.status))},
         {"author_id", a.author.id},
         {"category_id", a.category.id},
         {"published_at", Timestamp(a.published_at)},
         {"updated_at", Timestamp(a.updated_at)},
         {"views", a.views},
         {"crawler_hits", a.crawler_hits},
         {"tags", std::move(tags)},
         {"trashed_at", a.trashed_at ? json::value(Timestamp(a.trashed_at)) : json::value(nullptr)},
         {"trashed_from", store::TrashedFrom(a)},
         {"comment_mode", std::string(news::ToString(a.comment_mode))},
         {"featured_media_id", a.featured.media_id},
         {"featured_alt", a.featured.alt},
         {"body_markdown", a.body_markdown}});
  }
  for (const auto& m : site.media) {
    json::array widths;
    for (const int width : m.widths) widths.emplace_back(width);
    media.push_back({{"id", m.id},
                     {"hash", m.hash},
                     {"width", m.width},
                     {"height", m.height},
                     {"widths", std::move(widths)},
                     {"bytes", m.bytes},
                     {"alt", m.alt},
                     {"original_name", m.original_name},
                     {"uploaded_by", m.uploaded_by},
                     {"uploaded_at", Timestamp(m.uploaded_at)}});
  }
  for (const auto& e : site.audit) {
    audit.push_back({{"id", e.id},
                     {"at", Timestamp(e.at)},
                     {"user_id", e.user_id},
                     {"user_email", e.user_email},
                     {"action", e.action},
                     {"object", e.object},
                     {"detail", e.detail},
                     {"address_key", e.address_key}});
  }
  for (const auto& d : site.daily_views) {
    daily.push_back({{"article_id", d.article_id}, {"day", d.day}, {"views", d.views}});
  }
  for (const auto& v : site.votes) {
    votes.push_back({{"article_id", v.article_id},
                     {"reader_id", v.reader_id},
                     {"stars", v.stars},
                     {"voted_at", Timestamp(v.voted_at)}});
  }
  std::string out = "{\n\"format\": \"" + std::string(kFormat) +
                    "\",\n\"version\": " + std::to_string(kVersion) + ",\n";
  AppendArray(out, "authors", authors, false);
  AppendArray(out, "users", users, false);
  AppendArray(out, "categories", categories, false);
  AppendArray(out, "media", media, false);
  AppendArray(out, "articles", articles, false);
  AppendArray(out, "daily_views", daily, false);
  for (const auto& c : site.comments) {
    comments.push_back({{"id", c.id},
                        {"article_id", c.article_id},
                        {"reader_id", c.reader_id},
                        {"name", c.name},
                        {"email", c.email},
                        {"url", c.url},
                        {"status", std::string(news::ToString(c.status))},
                        {"hold_reason", c.hold_reason},
                        {"created_at", Timestamp(c.created_at)},
                        {"reports", c.reports},
                        {"approved_by_editor", c.approved_by_editor},
                        {"parent_id", c.parent_id},
                        {"body", c.body}});
  }
  for (const auto& [key, value] : site.settings) {
    settings.push_back({{"key", key}, {"value", value}});
  }
  AppendArray(out, "votes", votes, false);
  AppendArray(out, "comments", comments, false);
  for (const auto& l : site.old_links) {
    old_links.push_back({{"system", std::string(store::ToString(l.system))},
                         {"source", l.source},
                         {"kind", std::string(store::ToString(l.kind))},
                         {"old_id", l.old_id},
                         {"old_slug", l.old_slug},
                         {"new_id", l.new_id}});
  }
  for (const auto& r : site.redirects) {
    redirects.push_back(
        {{"old_path", r.old_path}, {"target", r.target}, {"created_at", Timestamp(r.created_at)}});
  }
  AppendArray(out, "settings", settings, false);
  for (const auto& b : site.rating_bases) {
    rating_bases.push_back({{"article_id", b.article_id}, {"sum", b.sum}, {"count", b.count}});
  }
  AppendArray(out, "old_links", old_links, false);
  AppendArray(out, "rating_bases", rating_bases, false);
  AppendArray(out, "redirects", redirects, false);
  AppendArray(out, "audit", audit, true);
  out += "}\n";
  return out;
}

store::SiteExport ReadSiteDocument(const std::string& text) {
  json::error_code error;
  const json::value document = json::parse(text, error);
  if (error) throw CliError("not a JSON document: " + error.message());
  const json::object& root = Object(document, "the document");
  const json::value* format = root.if_contains("format");
  if (!format || !format->is_string() || format->as_string() != kFormat) {
    throw CliError(std::string("not a Broadsheet export (\"format\" must be \"") + kFormat + "\")");
  }
  if (const auto version = Int(root, "version", "the document"); version < 1 || version > kVersion) {
    throw CliError("unsupported export version (this build reads versions 1 to 4)");
  }

  store::SiteExport site;
  std::set<std::int64_t> author_ids, category_ids, article_ids;
  std::set<std::string> author_slugs;
  for (const json::value& value : Array(root, "authors")) {
    const auto& record = Object(value, "an author");
    const std::string where = "author " + std::to_string(site.authors.size() + 1);
    store::Author author{Int(record, "id", where, 1), Text(record, "name", where), "", ""};
    if (author.name.empty() || !author_ids.insert(author.id).second) {
      throw CliError(where + ": needs a name and an id of its own");
    }
    // Documents from before issue 10 have neither: the store makes up a slug.
    if (record.contains("slug")) author.slug = Text(record, "slug", where);
    if (record.contains("bio"))
      author.bio = news::StripControlCharacters(Text(record, "bio", where));
    if ((!author.slug.empty() && !news::IsValidSlug(author.slug)) ||
        (!author.slug.empty() && !author_slugs.insert(author.slug).second) ||
        author.bio.size() > news::kMaxBioLength) {
      throw CliError(where + ": needs a valid slug of its own and a bio of at most " +
                     std::to_string(news::kMaxBioLength) + " characters");
    }
    site.authors.push_back(std::move(author));
  }
  if (root.contains("users")) {
    std::set<std::string> emails;
    for (const json::value& value : Array(root, "users")) {
      const auto& record = Object(value, "a user");
      const std::string where = "user " + std::to_string(site.users.size() + 1);
      store::UserRow user;
      user.id = Int(record, "id", where, 1);
      const auto email = news::NormalizeEmail(Text(record, "email", where));
      const auto role = news::ParseRole(Text(record, "role", where));
      user.password_hash = Text(record, "password_hash", where);
      user.author.id = Int(record, "author_id", where, 1);
      user.created_at = ParseTimestamp(Field(record, "created_at", where), where);
      const json::value& disabled = Field(record, "disabled", where);
      if (!email || !role || !disabled.is_bool() || !user.password_hash.starts_with("$argon2id$") ||
          user.password_hash.size() > 256 || !author_ids.count(user.author.id) ||
          !emails.insert(*email).second) {
        throw CliError(where +
                       ": needs an e-mail address of its own, a role, an argon2id hash,"
                       " disabled true or false, and a known author");
      }
      user.email = *email;
      user.role = *role;
      user.disabled = disabled.as_bool();
      site.users.push_back(std::move(user));
    }
  }
  for (const json::value& value : Array(root, "categories")) {
    const auto& record = Object(value, "a category");
    const std::string where = "category " + std::to_string(site.categories.size() + 1);
    store::Category category{Int(record, "id", where, 1), Text(record, "slug", where),
                             Text(record, "name", where)};
    if (!news::IsValidSlug(category.slug) || !category_ids.insert(category.id).second) {
      throw CliError(where + ": needs a valid slug and an id of its own");
    }
    site.categories.push_back(std::move(category));
  }
  // Pictures and audit entries name users the document may no longer have (deleted since):
  // such a user is simply unknown (0).
  std::set<std::int64_t> user_ids;
  for (const auto& user : site.users) user_ids.insert(user.id);
  // Pictures came with issue 11 (version 3).
  std::set<std::int64_t> media_ids;
  std::set<std::string> media_hashes;
  if (root.contains("media")) {
    for (const json::value& value : Array(root, "media")) {
      const auto& record = Object(value, "a picture");
      const std::string where = "picture " + std::to_string(site.media.size() + 1);
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
      m.alt = news::StripControlCharacters(Text(record, "alt", where));
      m.original_name = news::StripControlCharacters(Text(record, "original_name", where));
      m.uploaded_by = Int(record, "uploaded_by", where);
      m.uploaded_at = ParseTimestamp(Field(record, "uploaded_at", where), where);
      const bool hex =
          m.hash.size() == 32 && m.hash.find_first_not_of("0123456789abcdef") == std::string::npos;
      if (!hex || !media_ids.insert(m.id).second || !media_hashes.insert(m.hash).second ||
          m.widths.empty() || m.alt.size() > news::kMaxAltLength ||
          m.original_name.size() > kMaxMediaNameLength) {
        throw CliError(where +
                       ": needs an id and a 32-digit hash of its own, widths, and alt text"
                       " and a name of sensible length");
      }
      if (!user_ids.count(m.uploaded_by)) m.uploaded_by = 0;
      site.media.push_back(std::move(m));
    }
  }
  for (const json::value& value : Array(root, "articles")) {
    const auto& record = Object(value, "an article");
    const std::string where = "article " + std::to_string(site.articles.size() + 1);
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
      const auto status = news::ParseArticleStatus(text);
      if (!text.empty() && !status) {
        throw CliError(where + ": 'trashed_from' must be draft, review, scheduled or published");
      }
      article.trashed_from = status.value_or(news::ArticleStatus::kDraft);
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
          (article.featured.media_id != 0 && !media_ids.count(article.featured.media_id))) {
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
    if (!author_ids.count(article.author.id) || !category_ids.count(article.category.id)) {
      throw CliError(where + ": names an author or category the document does not have");
    }
    if (!article_ids.insert(article.id).second) throw CliError(where + ": repeats an id");
    // Rendered here, never trusted from the file: the HTML goes out unescaped.
    article.body_html = render::RenderMarkdown(article.body_markdown);
    site.articles.push_back(std::move(article));
  }
  for (const json::value& value : Array(root, "daily_views")) {
    const auto& record = Object(value, "a daily count");
    const std::string where = "daily count " + std::to_string(site.daily_views.size() + 1);
    store::DailyViewRow row{Int(record, "article_id", where, 1), Text(record, "day", where),
                            Int(record, "views", where)};
    if (!article_ids.count(row.article_id) || !IsDay(row.day)) {
      throw CliError(where + ": needs a known article and a day like 2026-11-25");
    }
    site.daily_views.push_back(std::move(row));
  }
  // Documents written before ratings existed have no votes.
  std::set<std::pair<std::int64_t, std::string>> voters;
  if (root.contains("votes")) {
    for (const json::value& value : Array(root, "votes")) {
      const auto& record = Object(value, "a vote");
      const std::string where = "vote " + std::to_string(site.votes.size() + 1);
      // Checked as read, before narrowing to int (4294967299 must not become 3).
      const std::int64_t stars = Int(record, "stars", where, 1);
      store::VoteRow vote{Int(record, "article_id", where, 1), Text(record, "reader_id", where),
                          static_cast<int>(std::min<std::int64_t>(stars, 6)),
                          ParseTimestamp(Field(record, "voted_at", where), where)};
      if (!article_ids.count(vote.article_id) || stars > 5 || vote.reader_id.empty() ||
          vote.reader_id.size() > 64 || !voters.emplace(vote.article_id, vote.reader_id).second) {
        throw CliError(where + ": needs a known article, a reader id, stars from 1 to 5, and"
                               " one vote per reader and article");
      }
      site.votes.push_back(std::move(vote));
    }
  }
  std::set<std::int64_t> comment_ids;
  if (root.contains("comments")) {
    for (const json::value& value : Array(root, "comments")) {
      const auto& record = Object(value, "a comment");
      const std::string where = "comment " + std::to_string(site.comments.size() + 1);
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
      c.hold_reason = news::StripControlCharacters(Text(record, "hold_reason", where));
      c.created_at = ParseTimestamp(Field(record, "created_at", where), where);
      c.reports = Int(record, "reports", where);
      // Documents from before issue 9 do not have it: such comments start unapproved.
      if (const json::value* approved = record.if_contains("approved_by_editor")) {
        if (!approved->is_bool()) {
          throw CliError(where + ": 'approved_by_editor' must be true or false");
        }
        c.approved_by_editor = approved->as_bool();
      }
      if (record.contains("parent_id")) c.parent_id = Int(record, "parent_id", where);
      // Parents come first (by id); a reply to one not in the document is shown on its own.
      if (!comment_ids.count(c.parent_id)) c.parent_id = 0;
      if (!article_ids.count(c.article_id) || !comment_ids.insert(c.id).second) {
        throw CliError(where + ": needs a known article and an id of its own");
      }
      site.comments.push_back(std::move(c));
    }
  }
  if (root.contains("settings")) {
    for (const json::value& value : Array(root, "settings")) {
      const auto& record = Object(value, "a setting");
      const std::string where = "setting " + std::to_string(site.settings.size() + 1);
      std::string key = Text(record, "key", where);
      std::string text = Text(record, "value", where);
      // The same rules as `broadsheet settings set` and the settings page.
      if (const std::string error = news::ValidateSetting(key, text); !error.empty()) {
        throw CliError(where + ": " + error);
      }
      site.settings.emplace_back(std::move(key), std::move(text));
    }
  }
  if (root.contains("old_links")) {
    for (const json::value& value : Array(root, "old_links")) {
      const auto& record = Object(value, "an old link");
      const std::string where = "old link " + std::to_string(site.old_links.size() + 1);
      store::OldLink link;
      const auto system = store::ParseOldSystem(Text(record, "system", where));
      const auto kind = store::ParseOldKind(Text(record, "kind", where));
      link.source = Text(record, "source", where);
      link.old_id = Text(record, "old_id", where);
      link.old_slug = Text(record, "old_slug", where);
      link.new_id = Int(record, "new_id", where, 1);
      if (!system || !kind || link.source.empty() || link.source.size() > 2000 ||
          link.old_id.empty() || link.old_id.size() > 2000 || link.old_slug.size() > 2000) {
        throw CliError(where +
                       ": needs a system (wordpress, k2), a kind (article, category, tag,"
                       " author, comment), a source and an old id");
      }
      link.system = *system;
      link.kind = *kind;
      site.old_links.push_back(std::move(link));
    }
  }
  if (root.contains("rating_bases")) {
    for (const json::value& value : Array(root, "rating_bases")) {
      const auto& record = Object(value, "a rating base");
      const std::string where = "rating base " + std::to_string(site.rating_bases.size() + 1);
      store::RatingBase base{Int(record, "article_id", where, 1), Int(record, "sum", where),
                             Int(record, "count", where, 1)};
      if (!article_ids.count(base.article_id) || base.sum < base.count ||
          base.sum > 5 * base.count) {
        throw CliError(where + ": needs a known article and a sum of 1 to 5 stars a vote");
      }
      site.rating_bases.push_back(base);
    }
  }
  if (root.contains("redirects")) {
    for (const json::value& value : Array(root, "redirects")) {
      const auto& record = Object(value, "a redirect");
      const std::string where = "redirect " + std::to_string(site.redirects.size() + 1);
      store::RedirectRow redirect;
      const auto key = site::RedirectKey(Text(record, "old_path", where));
      redirect.target = Text(record, "target", where);
      redirect.created_at = ParseTimestamp(Field(record, "created_at", where), where);
      if (!key || !site::IsRedirectTarget(redirect.target)) {
        throw CliError(where + ": needs an old path and a path or http(s) URL to send it to");
      }
      redirect.old_path = *key;
      site.redirects.push_back(std::move(redirect));
    }
  }
  if (root.contains("audit")) {
    std::set<std::int64_t> audit_ids;
    for (const json::value& value : Array(root, "audit")) {
      const auto& record = Object(value, "an audit entry");
      const std::string where = "audit entry " + std::to_string(site.audit.size() + 1);
      store::AuditEntry e;
      e.id = Int(record, "id", where, 1);
      e.at = ParseTimestamp(Field(record, "at", where), where);
      e.user_id = Int(record, "user_id", where);
      e.user_email = news::StripControlCharacters(Text(record, "user_email", where));
      e.action = news::StripControlCharacters(Text(record, "action", where));
      e.object = news::StripControlCharacters(Text(record, "object", where));
      e.detail = news::StripControlCharacters(Text(record, "detail", where));
      e.address_key = Text(record, "address_key", where);
      if (!audit_ids.insert(e.id).second || e.action.empty() || e.action.size() > 100 ||
          e.object.size() > 300 || e.detail.size() > 1000 || e.user_email.size() > 254 ||
          e.address_key.size() > 100) {
        throw CliError(where +
                       ": needs an id of its own, an action, and fields of sensible length");
      }
      if (!user_ids.count(e.user_id)) e.user_id = 0;
      site.audit.push_back(std::move(e));
    }
  }
  return site;
}

}  // namespace broadsheet::cli
