#include "site/admin/article_desk.h"

#include <boost/json.hpp>
#include "news/calendar.h"
#include "render/markdown.h"
#include "site/admin/article_form.h"
#include "site/admin/desk_session.h"
#include "site/admin/revision_pages.h"
#include "site/page_data.h"
#include "site/public_forms.h"

namespace broadsheet::site::admin {
namespace {

using http::Response;

std::string StatusLabel(news::ArticleStatus status) {
  switch (status) {
    case news::ArticleStatus::kDraft:
      return "Draft";
    case news::ArticleStatus::kReview:
      return "In review";
    case news::ArticleStatus::kScheduled:
      return "Scheduled";
    case news::ArticleStatus::kPublished:
      return "Published";
    case news::ArticleStatus::kTrashed:
      return "In the trash";
  }
  return "Draft";
}

render::TemplateData ArticleListItem(const store::ArticleRow& article) {
  render::TemplateData item;
  item.set("id", std::to_string(article.id));
  item.set("title", article.title);
  item.set("edit_url", "/admin/articles/" + std::to_string(article.id));
  item.set("status", StatusLabel(article.status));
  item.set("status_class", std::string(news::ToString(article.status)));
  item.set("author", article.author.name);
  item.set("category", article.category.name);
  item.set("updated", news::HumanDate(article.updated_at));
  if (article.published_at > 0) {
    item.set("when", news::LocalDateTimeInput(article.published_at).replace(10, 1, " "));
  }
  if (article.status == news::ArticleStatus::kPublished) item.set("url", ArticlePath(article));
  if (article.trashed_at > 0) item.set("trashed", news::HumanDate(article.trashed_at));
  return item;
}

// Loaded for the editor: the stored article as the form shows it.
PostedArticle Loaded(const store::ArticleRow& article) {
  PostedArticle loaded;
  loaded.id = article.id;
  loaded.base_version = article.version;
  news::ArticleInput& input = loaded.input;
  input.title = article.title;
  input.slug = article.slug;
  input.summary = article.summary;
  input.body_markdown = article.body_markdown;
  input.category = article.category.name;
  input.author = article.author.name;
  input.status = article.status;
  input.published_at = article.published_at;
  for (const store::Tag& tag : article.tags) input.tags.push_back(tag.name);
  input.featured_media_id = article.featured.media_id;
  input.featured_alt = article.featured.alt;
  loaded.author_slug = article.author.slug;
  loaded.comment_mode = article.comment_mode;
  return loaded;
}

Response EditorPage(const DeskContext& desk, const SignedIn& signed_in, int status,
                    const PostedArticle& article, const std::string& notice,
                    const std::string& conflict, const std::string& preview_html,
                    const store::ArticleRow* stored) {
  render::TemplateData data = EditorData(desk, signed_in, article);
  if (!notice.empty()) data.set("notice", notice);
  if (!conflict.empty()) data.set("conflict", conflict);
  if (!preview_html.empty()) data.set("preview_html", preview_html);
  if (stored) {
    if (stored->status == news::ArticleStatus::kPublished)
      data.set("view_url", ArticlePath(*stored));
    data.set("status_label", StatusLabel(stored->status));
  }
  const std::string title = article.id ? "Edit: " + article.input.title : "New article";
  return DeskHtml(status, RenderDesk(desk, &signed_in, title, "editor", data));
}

// The article `id` when `signed_in` may edit it; else the answer to send instead.
struct Editable {
  std::optional<store::ArticleRow> article;
  std::optional<Response> refusal;
};
Editable FindEditable(const DeskContext& desk, const SignedIn& signed_in, std::int64_t id) {
  auto article = id ? desk.site.store.FindArticle(id) : std::nullopt;
  if (!article) {
    return {std::nullopt, DeskMessage(desk, &signed_in, 404, "No such article",
                                      "There is no article with that number.")};
  }
  if (!news::MayEditArticle(signed_in.user.role, signed_in.user.author.id, article->author.id)) {
    return {std::nullopt, DeskMessage(desk, &signed_in, 403, "Not allowed",
                                      "You may edit only your own articles.")};
  }
  return {std::move(article), std::nullopt};
}

Response EditorFor(const DeskContext& desk, const http::Request& request, const SignedIn& signed_in,
                   std::int64_t id) {
  auto editable = FindEditable(desk, signed_in, id);
  if (editable.refusal) return std::move(*editable.refusal);
  if (editable.article->status == news::ArticleStatus::kTrashed) {
    return DeskMessage(desk, &signed_in, 404, "In the trash",
                       "This article is in the trash. Restore it from the trash to edit it.");
  }
  const bool saved = request.QueryParam("saved").has_value();
  const bool picture_gone = request.QueryParam("picture").has_value();
  return EditorPage(desk, signed_in, 200, Loaded(*editable.article),
                    picture_gone ? "Restored, without its featured picture: it was deleted since."
                    : saved      ? "Saved."
                                 : "",
                    "", "", &*editable.article);
}

Response DeleteConfirmation(const DeskContext& desk, const SignedIn& signed_in, std::int64_t id) {
  auto editable = FindEditable(desk, signed_in, id);
  if (editable.refusal) return std::move(*editable.refusal);
  render::TemplateData data;
  data.set("id", std::to_string(id));
  data.set("title", editable.article->title);
  data.set("days", std::to_string(desk.settings.trash_s / 86400));
  return DeskHtml(200, RenderDesk(desk, &signed_in, "Move to the trash?", "confirm_delete", data));
}

// Drops the cached pages a save changed: none for a draft that stays a draft; the pages that
// show the article when it stays where it was in every listing (published, same category,
// same time: a correction); else every page (it entered or left listings).
void DropPagesAfterSave(const DeskContext& desk, const store::ArticleRow& before) {
  const auto after = desk.site.store.FindArticle(before.id);
  const auto published = news::ArticleStatus::kPublished;
  const bool was_public = before.status == published;
  const bool is_public = after && after->status == published;
  if (!was_public && !is_public) return;
  if (was_public && is_public && after->category.id == before.category.id &&
      after->published_at == before.published_at) {
    desk.site.pages.InvalidateShowing({render::PageShows::Article(before.id)});
    return;
  }
  desk.site.pages.Invalidate();
}

}  // namespace

Response ServeArticleList(const DeskContext& desk, const http::Request& request) {
  return DeskPage(desk, request, news::Role::kContributor, [&](const SignedIn& signed_in) {
    store::ArticleQuery query;
    query.status = request.QueryParam("status").value_or("");
    if (query.status == "trashed" ||
        (!query.status.empty() && !news::ParseArticleStatus(query.status))) {
      query.status.clear();
    }
    const std::string category = request.QueryParam("category").value_or("");
    const std::string author = request.QueryParam("author").value_or("");
    query.tag_slug = request.QueryParam("tag").value_or("").substr(0, 100);
    query.title_contains = request.QueryParam("q").value_or("").substr(0, 200);
    const auto categories = desk.site.store.ListCategoryCounts();
    std::vector<std::pair<std::string, std::string>> category_options = {{"", "All categories"}};
    for (const auto& count : categories) {
      category_options.emplace_back(count.category.slug, count.category.name);
      if (count.category.slug == category) query.category_id = count.category.id;
    }
    const bool sees_all = signed_in.user.role >= news::Role::kEditor;
    std::vector<std::pair<std::string, std::string>> author_options = {{"", "All authors"}};
    if (sees_all) {
      for (const auto& profile : desk.site.store.ListAuthors()) {
        author_options.emplace_back(profile.slug, profile.name);
        if (profile.slug == author) query.author_id = profile.id;
      }
    } else {
      query.author_id = signed_in.user.author.id;  // authors and contributors: their own
    }
    const int page = PageNumber(request);
    query.limit = desk.settings.page_size;
    query.offset = (page - 1) * desk.settings.page_size;
    const store::ArticleListPage found = desk.site.store.ListArticles(query);

    render::TemplateData data;
    render::TemplateData rows = render::TemplateData::type::list;
    for (const auto& article : found.rows) rows << ArticleListItem(article);
    data.set("articles", rows);
    data.set("any", !found.rows.empty());
    data.set("total", std::to_string(found.total));
    data.set("q", query.title_contains);
    data.set("tag", query.tag_slug);
    data.set("status_options", Options({{"", "Every status"},
                                        {"draft", "Drafts"},
                                        {"review", "In review"},
                                        {"scheduled", "Scheduled"},
                                        {"published", "Published"}},
                                       query.status));
    data.set("category_options", Options(category_options, category));
    if (sees_all) {
      data.set("author_filter", true);
      data.set("author_options", Options(author_options, author));
    }
    // Pagination keeps the filters.
    std::string filters;
    for (const char* name : {"status", "category", "author", "tag", "q"}) {
      if (auto value = request.QueryParam(name); value && !value->empty()) {
        filters += std::string("&") + name + "=" + http::PercentEncode(*value);
      }
    }
    const std::int64_t pages = (found.total + query.limit - 1) / query.limit;
    if (page > 1)
      data.set("prev_url", "/admin/articles?page=" + std::to_string(page - 1) + filters);
    if (page < pages)
      data.set("next_url", "/admin/articles?page=" + std::to_string(page + 1) + filters);
    data.set("page_text", "Page " + std::to_string(page) + " of " +
                              std::to_string(std::max<std::int64_t>(pages, 1)));
    return DeskHtml(200, RenderDesk(desk, &signed_in, "Articles", "articles", data));
  });
}

Response ServeArticlePath(const DeskContext& desk, const http::Request& request) {
  return DeskPage(desk, request, news::Role::kContributor, [&](const SignedIn& signed_in) {
    // "/admin/articles/{rest}"
    const std::string_view rest = std::string_view(request.path).substr(16);
    if (rest == "new") {
      PostedArticle blank;
      blank.input.author = signed_in.user.author.name;
      blank.author_slug = signed_in.user.author.slug;
      return EditorPage(desk, signed_in, 200, blank, "", "", "", nullptr);
    }
    const auto slash = rest.find('/');
    const std::int64_t id = PositiveId(rest.substr(0, slash));
    const std::string_view action = slash == std::string_view::npos ? "" : rest.substr(slash + 1);
    if (id == 0) return DeskMessage(desk, &signed_in, 404, "Not found", "No such page.");
    if (action.empty()) return EditorFor(desk, request, signed_in, id);
    if (action == "delete") return DeleteConfirmation(desk, signed_in, id);
    if (action == "revisions") {
      auto editable = FindEditable(desk, signed_in, id);
      if (editable.refusal) return std::move(*editable.refusal);
      return RevisionsPage(desk, request, signed_in, *editable.article);
    }
    if (action == "diff") {
      auto editable = FindEditable(desk, signed_in, id);
      if (editable.refusal) return std::move(*editable.refusal);
      return DiffPage(desk, request, signed_in, *editable.article);
    }
    return DeskMessage(desk, &signed_in, 404, "Not found", "No such page.");
  });
}

Response ServeArticleSave(const DeskContext& desk, const http::Request& request) {
  return DeskAction(
      desk, request, news::Role::kContributor,
      [&](const SignedIn& signed_in, const http::Form& form) -> Response {
        PostedArticle posted = ReadPostedArticle(desk, signed_in, form);
        std::optional<store::ArticleRow> stored;
        if (posted.id != 0) {
          auto editable = FindEditable(desk, signed_in, posted.id);
          if (editable.refusal) return std::move(*editable.refusal);
          stored = std::move(editable.article);
          if (IsLive(stored->status) && !signed_in.may_publish) {
            // Saving as a draft would take it down: that is an editor's call, as the trash is.
            return DeskMessage(desk, &signed_in, 403, "Not allowed",
                               "This article is published or scheduled: only an editor can "
                               "change it now. Nothing was saved.");
          }
          // The form shows the time to the minute; unchanged, it keeps the stored second.
          if (posted.published_at_text == news::LocalDateTimeInput(stored->published_at)) {
            posted.input.published_at = stored->published_at;
          }
          if (posted.base_version == 0) {
            // Only the command line saves without a version; a form without one is stale.
            return EditorPage(desk, signed_in, 409, posted, "",
                              "This form has no version of the article to compare with. Your "
                              "text is below, not saved: reload the article and save again.",
                              "", &*stored);
          }
        }
        if (!posted.errors.empty()) {
          return EditorPage(desk, signed_in, 422, posted, "", "", "", stored ? &*stored : nullptr);
        }
        const std::string html = render::RenderMarkdown(posted.input.body_markdown);
        const std::int64_t now = news::UnixNow();
        if (posted.id == 0) {
          const auto id = desk.site.store.AddArticle(posted.input, html, now, signed_in.user.id);
          desk.site.pages.Invalidate();
          RecordAction(
              desk, signed_in, "article.create", "article " + std::to_string(id),
              posted.input.title + " (" + std::string(news::ToString(posted.input.status)) + ")");
          return Response::Redirect(303, "/admin/articles/" + std::to_string(id) + "?saved=1");
        }
        const auto outcome = desk.site.store.UpdateArticle(
            posted.id, posted.input, html, now, {signed_in.user.id, posted.base_version}, "saved");
        if (outcome == store::SaveOutcome::kNotFound) {
          return DeskMessage(desk, &signed_in, 404, "No such article",
                             "The article is gone (or in the trash); nothing was saved.");
        }
        if (outcome == store::SaveOutcome::kConflict) {
          // Keep the editor's text in the form, nothing overwritten; they merge by hand.
          return EditorPage(
              desk, signed_in, 409, posted, "",
              "Someone saved this article after you opened it (perhaps you, in "
              "another tab). Your text is below, not saved. Open the article in a new "
              "tab to see the stored version, copy over what you need, and save "
              "there.",
              "", &*stored);
        }
        DropPagesAfterSave(desk, *stored);
        RecordAction(
            desk, signed_in, "article.save", "article " + std::to_string(posted.id),
            posted.input.title + " (" + std::string(news::ToString(posted.input.status)) + ")");
        return Response::Redirect(303, "/admin/articles/" + std::to_string(posted.id) + "?saved=1");
      });
}

Response ServePreview(const DeskContext& desk, const http::Request& request) {
  return DeskAction(
      desk, request, news::Role::kContributor,
      [&](const SignedIn& signed_in, const http::Form& form) -> Response {
        std::string body;
        for (char c : form.Single("body").value_or("")) {
          if (c != '\r') body.push_back(c);
        }
        if (body.size() > news::kMaxBodyLength) {
          const std::string too_long =
              "The body is longer than " + std::to_string(news::kMaxBodyLength) + " characters.";
          if (WantsJson(request)) return JsonError(413, too_long);
          PostedArticle posted = ReadPostedArticle(desk, signed_in, form);
          return EditorPage(desk, signed_in, 413, posted, "", too_long, "", nullptr);
        }
        const std::string html = render::RenderMarkdown(news::StripControlCharacters(body));
        if (WantsJson(request)) {
          Response response =
              Response::Text(200, boost::json::serialize(boost::json::object{{"html", html}}));
          response.SetHeader("Content-Type", "application/json");
          return response;
        }
        // Without JavaScript: the editor again, with the preview under it.
        PostedArticle posted = ReadPostedArticle(desk, signed_in, form);
        posted.errors.clear();  // a preview is not a save: no complaints yet
        return EditorPage(desk, signed_in, 200, posted, "", "", html.empty() ? "<p></p>" : html,
                          nullptr);
      });
}

Response ServeTrashArticle(const DeskContext& desk, const http::Request& request) {
  return DeskAction(desk, request, news::Role::kContributor,
                    [&](const SignedIn& signed_in, const http::Form& form) -> Response {
                      const std::int64_t id = PositiveId(form.Single("id").value_or(""));
                      auto editable = FindEditable(desk, signed_in, id);
                      if (editable.refusal) return std::move(*editable.refusal);
                      if (IsLive(editable.article->status) && !signed_in.may_publish) {
                        return DeskMessage(
                            desk, &signed_in, 403, "Not allowed",
                            "Only an editor can take a published or scheduled article down.");
                      }
                      if (!desk.site.store.TrashArticle(id, news::UnixNow(), signed_in.user.id)) {
                        return DeskMessage(desk, &signed_in, 404, "Already in the trash",
                                           "This article was already in the trash.");
                      }
                      desk.site.pages.Invalidate();
                      RecordAction(desk, signed_in, "article.trash",
                                   "article " + std::to_string(id), editable.article->title);
                      return Response::Redirect(303, "/admin/trash?moved=" + std::to_string(id));
                    });
}

Response ServeRestoreArticle(const DeskContext& desk, const http::Request& request) {
  return DeskAction(desk, request, news::Role::kContributor,
                    [&](const SignedIn& signed_in, const http::Form& form) -> Response {
                      const std::int64_t id = PositiveId(form.Single("id").value_or(""));
                      auto editable = FindEditable(desk, signed_in, id);
                      if (editable.refusal) return std::move(*editable.refusal);
                      // Someone who may not publish gets a draft back, never a live article.
                      if (!desk.site.store.RestoreArticle(id, news::UnixNow(), signed_in.user.id,
                                                          signed_in.may_publish)) {
                        return DeskMessage(desk, &signed_in, 404, "Not in the trash",
                                           "This article is not in the trash.");
                      }
                      desk.site.pages.Invalidate();
                      RecordAction(desk, signed_in, "article.restore",
                                   "article " + std::to_string(id), editable.article->title);
                      return Response::Redirect(
                          303, "/admin/articles/" + std::to_string(id) + "?saved=1");
                    });
}

Response ServeTrashList(const DeskContext& desk, const http::Request& request) {
  return DeskPage(desk, request, news::Role::kContributor, [&](const SignedIn& signed_in) {
    store::ArticleQuery query;
    query.status = "trashed";
    if (signed_in.user.role < news::Role::kEditor) query.author_id = signed_in.user.author.id;
    query.limit = 200;
    const auto found = desk.site.store.ListArticles(query);
    render::TemplateData data;
    render::TemplateData rows = render::TemplateData::type::list;
    for (const auto& article : found.rows) rows << ArticleListItem(article);
    data.set("articles", rows);
    data.set("any", !found.rows.empty());
    data.set("days", std::to_string(desk.settings.trash_s / 86400));
    if (request.QueryParam("moved")) data.set("notice", "Moved to the trash.");
    return DeskHtml(200, RenderDesk(desk, &signed_in, "Trash", "trash", data));
  });
}

}  // namespace broadsheet::site::admin
