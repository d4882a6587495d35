// The pieces of the comment feature that pages share: the list of approved comments as
// template data, the "3 comments" wording, the form (rendered from templates/comment_form
// with what the reader typed, their errors and a challenge), and minting challenges.
// Thread-safe.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "news/comment.h"
#include "render/template_set.h"
#include "security/captcha_token.h"
#include "site/site_context.h"
#include "store/store.h"

namespace broadsheet::site {

// Comments shown on the article page itself; more are on /.../comments?page=N.
inline constexpr int kCommentsPerPage = 50;

// Whether readers may no longer comment on the article now: its mode is closed, or the store
// setting comments.close_after_days has passed since publication.
bool CommentsClosedNow(const SiteContext& context, const store::ArticleRow& article);
// When its comments close by age (unix seconds), 0 when they never do.
std::int64_t CommentsCloseTime(const SiteContext& context, const store::ArticleRow& article);

// After this node changed which comments of `article_ids` are shown: drops the pages showing
// those comments and counts them again for the listing cards, at once (other nodes, and this
// one's next poll, hear of it from the store). A store that does not answer the count is
// logged: the poll counts again.
void CommentsChanged(const SiteContext& context, const std::vector<std::int64_t>& article_ids);

render::TemplateData CommentItems(const std::vector<store::CommentRow>& comments);

// A security code for the form: its token and, for an image, where to fetch it.
struct Challenge {
  security::CaptchaClaims claims;
  std::string token;
  std::string image_url;  // image kind
  std::string audio_url;
  std::string salt;       // proof-of-work kind: find n with SHA-256(salt + n) = challenge
  std::string challenge;
  std::int64_t max_number = 0;
};
// `address_key`: the requester's AddressKey; the code works only from that address.
Challenge MintChallenge(const SiteContext& context, security::ChallengeKind kind,
                        const std::string& address_key);

// The kind editors chose (setting captcha.kind).
security::ChallengeKind ConfiguredChallengeKind(const SiteContext& context);

struct CommentFormView {
  std::string action;  // the POST address
  news::CommentForm values;
  news::FieldErrors errors;  // field "form" is shown above the fields
  const Challenge* challenge = nullptr;  // none: the page's script fetches one
};
std::string RenderCommentForm(const SiteContext& context, const CommentFormView& view);

}  // namespace broadsheet::site
