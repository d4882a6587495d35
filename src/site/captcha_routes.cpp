#include "site/captcha_routes.h"

#include <boost/json/serialize.hpp>
#include <boost/json/value.hpp>

#include "news/calendar.h"
#include "render/captcha_audio.h"
#include "render/captcha_image.h"
#include "site/comment_section.h"
#include "site/public_forms.h"

namespace broadsheet::site {
namespace {

http::Response Media(std::string body, const char* type) {
  http::Response response;
  response.body = std::move(body);
  response.SetHeader("Content-Type", type);
  response.SetHeader("Cache-Control", "no-store");
  return response;
}

http::Response NoSuchCode(int status, const char* message) {
  http::Response response = http::Response::Text(status, message);
  response.SetHeader("Cache-Control", "no-store");
  return response;
}

}  // namespace

std::optional<http::Response> CaptchaAllowanceExceeded(const SiteContext& context,
                                                       const std::string& address_key) {
  const auto allowed = context.guards.captchas_per_address.Allow(address_key);
  if (allowed.allowed) return std::nullopt;
  const std::string wait = RetryAfterSeconds(allowed.retry_after);
  http::Response refused = NoSuchCode(
      429, "Too many security codes from this address. Please wait a moment and reload.\n");
  refused.SetHeader("Retry-After", wait);
  return refused;
}

namespace {

// The drawing (PNG or WAV) of the image code in ?token=, made on the worker pool: 1.6 ms for
// the PNG and 5 ms under espeak-ng's lock for the WAV are too long for an I/O thread. Refused
// first, on the I/O thread and cheaply: too many requests, a token that is not ours, not an
// image code, expired, or issued to another address.
http::Response ServeCaptchaMedia(const SiteContext& context, const http::Request& request,
                                 bool audio) {
  const std::string address_key = AddressKey(context, request);
  if (auto refused = CaptchaAllowanceExceeded(context, address_key)) return std::move(*refused);
  const auto token = request.QueryParam("token");
  auto claims = token ? context.guards.captcha.Open(*token) : std::nullopt;
  if (!claims || claims->kind != security::ChallengeKind::kImage) {
    return NoSuchCode(404, "No such security code.\n");
  }
  if (claims->expires_ms < news::UnixNowMs()) {
    return NoSuchCode(410, "This security code has expired: reload the form for a new one.\n");
  }
  if (claims->address_key != address_key) {
    return NoSuchCode(404, "No such security code.\n");
  }
  return http::Response::Deferred([answer = claims->answer, nonce = claims->nonce, audio] {
    if (audio) return Media(render::CaptchaWav(answer), "audio/wav");
    // The nonce seeds the drawing: the same token always looks the same, two tokens differ.
    const std::uint64_t seed = std::stoull(nonce.substr(0, 16), nullptr, 16);
    return Media(render::CaptchaPng(answer, seed), "image/png");
  });
}

}  // namespace

http::Response ServeNewCaptcha(const SiteContext& context, const http::Request& request) {
  const std::string address_key = AddressKey(context, request);
  if (auto refused = CaptchaAllowanceExceeded(context, address_key)) return std::move(*refused);
  // ?kind=image lets a reader who cannot run the puzzle ask for the image instead.
  const auto asked = request.QueryParam("kind");
  const security::ChallengeKind kind = asked && *asked == "image"
                                           ? security::ChallengeKind::kImage
                                           : ConfiguredChallengeKind(context);
  const Challenge challenge = MintChallenge(context, kind, address_key);
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
  return ServeCaptchaMedia(context, request, /*audio=*/false);
}

http::Response ServeCaptchaAudio(const SiteContext& context, const http::Request& request) {
  return ServeCaptchaMedia(context, request, /*audio=*/true);
}

}  // namespace broadsheet::site
