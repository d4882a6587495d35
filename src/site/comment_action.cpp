#include "site/comment_action.h"

#include <boost/json/serialize.hpp>
#include <boost/json/value.hpp>
#include <charconv>

#include "news/calendar.h"
#include "news/site_setting.h"
#include "site/captcha_routes.h"
#include "site/comment_section.h"
#include "site/error_pages.h"
#include "site/page_data.h"
#include "site/public_forms.h"

namespace broadsheet::site {
namespace {

constexpr int kMaxFormFields = 16;

std::optional<store::ArticleRow> PublishedArticle(const SiteContext& context, std::int64_t id) {
  if (id == 0) return std::nullopt;
  auto article = context.store.FindArticle(id);
  if (!article || article->status != news::ArticleStatus::kPublished) return std::nullopt;
  return article;
}

// The form page: the form with what the reader typed, their errors and a fresh image code.
http::Response FormPage(const SiteContext& context, const http::Request& request,
                        const store::ArticleRow& article, int status,
                        const news::CommentForm& values, const news::FieldErrors& errors) {
  const std::string path = ArticlePath(article);
  render::TemplateData content;
  content.set("title", article.title);
  content.set("article_url", path);
  if (CommentsClosedNow(context, article)) {
    content.set("comments_closed", true);
  } else {
    const std::string address_key = AddressKey(context, request);
    // The form page mints an image code: it counts against the same allowance as
    // /captcha/new.
    if (auto refused = CaptchaAllowanceExceeded(context, address_key)) return std::move(*refused);
    const Challenge challenge =
        MintChallenge(context, security::ChallengeKind::kImage, address_key);
    content.set("form_html",
                RenderCommentForm(context, CommentFormView{.action = path + "/comments",
                                                           .values = values,
                                                           .errors = errors,
                                                           .challenge = &challenge}));
  }
  PageMeta meta{.title = "Add a comment — " + article.title,
                .description = "Add a comment to " + article.title,
                .canonical_path = path + "/comment",
                .current_category_slug = article.category.slug};
  auto response = http::Response::Html(
      status, RenderPage(context, SiteOrigin(context.settings, request), meta, "comment_page",
                         content));
  response.SetHeader("Cache-Control", "no-store");
  return response;
}

// 422 and friends: JSON for script, else the form page again.
http::Response Refuse(const SiteContext& context, const http::Request& request,
                      const store::ArticleRow& article, int status,
                      const news::CommentForm& values, const news::FieldErrors& errors) {
  if (WantsJson(request)) {
    boost::json::object fields;
    for (const auto& error : errors) fields[error.field] = error.message;
    http::Response response;
    response.status = status;
    response.body = boost::json::serialize(boost::json::object{{"errors", fields}}) + "\n";
    response.SetHeader("Content-Type", "application/json");
    response.SetHeader("Cache-Control", "no-store");
    return response;
  }
  return FormPage(context, request, article, status, values, errors);
}

// Checks the security code and uses it up (every submission, right or wrong, except one from
// another address than the code's, which is refused without spending it: it may not be this
// sender's to spend). Returns the field error, or empty when the answer is right.
// `issued_ms` gets the token's issue time.
std::string CheckChallenge(const SiteContext& context, const http::Form& form,
                           const std::string& address_key, std::int64_t now_ms,
                           std::int64_t& issued_ms) {
  const auto token = form.Single("captcha_token");
  if (!token || token->empty()) {
    return "The security code is missing: please reload the page and type the new code.";
  }
  const auto claims = context.guards.captcha.Open(*token);
  if (!claims) return "This security code is not valid: please type the new code below.";
  issued_ms = claims->issued_ms;
  if (claims->expires_ms < now_ms) {
    return "This security code has expired: please type the new code below.";
  }
  if (claims->address_key != address_key) {
    // Fetched from another address: codes are not to be gathered on one machine and spent
    // from many. (A reader whose address changed mid-comment types the new code.)
    return "This security code was issued to another network address: please type the new "
           "code below.";
  }
  if (!context.store.UseNonce(claims->nonce, claims->expires_ms, now_ms)) {
    return "This security code was already used: please type the new code below.";
  }
  const auto answer = form.Single("captcha_answer");
  if (!answer || answer->empty()) return "Please type the security code.";
  if (!security::CaptchaSealer::AnswerMatches(*answer, claims->answer)) {
    return "The security code did not match: please try the new code below.";
  }
  return {};
}

// Why a valid comment waits for an editor, or empty when the moderation setting decides.
std::string HoldReason(const SiteContext& context, const http::Form& form,
                       const news::CommentForm& values) {
  const auto honeypot = form.Single(context.comments.honeypot_field);
  if (honeypot && !honeypot->empty()) return "honeypot field filled";
  if (news::CountLinks(values.body + " " + values.name) > context.comments.max_links) {
    return "more than " + std::to_string(context.comments.max_links) + " links";
  }
  if (const auto word = news::FindBlockedWord(values, context.comments.blocklist); !word.empty()) {
    return "blocklist: " + word;
  }
  return {};
}

news::CommentStatus ModeratedStatus(const SiteContext& context, const store::ArticleRow& article,
                                    const std::string& reader_id) {
  // The article's own mode, when it has one, overrides the site's.
  if (article.comment_mode == news::CommentMode::kOpen) return news::CommentStatus::kApproved;
  if (article.comment_mode == news::CommentMode::kHeld) return news::CommentStatus::kPending;
  const auto mode = news::ParseModerationMode(
      context.store.ReadSetting(std::string(news::kModerationSetting)).value_or("open"));
  switch (mode.value_or(news::ModerationMode::kOpen)) {
    case news::ModerationMode::kOpen: return news::CommentStatus::kApproved;
    case news::ModerationMode::kHeld: return news::CommentStatus::kPending;
    case news::ModerationMode::kKnown:
      return context.store.HasApprovedComment(reader_id) ? news::CommentStatus::kApproved
                                                          : news::CommentStatus::kPending;
  }
  return news::CommentStatus::kPending;
}

http::Response TooMany(const SiteContext& context, const http::Request& request,
                       const store::ArticleRow& article, const news::CommentForm& values,
                       std::chrono::seconds retry_after) {
  const std::string wait = RetryAfterSeconds(retry_after);
  http::Response response =
      Refuse(context, request, article, 429, values,
             {{"form", "Too many comments in a short time. Please wait " + wait +
                           " seconds and send it again."}});
  response.SetHeader("Retry-After", wait);
  return response;
}

}  // namespace

http::Response ServeCommentFormPage(const SiteContext& context, const http::Request& request) {
  const auto article = PublishedArticle(context, ArticleIdBefore(request.path, "/comment"));
  if (!article) return NotFoundPage(context, request);
  return FormPage(context, request, *article, 200, {}, {});
}

http::Response ServeCommentPost(const SiteContext& context, const http::Request& request) {
  const auto article = PublishedArticle(context, ArticleIdBefore(request.path, "/comments"));
  if (!article) {
    if (WantsJson(request)) return JsonError(404, "There is no such article.");
    return NotFoundPage(context, request);
  }
  if (IsCrossSite(context, request)) {
    return Refuse(context, request, *article, 403, {},
                  {{"form", "This comment came from another site's page, so it was not posted."}});
  }
  if (CommentsClosedNow(context, *article)) {
    constexpr const char* kClosed = "Comments are closed on this article: nothing was posted.";
    if (WantsJson(request)) return JsonError(403, kClosed);
    return FormPage(context, request, *article, 403, {}, {});
  }
  const ParsedForm parsed = ParseFormBody(request);
  if (!parsed.error.empty() || parsed.form.fields.size() > kMaxFormFields) {
    return Refuse(context, request, *article, 400, {},
                  {{"form", parsed.error.empty() ? "The form has too many fields." : parsed.error}});
  }
  const http::Form& form = parsed.form;
  for (const char* field : {"name", "email", "url", "comment", "captcha_token", "captcha_answer"}) {
    if (form.Count(field) > 1) {
      return Refuse(context, request, *article, 400, {},
                    {{"form", std::string("The field ") + field + " was sent more than once."}});
    }
  }
  news::CommentForm values{form.Single("name").value_or(""), form.Single("email").value_or(""),
                           form.Single("url").value_or(""), form.Single("comment").value_or("")};

  const Reader reader = IdentifyReader(context, request);
  const std::string address_key = AddressKey(context, request);
  const auto by_address = context.guards.comments_per_address.Allow(address_key);
  if (!by_address.allowed)
    return TooMany(context, request, *article, values, by_address.retry_after);
  const auto by_reader = context.guards.comments_per_reader.Allow(reader.id);
  if (!by_reader.allowed) return TooMany(context, request, *article, values, by_reader.retry_after);

  news::FieldErrors errors = news::NormalizeAndValidate(values);
  const std::int64_t now_ms = news::UnixNowMs();
  std::int64_t issued_ms = now_ms;
  if (const std::string captcha_error =
          CheckChallenge(context, form, address_key, now_ms, issued_ms);
      !captcha_error.empty()) {
    errors.push_back({"captcha", captcha_error});
  } else if (now_ms - issued_ms < context.comments.min_fill_ms) {
    errors.push_back({"form", "That was quicker than anyone can read and write: please check "
                              "your comment and send it again with the new code."});
  }
  const std::int64_t now = now_ms / 1000;
  if (errors.empty() &&
      context.store.HasRecentDuplicate(article->id, reader.id, values.body,
                                       now - context.comments.duplicate_window_s)) {
    errors.push_back({"comment", "You already posted this comment."});
  }
  if (!errors.empty()) {
    http::Response refused = Refuse(context, request, *article, 422, values, errors);
    FinishFormResponse(refused, reader);
    return refused;
  }

  store::CommentRow comment;
  comment.article_id = article->id;
  comment.reader_id = reader.id;
  comment.name = values.name;
  comment.email = values.email;
  comment.url = values.url;
  comment.body = values.body;
  comment.created_at = now;
  comment.hold_reason = HoldReason(context, form, values);
  if (comment.hold_reason.empty()) {
    comment.status = ModeratedStatus(context, *article, reader.id);
    if (comment.status == news::CommentStatus::kPending) comment.hold_reason = "moderation";
  } else {
    comment.status = news::CommentStatus::kPending;
  }
  const auto id = context.store.AddComment(comment);
  if (!id) return NotFoundPage(context, request);
  const bool shown = comment.status == news::CommentStatus::kApproved;
  // This node's pages show it at once (only those showing the article's comments); other
  // nodes hear of it from the store.
  if (shown) CommentsChanged(context, {comment.article_id});

  http::Response response;
  if (WantsJson(request)) {
    response.status = 201;
    response.body =
        boost::json::serialize(boost::json::object{
            {"id", *id},
            {"status", shown ? "published" : "held"},
            {"message", shown ? "Thank you: your comment is published."
                              : "Thank you: your comment is awaiting moderation."}}) +
        "\n";
    response.SetHeader("Content-Type", "application/json");
  } else {
    response = http::Response::Redirect(
        303, ArticlePath(*article) + (shown ? "?commented=" + std::to_string(*id) + "#comment-" +
                                                  std::to_string(*id)
                                            : std::string("?commented=held#comments")));
  }
  FinishFormResponse(response, reader);
  return response;
}

http::Response ServeCommentsPage(const SiteContext& context, const http::Request& request) {
  const auto article = PublishedArticle(context, ArticleIdBefore(request.path, "/comments"));
  if (!article) return NotFoundPage(context, request);
  int page = 1;
  if (const auto text = request.QueryParam("page")) {
    const auto [end, error] = std::from_chars(text->data(), text->data() + text->size(), page);
    if (error != std::errc() || end != text->data() + text->size() || page < 1) {
      return http::Response::Text(400, "The page number must be a whole number from 1.\n");
    }
  }
  const std::int64_t pages =
      std::max<std::int64_t>(1, (article->comment_count + kCommentsPerPage - 1) / kCommentsPerPage);
  if (page > pages) return NotFoundPage(context, request);
  const std::string path = ArticlePath(*article);
  render::TemplateData content;
  content.set("title", article->title);
  content.set("article_url", path);
  content.set("comments", CommentItems(context.store.ListApprovedComments(
                              article->id, (page - 1) * kCommentsPerPage, kCommentsPerPage)));
  content.set("first_number", std::to_string((page - 1) * kCommentsPerPage + 1));
  content.set("page", std::to_string(page));
  content.set("pages", std::to_string(pages));
  content.set("has_prev", page > 1);
  content.set("prev_url", path + "/comments?page=" + std::to_string(page - 1));
  content.set("has_next", page < pages);
  content.set("next_url", path + "/comments?page=" + std::to_string(page + 1));
  content.set("comment_form_url", path + "/comment");
  content.set("comments_closed", CommentsClosedNow(context, *article));
  PageMeta meta{.title = "Comments, page " + std::to_string(page) + " — " + article->title,
                .description = "Readers' comments on " + article->title,
                .canonical_path = path + "/comments?page=" + std::to_string(page),
                .current_category_slug = article->category.slug};
  auto response = http::Response::Html(
      200, RenderPage(context, SiteOrigin(context.settings, request), meta, "comments_page",
                      content));
  response.SetHeader("Cache-Control", "no-cache");
  return response;
}

http::Response ServeCommentReport(const SiteContext& context, const http::Request& request) {
  // "/comments/{id}/report"
  constexpr std::string_view kPrefix = "/comments/";
  constexpr std::string_view kSuffix = "/report";
  const std::string_view path = request.path;
  std::int64_t id = 0;
  if (path.starts_with(kPrefix) && path.ends_with(kSuffix) &&
      path.size() > kPrefix.size() + kSuffix.size()) {
    const auto digits = path.substr(kPrefix.size(), path.size() - kPrefix.size() - kSuffix.size());
    const auto [end, error] = std::from_chars(digits.data(), digits.data() + digits.size(), id);
    if (error != std::errc() || end != digits.data() + digits.size()) id = 0;
  }
  const auto comment = id > 0 ? context.store.FindComment(id) : std::nullopt;
  if (!comment || comment->status != news::CommentStatus::kApproved) {
    if (WantsJson(request)) return JsonError(404, "There is no such comment.");
    return NotFoundPage(context, request);
  }
  if (IsCrossSite(context, request)) {
    return JsonError(403, "This report came from another site's page, so it was not counted.");
  }
  const std::string address_key = AddressKey(context, request);
  if (const auto allowed = context.guards.reports_per_address.Allow(address_key);
      !allowed.allowed) {
    const std::string wait = RetryAfterSeconds(allowed.retry_after);
    http::Response refused =
        JsonError(429, "Too many reports in a short time. Please wait " + wait + " seconds.");
    refused.SetHeader("Retry-After", wait);
    return refused;
  }
  const Reader reader = IdentifyReader(context, request);
  const store::ReportOutcome outcome = context.store.ReportComment(
      id, reader.id, address_key, context.comments.report_threshold, news::UnixNow());
  if (outcome.held) {
    CommentsChanged(context, {comment->article_id});
  }
  http::Response response;
  const char* message = "Thank you: an editor will look at this comment.";
  if (WantsJson(request)) {
    response.status = 200;
    response.body = boost::json::serialize(boost::json::object{
                        {"reported", true}, {"counted", outcome.counted}, {"message", message}}) +
                    "\n";
    response.SetHeader("Content-Type", "application/json");
  } else {
    const auto article = context.store.FindArticle(comment->article_id);
    response = http::Response::Redirect(
        303, (article ? ArticlePath(*article) : std::string("/")) + "?commented=reported#comments");
  }
  FinishFormResponse(response, reader);
  return response;
}

}  // namespace broadsheet::site
