#include "site/admin/article_form.h"

#include <algorithm>

#include "news/calendar.h"
#include "news/site_setting.h"
#include "site/page_data.h"

namespace broadsheet::site::admin {
namespace {

struct StatusChoice {
  news::ArticleStatus status;
  const char* label;
};
constexpr StatusChoice kStatusChoices[] = {
    {news::ArticleStatus::kDraft, "Draft"},
    {news::ArticleStatus::kReview, "Submit for review"},
    {news::ArticleStatus::kScheduled, "Scheduled"},
    {news::ArticleStatus::kPublished, "Published"},
};

constexpr int kPictureChoices = 50;

render::TemplateData CommentModeOptions(news::CommentMode current) {
  render::TemplateData list = render::TemplateData::type::list;
  const std::pair<news::CommentMode, const char*> modes[] = {
      {news::CommentMode::kSite, "The site's setting"},
      {news::CommentMode::kOpen, "Open: comments appear at once, whatever the article's age"},
      {news::CommentMode::kHeld, "Held: every comment waits for an editor"},
      {news::CommentMode::kClosed, "Closed: no new comments"}};
  for (const auto& [mode, label] : modes) {
    render::TemplateData option;
    option.set("value", mode == news::CommentMode::kSite ? std::string("site")
                                                         : std::string(news::ToString(mode)));
    option.set("label", label);
    option.set("selected", mode == current);
    list << option;
  }
  return list;
}

// The featured picture's choices (the newest uploads, and the current one) and the body's
// picture picker: each upload's Markdown, ready to insert.
void AddPictureChoices(const DeskContext& desk, const news::ArticleInput& input,
                       render::TemplateData& data) {
  std::vector<store::MediaRow> recent = desk.site.store.ListMedia(0, kPictureChoices).rows;
  const bool listed = std::any_of(recent.begin(), recent.end(), [&](const auto& media) {
    return media.id == input.featured_media_id;
  });
  if (input.featured_media_id != 0 && !listed) {
    if (auto current = desk.site.store.FindMedia(input.featured_media_id)) {
      recent.push_back(std::move(*current));
    }
  }
  render::TemplateData featured = render::TemplateData::type::list;
  render::TemplateData none;
  none.set("value", "");
  none.set("label", "No featured picture");
  none.set("alt", "");
  none.set("selected", input.featured_media_id == 0);
  featured << none;
  render::TemplateData picker = render::TemplateData::type::list;
  for (const store::MediaRow& media : recent) {
    if (media.widths.empty()) continue;
    const std::string label =
        "Number " + std::to_string(media.id) + ": " +
        (media.original_name.empty() ? media.hash.substr(0, 8) : media.original_name);
    render::TemplateData option;
    option.set("value", std::to_string(media.id));
    option.set("label", label);
    option.set("alt", media.alt);
    option.set("selected", media.id == input.featured_media_id);
    featured << option;
    render::TemplateData item;
    item.set("label", label);
    item.set("alt", media.alt);
    item.set("thumb_url", MediaUrl(media.hash, media.widths.front(), "jpg"));
    item.set("thumb_width", std::to_string(media.widths.front()));
    item.set("thumb_height", std::to_string(std::max(1, media.height * media.widths.front() /
                                                            std::max(1, media.width))));
    item.set("markdown", MarkdownImage(media));
    picker << item;
  }
  data.set("featured_choices", featured);
  data.set("featured_alt", input.featured_alt);
  data.set("pictures", picker);
  data.set("any_pictures", !picker.is_empty_list());
}

}  // namespace

bool IsLive(news::ArticleStatus status) {
  return status == news::ArticleStatus::kPublished || status == news::ArticleStatus::kScheduled;
}

PostedArticle ReadPostedArticle(const DeskContext& desk, const SignedIn& signed_in,
                                const http::Form& form) {
  PostedArticle posted;
  posted.id = PositiveId(form.Single("id").value_or(""));
  posted.base_version = PositiveId(form.Single("version").value_or(""));
  news::ArticleInput& input = posted.input;
  input.title = form.Single("title").value_or("");
  input.slug = form.Single("slug").value_or("");
  input.summary = form.Single("summary").value_or("");
  input.category = form.Single("category").value_or("");
  input.tags = news::SplitTags(form.Single("tags").value_or(""));
  // Browsers send the textarea's line breaks as CRLF.
  for (char c : form.Single("body").value_or("")) {
    if (c != '\r') input.body_markdown.push_back(c);
  }
  posted.published_at_text = form.Single("published_at").value_or("");
  input.featured_media_id = PositiveId(form.Single("featured_media").value_or(""));
  input.featured_alt = form.Single("featured_alt").value_or("");
  if (input.featured_media_id != 0 && !desk.site.store.FindMedia(input.featured_media_id)) {
    posted.errors.push_back({"featured_media", "there is no such picture (deleted meanwhile?)"});
    input.featured_media_id = 0;
  }

  const news::Role role = signed_in.user.role;
  posted.author_slug = signed_in.user.author.slug;
  input.author = signed_in.user.author.name;
  if (role >= news::Role::kEditor) {
    if (const auto chosen = form.Single("author"); chosen && !chosen->empty()) {
      if (auto author = desk.site.store.FindAuthorBySlug(*chosen)) {
        posted.author_slug = author->slug;
        input.author = author->name;
      } else {
        posted.errors.push_back({"author", "there is no author profile '" + *chosen + "'"});
      }
    }
  }

  const auto status = news::ParseArticleStatus(form.Single("status").value_or("draft"));
  input.status = status.value_or(news::ArticleStatus::kDraft);
  if (!status) posted.errors.push_back({"status", "choose a status from the list"});
  const std::int64_t now = news::UnixNow();
  if (!posted.published_at_text.empty()) {
    if (auto when = news::ParseLocalDateTime(posted.published_at_text)) {
      input.published_at = *when;
    } else {
      posted.errors.push_back({"published_at",
                               "the publication time must look like "
                               "2026-12-24T09:30"});
    }
  }
  // "Published" with a time still to come is a schedule; a schedule in the past publishes
  // at the scheduler's next look, with that time.
  if (input.status == news::ArticleStatus::kPublished && input.published_at > now) {
    input.status = news::ArticleStatus::kScheduled;
  }
  if (!news::MaySetStatus(role, input.status, signed_in.may_publish)) {
    posted.errors.push_back(
        {"status", role == news::Role::kContributor
                       ? "contributors save drafts; an editor publishes them"
                       : "your role may submit articles for review, not publish them"});
  }
  for (auto& error : news::NormalizeAndValidate(input, desk.reserved_names)) {
    posted.errors.push_back(std::move(error));
  }
  return posted;
}

render::TemplateData EditorData(const DeskContext& desk, const SignedIn& signed_in,
                                const PostedArticle& article) {
  const news::ArticleInput& input = article.input;
  render::TemplateData data;
  data.set("id", std::to_string(article.id));
  data.set("existing", article.id != 0);
  data.set("version", std::to_string(article.base_version));
  data.set("title", input.title);
  data.set("slug", input.slug);
  data.set("summary", input.summary);
  data.set("body", input.body_markdown);
  data.set("category", input.category);
  data.set("tags", news::JoinTags(input.tags));
  data.set("published_at", !article.published_at_text.empty() ? article.published_at_text
                           : input.published_at > 0 ? news::LocalDateTimeInput(input.published_at)
                                                    : std::string());
  data.set("timezone", desk.settings.timezone);
  AddPictureChoices(desk, input, data);
  if (article.id != 0 && signed_in.user.role >= news::Role::kEditor) {
    data.set("moderates", true);
    data.set("comment_modes", CommentModeOptions(article.comment_mode));
  }

  render::TemplateData statuses = render::TemplateData::type::list;
  for (const StatusChoice& choice : kStatusChoices) {
    const bool allowed =
        news::MaySetStatus(signed_in.user.role, choice.status, signed_in.may_publish);
    if (!allowed && choice.status != input.status) continue;
    render::TemplateData option;
    option.set("value", std::string(news::ToString(choice.status)));
    option.set("label", choice.label);
    option.set("selected", choice.status == input.status);
    statuses << option;
  }
  data.set("statuses", statuses);

  if (signed_in.user.role >= news::Role::kEditor) {
    render::TemplateData authors = render::TemplateData::type::list;
    for (const store::Author& author : desk.site.store.ListAuthors()) {
      render::TemplateData option;
      option.set("slug", author.slug);
      option.set("name", author.name);
      option.set("selected", author.slug == article.author_slug ||
                                 (article.author_slug.empty() && author.name == input.author));
      authors << option;
    }
    data.set("authors", authors);
  } else {
    data.set("own_author", input.author.empty() ? signed_in.user.author.name : input.author);
  }

  render::TemplateData categories = render::TemplateData::type::list;
  for (const store::CategoryCount& count : desk.site.store.ListCategoryCounts()) {
    render::TemplateData option;
    option.set("name", count.category.name);
    categories << option;
  }
  data.set("categories", categories);
  render::TemplateData tags = render::TemplateData::type::list;
  for (const store::Tag& tag : desk.site.store.ListTags()) {
    render::TemplateData option;
    option.set("name", tag.name);
    tags << option;
  }
  data.set("all_tags", tags);

  if (!article.errors.empty()) {
    render::TemplateData errors = render::TemplateData::type::list;
    for (const news::FieldError& error : article.errors) {
      render::TemplateData item;
      item.set("field", error.field);
      item.set("message", error.message);
      errors << item;
    }
    data.set("errors", errors);
  }
  return data;
}

}  // namespace broadsheet::site::admin
