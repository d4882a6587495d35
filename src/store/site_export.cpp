#include "store/site_export.h"

namespace broadsheet::store {

void ReplaySite(const SiteExport& site, SiteSink& sink) {
  for (const Author& author : site.authors) sink.AddAuthor(author);
  for (const UserRow& user : site.users) sink.AddUser(user);
  for (const Category& category : site.categories) sink.AddCategory(category);
  for (const MediaRow& media : site.media) sink.AddMedia(media);
  for (const ArticleRow& article : site.articles) sink.AddArticle(article);
  for (const DailyViewRow& row : site.daily_views) sink.AddDailyViews(row);
  for (const VoteRow& vote : site.votes) sink.AddVote(vote);
  for (const CommentRow& comment : site.comments) sink.AddComment(comment);
  for (const auto& [key, value] : site.settings) sink.AddSetting(key, value);
  for (const OldLink& link : site.old_links) sink.AddOldLink(link);
  for (const RatingBase& base : site.rating_bases) sink.AddRatingBase(base);
  for (const RedirectRow& redirect : site.redirects) sink.AddRedirect(redirect);
  for (const AuditEntry& entry : site.audit) sink.AddAuditEntry(entry);
}

SiteExport Store::ExportSite() {
  SiteCollector collector;
  StreamSite(collector);
  return std::move(collector.site);
}

void Store::ImportSite(const SiteExport& site, bool replace) {
  const std::unique_ptr<SiteImport> import = BeginSiteImport(replace);
  ReplaySite(site, *import);
  import->Commit();
}

}  // namespace broadsheet::store
