// SiteDocumentWriter: the site document written record by record (cli/site_document.h).
#include <boost/json.hpp>
#include <ctime>

#include "cli/site_document.h"

namespace broadsheet::cli {
namespace {

namespace json = boost::json;

constexpr std::size_t kFlushBytes = 1 << 20;

json::value Timestamp(std::int64_t unix_seconds) {
  if (unix_seconds == 0) return nullptr;
  const std::time_t t = static_cast<std::time_t>(unix_seconds);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char text[32];
  std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return json::string(text);
}

}  // namespace

SiteDocumentWriter::SiteDocumentWriter(std::function<void(std::string_view)> write)
    : write_(std::move(write)) {
  pending_ = "{\n\"format\": \"" + std::string(kSiteFormat) +
             "\",\n\"version\": " + std::to_string(kSiteVersion) + ",\n";
}

void SiteDocumentWriter::StartRecord(std::size_t section) {
  if (open_section_ > static_cast<int>(section)) {
    throw std::logic_error("site records must arrive in the document's order");
  }
  while (open_section_ < static_cast<int>(section)) {
    if (open_section_ >= 0) pending_ += open_section_empty_ ? "],\n" : "\n],\n";
    ++open_section_;
    pending_ += "\"";
    pending_ += kSiteSections[open_section_];
    pending_ += "\": [";
    open_section_empty_ = true;
  }
  pending_ += open_section_empty_ ? "\n  " : ",\n  ";
  open_section_empty_ = false;
}

void SiteDocumentWriter::Flush(bool always) {
  if (pending_.empty() || (!always && pending_.size() < kFlushBytes)) return;
  write_(pending_);
  pending_.clear();
}

void SiteDocumentWriter::Finish() {
  constexpr int kLast = static_cast<int>(kSiteSections.size()) - 1;
  if (open_section_ < kLast) {
    StartRecord(kLast);  // opens every list still missing; the record start is taken back
    pending_.resize(pending_.size() - 3);
    open_section_empty_ = true;
  }
  pending_ += open_section_empty_ ? "]\n}\n" : "\n]\n}\n";
  Flush(true);
}

void SiteDocumentWriter::AddAuthor(const store::Author& a) {
  StartRecord(kAuthors);
  pending_ += json::serialize(
      json::object{{"id", a.id}, {"name", a.name}, {"slug", a.slug}, {"bio", a.bio}});
  Flush(false);
}

void SiteDocumentWriter::AddUser(const store::UserRow& u) {
  StartRecord(kUsers);
  pending_ += json::serialize(json::object{{"id", u.id},
                                           {"email", u.email},
                                           {"password_hash", u.password_hash},
                                           {"role", std::string(news::ToString(u.role))},
                                           {"disabled", u.disabled},
                                           {"author_id", u.author.id},
                                           {"created_at", Timestamp(u.created_at)}});
  Flush(false);
}

void SiteDocumentWriter::AddCategory(const store::Category& c) {
  StartRecord(kCategories);
  pending_ += json::serialize(json::object{{"id", c.id}, {"slug", c.slug}, {"name", c.name}});
  Flush(false);
}

void SiteDocumentWriter::AddMedia(const store::MediaRow& m) {
  StartRecord(kMedia);
  json::array widths;
  for (const int width : m.widths) widths.emplace_back(width);
  pending_ += json::serialize(json::object{{"id", m.id},
                                           {"hash", m.hash},
                                           {"width", m.width},
                                           {"height", m.height},
                                           {"widths", std::move(widths)},
                                           {"bytes", m.bytes},
                                           {"alt", m.alt},
                                           {"original_name", m.original_name},
                                           {"uploaded_by", m.uploaded_by},
                                           {"uploaded_at", Timestamp(m.uploaded_at)}});
  Flush(false);
}

void SiteDocumentWriter::AddArticle(const store::ArticleRow& a) {
  StartRecord(kArticles);
  json::array tags;
  for (const auto& tag : a.tags) tags.emplace_back(tag.name);
  pending_ += json::serialize(json::object{
      {"id", a.id},
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
  Flush(false);
}

void SiteDocumentWriter::AddDailyViews(const store::DailyViewRow& d) {
  StartRecord(kDailyViews);
  pending_ += json::serialize(
      json::object{{"article_id", d.article_id}, {"day", d.day}, {"views", d.views}});
  Flush(false);
}

void SiteDocumentWriter::AddVote(const store::VoteRow& v) {
  StartRecord(kVotes);
  pending_ += json::serialize(json::object{{"article_id", v.article_id},
                                           {"reader_id", v.reader_id},
                                           {"stars", v.stars},
                                           {"voted_at", Timestamp(v.voted_at)}});
  Flush(false);
}

void SiteDocumentWriter::AddComment(const store::CommentRow& c) {
  StartRecord(kComments);
  pending_ += json::serialize(json::object{{"id", c.id},
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
  Flush(false);
}

void SiteDocumentWriter::AddSetting(const std::string& key, const std::string& value) {
  StartRecord(kSettings);
  pending_ += json::serialize(json::object{{"key", key}, {"value", value}});
  Flush(false);
}

void SiteDocumentWriter::AddOldLink(const store::OldLink& l) {
  StartRecord(kOldLinks);
  pending_ += json::serialize(json::object{{"system", std::string(store::ToString(l.system))},
                                           {"source", l.source},
                                           {"kind", std::string(store::ToString(l.kind))},
                                           {"old_id", l.old_id},
                                           {"old_slug", l.old_slug},
                                           {"new_id", l.new_id}});
  Flush(false);
}

void SiteDocumentWriter::AddRatingBase(const store::RatingBase& b) {
  StartRecord(kRatingBases);
  pending_ += json::serialize(
      json::object{{"article_id", b.article_id}, {"sum", b.sum}, {"count", b.count}});
  Flush(false);
}

void SiteDocumentWriter::AddRedirect(const store::RedirectRow& r) {
  StartRecord(kRedirects);
  pending_ += json::serialize(json::object{
      {"old_path", r.old_path}, {"target", r.target}, {"created_at", Timestamp(r.created_at)}});
  Flush(false);
}

void SiteDocumentWriter::AddAuditEntry(const store::AuditEntry& e) {
  StartRecord(kAudit);
  pending_ += json::serialize(json::object{{"id", e.id},
                                           {"at", Timestamp(e.at)},
                                           {"user_id", e.user_id},
                                           {"user_email", e.user_email},
                                           {"action", e.action},
                                           {"object", e.object},
                                           {"detail", e.detail},
                                           {"address_key", e.address_key}});
  Flush(false);
}

std::string WriteSiteDocument(const store::SiteExport& site) {
  std::string out;
  SiteDocumentWriter writer([&out](std::string_view piece) { out += piece; });
  store::ReplaySite(site, writer);
  writer.Finish();
  return out;
}

}  // namespace broadsheet::cli
