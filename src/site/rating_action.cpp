#include "site/rating_action.h"

#include "news/calendar.h"
#include "render/live_numbers.h"
#include "site/article_page.h"
#include "site/error_pages.h"
#include "site/page_data.h"
#include "site/public_forms.h"

namespace broadsheet::site {
namespace {

constexpr const char* kStarsRange = "Stars must be a whole number from 1 to 5.";

// stars=1..5 exactly: digits only, no sign, no fraction.
int ParseStars(std::string_view text) {
  if (text.size() != 1 || text[0] < '1' || text[0] > '5') return 0;
  return text[0] - '0';
}

struct Refusal {
  int status;
  std::string message;
  std::string retry_after;  // for 429
};

http::Response Refuse(const SiteContext& context, const http::Request& request,
                      std::int64_t article_id, const Refusal& refusal) {
  http::Response response =
      WantsJson(request)
          ? JsonError(refusal.status, refusal.message)
          : ArticlePageWithNotice(context, request, article_id, refusal.status,
                                  render::RatingNotice{.error = refusal.message});
  if (!refusal.retry_after.empty()) response.SetHeader("Retry-After", refusal.retry_after);
  return response;
}

// The vote itself, on the worker pool: a durable write waits for its commit.
http::Response RecordRating(const SiteContext& context, const http::Request& request,
                            std::int64_t id, int stars) {
  const auto article = context.store.FindArticle(id);
  if (!article || article->status != news::ArticleStatus::kPublished) {
    if (WantsJson(request)) return JsonError(404, "There is no such article.");
    return NotFoundPage(context, request);
  }
  const Reader reader = IdentifyReader(context, request);
  const auto outcome = context.store.RecordVote(id, reader.id, stars, news::UnixNow());
  if (!outcome) return Refuse(context, request, id, {404, "There is no such article."});
  // Before answering: this node's pages show the vote from now on.
  context.ratings.Apply(outcome->totals);

  http::Response response;
  if (WantsJson(request)) {
    response.status = 200;
    response.body = render::RatingJson(outcome->totals.sum, outcome->totals.count, stars) + "\n";
    response.SetHeader("Content-Type", "application/json");
  } else {
    response = http::Response::Redirect(
        303, ArticlePath(*article) + "?rated=" + std::to_string(stars) + "#rating");
  }
  FinishFormResponse(response, reader);
  return response;
}

}  // namespace

http::Response ServeRatingPost(const SiteContext& context, const http::Request& request) {
  const std::int64_t id = ArticleIdBefore(request.path, "/rating");
  if (id == 0) {
    if (WantsJson(request)) return JsonError(404, "There is no such article.");
    return NotFoundPage(context, request);
  }
  if (IsCrossSite(context, request)) {
    return Refuse(context, request, id,
                  {403, "This rating came from another site, so it was not counted."});
  }
  const ParsedForm parsed = ParseFormBody(request);
  if (!parsed.error.empty()) return Refuse(context, request, id, {400, parsed.error});
  const int given = parsed.form.Count("stars");
  if (given == 0) return Refuse(context, request, id, {400, "Choose a number of stars."});
  if (given > 1) return Refuse(context, request, id, {400, "Give stars only once."});
  const int stars = ParseStars(*parsed.form.Single("stars"));
  if (stars == 0) return Refuse(context, request, id, {422, kStarsRange});

  const security::RateDecision decision =
      context.guards.votes_per_address.Allow(AddressKey(context, request));
  if (!decision.allowed) {
    const std::string wait = RetryAfterSeconds(decision.retry_after);
    return Refuse(context, request, id,
                  {429, "Too many votes from your network in a short time. Please try again in " +
                            wait + " seconds.",
                   wait});
  }

  return http::Response::Deferred([&context, copy = http::CopyRequest(request), id, stars] {
    return RecordRating(context, *copy, id, stars);
  });
}

}  // namespace broadsheet::site
