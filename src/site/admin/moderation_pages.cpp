#include "site/admin/moderation_pages.h"

#include <map>
#include <set>

#include "news/calendar.h"
#include "site/admin/desk_session.h"
#include "site/comment_section.h"
#include "site/page_data.h"

namespace broadsheet::site::admin {
namespace {

using http::Response;
using render::TemplateData;

constexpr int kQueueLength = 50;
// One form holds at most this many checked comments (the form parser takes 64 fields).
constexpr std::size_t kMaxBulk = 50;

struct Queue {
  const char* name;
  const char* label;
  store::CommentFilter filter;
};
constexpr Queue kQueues[] = {{"pending", "Pending", store::CommentFilter::kPending},
                             {"reported", "Reported", store::CommentFilter::kReported},
                             {"spam", "Spam", store::CommentFilter::kSpam}};

const Queue& QueueNamed(std::string_view name) {
  for (const Queue& queue : kQueues) {
    if (queue.name == name) return queue;
  }
  return kQueues[0];
}

enum class Verb { kApprove, kReject, kSpam, kDelete };

std::optional<Verb> ParseVerb(std::string_view text) {
  if (text == "approve") return Verb::kApprove;
  if (text == "reject") return Verb::kReject;
  if (text == "spam") return Verb::kSpam;
  if (text == "delete") return Verb::kDelete;
  return std::nullopt;
}

const char* VerbName(Verb verb) {
  switch (verb) {
    case Verb::kApprove:
      return "approve";
    case Verb::kReject:
      return "reject";
    case Verb::kSpam:
      return "spam";
    case Verb::kDelete:
      return "delete";
  }
  return "";
}

bool Apply(store::Store& store, Verb verb, std::int64_t id) {
  switch (verb) {
    case Verb::kApprove:
      return store.SetCommentStatus(id, news::CommentStatus::kApproved);
    case Verb::kReject:
      return store.SetCommentStatus(id, news::CommentStatus::kRejected);
    case Verb::kSpam:
      return store.SetCommentStatus(id, news::CommentStatus::kSpam);
    case Verb::kDelete:
      return store.DeleteComment(id);
  }
  return false;
}

Response QueuePage(const DeskContext& desk, const SignedIn& signed_in, const Queue& queue,
                   const std::string& notice) {
  TemplateData data;
  TemplateData tabs{TemplateData::type::list};
  for (const Queue& each : kQueues) {
    TemplateData tab;
    tab.set("url", std::string("/admin/comments?queue=") + each.name);
    tab.set("label", each.label);
    tab.set("current", &each == &queue);
    tabs << tab;
  }
  data.set("tabs", tabs);
  data.set("queue", queue.name);
  data.set("queue_label", queue.label);
  // Each article is read once, however many of its comments wait.
  std::map<std::int64_t, std::optional<store::ArticleRow>> articles;
  TemplateData rows{TemplateData::type::list};
  const auto comments = desk.site.store.ListComments(queue.filter, kQueueLength);
  for (const store::CommentRow& comment : comments) {
    auto& article = articles[comment.article_id];
    if (!article) article = desk.site.store.FindArticle(comment.article_id);
    TemplateData row;
    const std::string id = std::to_string(comment.id);
    row.set("id", id);
    row.set("name", comment.name);
    row.set("email", comment.email);
    row.set("has_email", !comment.email.empty());
    row.set("url", comment.url);
    row.set("has_url", !comment.url.empty());
    row.set("body", comment.body);
    row.set("status", std::string(news::ToString(comment.status)));
    row.set("reason", comment.hold_reason.empty() ? std::string("—") : comment.hold_reason);
    row.set("reports", std::to_string(comment.reports));
    row.set("when", news::HumanDate(comment.created_at));
    row.set("article_title", article ? article->title : std::string("(deleted article)"));
    const bool live = article && article->status == news::ArticleStatus::kPublished;
    row.set("has_article_url", live);
    row.set("article_url", live ? ArticlePath(*article) : std::string());
    for (const char* verb : {"approve", "reject", "spam", "delete"}) {
      row.set(std::string(verb) + "_value", std::string(verb) + ":" + id);
    }
    rows << row;
  }
  data.set("comments", rows);
  data.set("any", !comments.empty());
  if (!notice.empty()) data.set("notice", notice);
  return DeskHtml(200, RenderDesk(desk, &signed_in, "Comments", "comments", data));
}

}  // namespace

Response ServeModerationQueue(const DeskContext& desk, const http::Request& request) {
  return DeskPage(desk, request, news::Role::kEditor, [&](const SignedIn& signed_in) {
    const Queue& queue = QueueNamed(request.QueryParam("queue").value_or("pending"));
    std::string notice;
    if (const auto done = request.QueryParam("done")) {
      notice = std::to_string(PositiveId(*done)) + " comment(s) updated.";
    }
    return QueuePage(desk, signed_in, queue, notice);
  });
}

Response ServeModerationAction(const DeskContext& desk, const http::Request& request) {
  return DeskAction(
      desk, request, news::Role::kEditor,
      [&](const SignedIn& signed_in, const http::Form& form) -> Response {
        const Queue& queue = QueueNamed(form.Single("queue").value_or("pending"));
        const std::string act = form.Single("act").value_or("");
        // "approve" applies to the checked comments; "approve:12" to comment 12 alone.
        const auto colon = act.find(':');
        const auto verb = ParseVerb(std::string_view(act).substr(0, colon));
        std::set<std::int64_t> ids;
        if (colon != std::string::npos) {
          ids.insert(PositiveId(std::string_view(act).substr(colon + 1)));
        } else {
          for (const auto& [name, value] : form.fields) {
            if (name == "id") ids.insert(PositiveId(value));
          }
        }
        ids.erase(0);
        if (!verb || ids.empty() || ids.size() > kMaxBulk) {
          return DeskMessage(desk, &signed_in, 422, "Nothing to do",
                             "Tick one or more comments (at most " + std::to_string(kMaxBulk) +
                                 ") and choose what to do with them. Nothing was changed.");
        }
        // Up to 50 durable writes and as many audit entries: on the worker pool, never on an
        // I/O thread.
        const DeskContext* context = &desk;
        return DeskDeferred([context, signed_in, ids, verb = *verb,
                             queue_name = std::string(queue.name)]() -> Response {
          const DeskContext& desk = *context;
          int done = 0;
          std::vector<std::int64_t> changed;
          for (const std::int64_t id : ids) {
            const auto comment = desk.site.store.FindComment(id);
            if (!comment || !Apply(desk.site.store, verb, id)) continue;
            ++done;
            changed.push_back(comment->article_id);
            RecordAction(desk, signed_in, std::string("comment.") + VerbName(verb),
                         "comment " + std::to_string(id));
          }
          // This node's pages showing those comments change at once; other nodes hear of it
          // from the store.
          CommentsChanged(desk.site, changed);
          return Response::Redirect(
              303, "/admin/comments?queue=" + queue_name + "&done=" + std::to_string(done));
        });
      });
}

Response ServeCommentMode(const DeskContext& desk, const http::Request& request) {
  return DeskAction(
      desk, request, news::Role::kEditor,
      [&](const SignedIn& signed_in, const http::Form& form) -> Response {
        const std::int64_t id = PositiveId(form.Single("id").value_or(""));
        const auto mode = news::ParseCommentMode(form.Single("mode").value_or("-"));
        if (!mode) {
          return DeskMessage(desk, &signed_in, 422, "Unknown mode",
                             "Choose the site's mode, open, held or closed. Nothing was changed.");
        }
        if (id == 0 || !desk.site.store.SetCommentMode(id, *mode)) {
          return DeskMessage(desk, &signed_in, 404, "No such article",
                             "There is no such article; nothing was changed.");
        }
        desk.site.pages.InvalidateShowing({render::PageShows::CommentsOf(id)});
        RecordAction(desk, signed_in, "article.comments", "article " + std::to_string(id),
                     *mode == news::CommentMode::kSite ? std::string("site's mode")
                                                       : std::string(news::ToString(*mode)));
        return Response::Redirect(303, "/admin/articles/" + std::to_string(id) + "?saved=1");
      });
}

}  // namespace broadsheet::site::admin
