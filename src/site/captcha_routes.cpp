#include "site/captcha_routes.h"

#include <boost/json/serialize.hpp>
#include <boost/json/value.hpp>

#include "render/captcha_audio.h"
#include "render/captcha_image.h"
#include "site/comment_section.h"
#include "site/public_forms.h"

namespace broadsheet::site {
namespace {

// The image token in ?token=, or nullopt (a proof-of-work token has nothing to draw).
std::optional<security::CaptchaClaims> ImageClaims(const SiteContext& context,
                                                   const http::Request& request) {
  const auto token = request.QueryParam("token");
  if (!token) return std::nullopt;
  auto claims = context.guards.captcha.Open(*token);
  if (!claims || claims->kind != security::ChallengeKind::kImage) return std::nullopt;
  return claims;
}

http::Response Media(std::string body, const char* type) {
  http::Response response;
  response.body = std::move(body);
  response.SetHeader("Content-Type", type);
  response.SetHeader("Cache-Control", "no-store");
  return response;
}

}  // namespace

http::Response ServeNewCaptcha(const SiteContext& context, const http::Request& request) {
  // ?kind=image lets a reader who cannot run the puzzle ask for the image instead.
  const auto asked = request.QueryParam("kind");
  const security::ChallengeKind kind = asked && *asked == "image"
                                           ? security::ChallengeKind::kImage
                                           : ConfiguredChallengeKind(context);
  const Challenge challenge = MintChallenge(context, kind);
  boost::json::object body{{"token", challenge.token}};
  if (kind == security::ChallengeKind::kImage) {
    body["kind"] = "image";
    body["image_url"] = challenge.image_url;
    body["audio_url"] = challenge.audio_url;
  } else {
    body["kind"] = "pow";
    body["algorithm"] = "SHA-256";
    body["salt"] = challenge.salt;
    body["challenge"] = challenge.challenge;
    body["max_number"] = challenge.max_number;
  }
  http::Response response = Media(boost::json::serialize(body) + "\n", "application/json");
  // An uncached answer: the place to give a new reader their cookie (DESIGN.md §4a).
  FinishFormResponse(response, IdentifyReader(context, request));
  return response;
}

http::Response ServeCaptchaImage(const SiteContext& context, const http::Request& request) {
  const auto claims = ImageClaims(context, request);
  if (!claims) return http::Response::Text(404, "No such security code.\n");
  // The nonce seeds the drawing: the same token always looks the same, two tokens differ.
  const std::uint64_t seed = std::stoull(claims->nonce.substr(0, 16), nullptr, 16);
  return Media(render::CaptchaPng(claims->answer, seed), "image/png");
}

http::Response ServeCaptchaAudio(const SiteContext& context, const http::Request& request) {
  const auto claims = ImageClaims(context, request);
  if (!claims) return http::Response::Text(404, "No such security code.\n");
  return Media(render::CaptchaWav(claims->answer), "audio/wav");
}

}  // namespace broadsheet::site
