#include "site/comment_section.h"

#include <sodium.h>
#include <spdlog/spdlog.h>

#include <charconv>

#include "news/calendar.h"
#include "news/site_setting.h"
#include "render/captcha_image.h"
#include "render/comment_text.h"
#include "site/listing_facts.h"

namespace broadsheet::site {
namespace {

constexpr int kImageAnswerLength = 6;

std::string Sha256Hex(const std::string& text) {
  std::array<unsigned char, crypto_hash_sha256_BYTES> digest{};
  crypto_hash_sha256(digest.data(), reinterpret_cast<const unsigned char*>(text.data()),
                     text.size());
  std::string hex(digest.size() * 2 + 1, '\0');
  sodium_bin2hex(hex.data(), hex.size(), digest.data(), digest.size());
  hex.pop_back();
  return hex;
}

std::int64_t CloseAfterDays(const SiteContext& context) {
  const std::string text = context.listings.Current()->Setting(news::kCloseAfterDaysSetting);
  std::int64_t days = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), days);
  return error == std::errc() && days > 0 ? days : 0;
}

}  // namespace

std::int64_t CommentsCloseTime(const SiteContext& context, const store::ArticleRow& article) {
  return news::CommentsCloseAt(article.published_at, CloseAfterDays(context));
}

void CommentsChanged(const SiteContext& context, const std::vector<std::int64_t>& article_ids) {
  std::vector<render::PageShows> shown;
  for (const std::int64_t id : article_ids) shown.push_back(render::PageShows::CommentsOf(id));
  context.pages.InvalidateShowing(shown);
  try {
    for (const std::int64_t id : article_ids) context.comment_counts.Recount(context.store, id);
  } catch (const std::exception& error) {
    spdlog::warn("cannot count comments again, the next poll will: {}", error.what());
  }
}

bool CommentsClosedNow(const SiteContext& context, const store::ArticleRow& article) {
  return news::CommentsClosed(article.comment_mode, article.published_at, CloseAfterDays(context),
                              news::UnixNow());
}

render::TemplateData CommentItems(const std::vector<store::CommentRow>& comments) {
  render::TemplateData list{render::TemplateData::type::list};
  for (const store::CommentRow& comment : comments) {
    render::TemplateData item;
    item.set("id", std::to_string(comment.id));
    item.set("name", comment.name);
    item.set("has_url", !comment.url.empty());
    item.set("url", comment.url);
    item.set("date_iso", news::IsoTimestamp(comment.created_at));
    item.set("date_human", news::HumanDate(comment.created_at));
    item.set("body_html", render::CommentHtml(comment.body));
    list << item;
  }
  return list;
}

security::ChallengeKind ConfiguredChallengeKind(const SiteContext& context) {
  const auto kind = context.store.ReadSetting(std::string(news::kChallengeSetting));
  return kind && *kind == "pow" ? security::ChallengeKind::kProofOfWork
                                : security::ChallengeKind::kImage;
}

Challenge MintChallenge(const SiteContext& context, security::ChallengeKind kind,
                        const std::string& address_key) {
  Challenge challenge;
  std::string answer;
  if (kind == security::ChallengeKind::kImage) {
    answer = security::RandomCaptchaAnswer(render::kCaptchaAlphabet, kImageAnswerLength);
  } else {
    challenge.max_number = context.comments.pow_max_number;
    answer = std::to_string(
        randombytes_uniform(static_cast<std::uint32_t>(challenge.max_number + 1)));
  }
  challenge.token = context.guards.captcha.Mint(kind, answer, address_key, news::UnixNowMs(),
                                                context.comments.token_ttl_ms, &challenge.claims);
  if (kind == security::ChallengeKind::kImage) {
    challenge.image_url = "/captcha/image?token=" + challenge.token;
    challenge.audio_url = "/captcha/audio?token=" + challenge.token;
  } else {
    challenge.salt = challenge.claims.nonce;
    challenge.challenge = Sha256Hex(challenge.salt + answer);
  }
  return challenge;
}

std::string RenderCommentForm(const SiteContext& context, const CommentFormView& view) {
  render::TemplateData data;
  data.set("action", view.action);
  data.set("name", view.values.name);
  data.set("email", view.values.email);
  data.set("url", view.values.url);
  data.set("comment", view.values.body);
  data.set("honeypot", context.comments.honeypot_field);
  for (const news::FieldError& error : view.errors) {
    data.set((error.field == "form" ? std::string("form") : error.field) + "_error",
             error.message);
  }
  if (view.challenge) {
    data.set("captcha_token", view.challenge->token);
    data.set("captcha_image_url", view.challenge->image_url);
    data.set("captcha_audio_url", view.challenge->audio_url);
  }
  return context.templates.Render("comment_form", data);
}

}  // namespace broadsheet::site
