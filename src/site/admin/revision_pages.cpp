#include "site/admin/revision_pages.h"

#include "news/calendar.h"
#include "render/comment_text.h"
#include "render/markdown.h"
#include "render/text_diff.h"
#include "site/admin/article_form.h"

namespace broadsheet::site::admin {
namespace {

using http::Response;

std::string When(std::int64_t unix_seconds) {
  return news::LocalDateTimeInput(unix_seconds).replace(10, 1, " ");
}

std::string Who(const store::RevisionRow& revision) {
  if (!revision.user_email.empty()) return revision.user_email;
  return revision.note == "published" && revision.user_id == 0 ? "the scheduler"
                                                               : "the command line";
}

// One row of the fields table: the field's two values, marked when they differ.
render::TemplateData FieldRow(const std::string& name, const std::string& before,
                              const std::string& after) {
  render::TemplateData row;
  row.set("name", name);
  row.set("before", before);
  row.set("after", after);
  row.set("changed", before != after);
  return row;
}

}  // namespace

Response RevisionsPage(const DeskContext& desk, const http::Request& request,
                       const SignedIn& signed_in, const store::ArticleRow& article) {
  (void)request;
  const auto revisions = desk.site.store.ListRevisions(article.id);
  render::TemplateData data;
  data.set("id", std::to_string(article.id));
  data.set("title", article.title);
  render::TemplateData rows = render::TemplateData::type::list;
  for (std::size_t i = 0; i < revisions.size(); ++i) {
    const store::RevisionRow& revision = revisions[i];
    render::TemplateData row;
    row.set("revision", std::to_string(revision.id));
    row.set("when", When(revision.created_at));
    row.set("who", Who(revision));
    row.set("note", revision.note);
    row.set("title", revision.fields.title);
    row.set("newest", i == 0);
    row.set("a_checked", i == 1 || (revisions.size() == 1 && i == 0));
    row.set("b_checked", i == 0);
    rows << row;
  }
  data.set("revisions", rows);
  data.set("comparable", revisions.size() > 1);
  return DeskHtml(200,
                  RenderDesk(desk, &signed_in, "Revisions: " + article.title, "revisions", data));
}

Response DiffPage(const DeskContext& desk, const http::Request& request, const SignedIn& signed_in,
                  const store::ArticleRow& article) {
  const auto revisions = desk.site.store.ListRevisions(article.id);
  if (revisions.empty()) {
    return DeskMessage(desk, &signed_in, 404, "No revisions", "This article has no revisions.");
  }
  std::int64_t a_id = PositiveId(request.QueryParam("a").value_or(""));
  std::int64_t b_id = PositiveId(request.QueryParam("b").value_or(""));
  if (b_id == 0) b_id = revisions.front().id;
  if (a_id == 0) a_id = revisions.size() > 1 ? revisions[1].id : revisions.front().id;
  if (a_id > b_id) std::swap(a_id, b_id);  // older on the left
  const auto a = desk.site.store.FindRevision(article.id, a_id);
  const auto b = desk.site.store.FindRevision(article.id, b_id);
  if (!a || !b) {
    return DeskMessage(desk, &signed_in, 404, "No such revision",
                       "One of the revisions asked for does not belong to this article.");
  }
  render::TemplateData data;
  data.set("id", std::to_string(article.id));
  data.set("title", article.title);
  data.set("a", std::to_string(a->id));
  data.set("b", std::to_string(b->id));
  data.set("a_when", When(a->created_at) + " (" + a->note + ", " + Who(*a) + ")");
  data.set("b_when", When(b->created_at) + " (" + b->note + ", " + Who(*b) + ")");
  render::TemplateData fields = render::TemplateData::type::list;
  const news::ArticleInput& before = a->fields;
  const news::ArticleInput& after = b->fields;
  fields << FieldRow("Title", before.title, after.title);
  fields << FieldRow("Slug", before.slug, after.slug);
  fields << FieldRow("Summary", before.summary, after.summary);
  fields << FieldRow("Category", before.category, after.category);
  fields << FieldRow("Tags", news::JoinTags(before.tags), news::JoinTags(after.tags));
  fields << FieldRow("Author", before.author, after.author);
  fields << FieldRow("Status", std::string(news::ToString(before.status)),
                     std::string(news::ToString(after.status)));
  fields << FieldRow("Publication time",
                     before.published_at ? When(before.published_at) : std::string("-"),
                     after.published_at ? When(after.published_at) : std::string("-"));
  data.set("fields", fields);
  data.set("body_diff", render::DiffHtml(before.body_markdown, after.body_markdown));
  return DeskHtml(200, RenderDesk(desk, &signed_in, "Changes: " + article.title, "diff", data));
}

Response ServeRestoreRevision(const DeskContext& desk, const http::Request& request) {
  return DeskAction(
      desk, request, news::Role::kContributor,
      [&](const SignedIn& signed_in, const http::Form& form) -> Response {
        const std::int64_t article_id = PositiveId(form.Single("id").value_or(""));
        const std::int64_t revision_id = PositiveId(form.Single("revision").value_or(""));
        const auto article = article_id ? desk.site.store.FindArticle(article_id) : std::nullopt;
        if (!article || article->status == news::ArticleStatus::kTrashed) {
          return DeskMessage(desk, &signed_in, 404, "No such article",
                             "There is no such article (or it is in the trash).");
        }
        if (!news::MayEditArticle(signed_in.user.role, signed_in.user.author.id,
                                  article->author.id)) {
          return DeskMessage(desk, &signed_in, 403, "Not allowed",
                             "You may restore revisions of your own articles only.");
        }
        const auto revision = desk.site.store.FindRevision(article_id, revision_id);
        if (!revision) {
          return DeskMessage(desk, &signed_in, 404, "No such revision",
                             "That revision does not belong to this article.");
        }
        // The revision's words under the article's current status, time and author:
        // restoring text never publishes, unpublishes or hands the article to someone else
        // (a profile renamed since would otherwise come back as a new one).
        news::ArticleInput input = revision->fields;
        // A picture deleted since (it was unused then) cannot come back with the text.
        const bool picture_gone =
            input.featured_media_id != 0 && !desk.site.store.FindMedia(input.featured_media_id);
        if (picture_gone) {
          input.featured_media_id = 0;
          input.featured_alt.clear();
        }
        input.status = article->status;
        input.published_at = article->published_at;
        input.author = article->author.name;
        if (IsLive(article->status) && !signed_in.may_publish) {
          return DeskMessage(desk, &signed_in, 403, "Not allowed",
                             "Only an editor can change a published or scheduled article.");
        }
        if (!news::NormalizeAndValidate(input, desk.reserved_names).empty()) {
          return DeskMessage(desk, &signed_in, 422, "Cannot restore",
                             "That revision breaks a rule that came later (a category name that "
                             "is now reserved, say). Copy its text by hand instead.");
        }
        const auto outcome = desk.site.store.UpdateArticle(
            article_id, input, render::RenderMarkdown(input.body_markdown), news::UnixNow(),
            {signed_in.user.id, article->version},
            "restored revision " + std::to_string(revision_id));
        if (outcome == store::SaveOutcome::kConflict) {
          return DeskMessage(desk, &signed_in, 409, "Changed meanwhile",
                             "The article was saved by someone else just now. Nothing was "
                             "restored; look at the revisions again.");
        }
        desk.site.pages.Invalidate();
        RecordAction(desk, signed_in, "article.restore_revision",
                     "article " + std::to_string(article_id),
                     "revision " + std::to_string(revision_id) +
                         (picture_gone ? " (its featured picture was deleted since)" : ""));
        return Response::Redirect(303, "/admin/articles/" + std::to_string(article_id) +
                                           (picture_gone ? "?saved=1&picture=gone" : "?saved=1"));
      });
}

}  // namespace broadsheet::site::admin
