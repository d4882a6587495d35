// Fuzz target for the back office's small parsers of untrusted form fields: the e-mail address
// of a sign-in (news::NormalizeEmail), the editor's publication time (ParseLocalDateTime) and
// tags (SplitTags), the sign-in cookie's value (SignInTokens::StoredHash) and the password
// strength check (security::PasswordWeakness, zxcvbn underneath). The input is split at its
// first three newlines into those fields; the rest is the password.
#include <string>
#include <string_view>

#include "fuzz_check.h"
#include "fuzz_targets.h"
#include "news/article.h"
#include "news/calendar.h"
#include "news/slug.h"
#include "news/user.h"
#include "security/password.h"
#include "security/signin_token.h"

namespace broadsheet::fuzz {
namespace {

std::string_view NextField(std::string_view& rest) {
  const auto newline = rest.find('\n');
  const std::string_view field = rest.substr(0, newline);
  rest = newline == std::string_view::npos ? std::string_view() : rest.substr(newline + 1);
  return field;
}

}  // namespace

int FuzzDeskFields(const std::uint8_t* data, std::size_t size) {
  static const bool utc = news::SetProcessTimeZone("UTC");
  Require(utc, "the fuzz target runs in UTC");
  std::string_view rest = AsText(data, size);
  const std::string_view email_text = NextField(rest);
  const std::string_view time_text = NextField(rest);
  const std::string_view tags_text = NextField(rest);
  const std::string_view password = rest;

  if (const auto email = news::NormalizeEmail(email_text)) {
    Require(!email->empty() && email->size() <= news::kMaxEmailLength,
            "an accepted e-mail address is within the limit");
    Require(email->find(' ') == std::string::npos && email->find('@') != std::string::npos &&
                email->find('@') == email->rfind('@'),
            "an accepted e-mail address has one @ and no spaces");
    for (const char c : *email) Require(!(c >= 'A' && c <= 'Z'), "it is lower case");
    Require(news::NormalizeEmail(*email) == email, "normalising twice changes nothing");
  }

  if (const auto when = news::ParseLocalDateTime(time_text)) {
    Require(*when >= 0, "an accepted time is not before 1970");
    const std::string shown = news::LocalDateTimeInput(*when);
    Require(news::ParseLocalDateTime(shown) == *when - *when % 60,
            "a time shown in the editor reads back as the same minute");
  }

  const auto tags = news::SplitTags(tags_text);
  for (const std::string& tag : tags) {
    Require(!tag.empty() && tag.find(',') == std::string::npos, "a tag is one non-empty name");
    Require(tag.front() != ' ' && tag.back() != ' ', "a tag is trimmed");
  }
  Require(news::SplitTags(news::JoinTags(tags)) == tags, "joining and splitting is stable");

  security::SiteKey::Bytes bytes;
  bytes.fill(3);
  static const security::SignInTokens tokens(security::SiteKey::FromBytes(bytes));
  const std::string hash = tokens.StoredHash(tags_text);
  Require(hash.empty() || hash.size() == 64, "a stored hash is 64 hex digits or nothing");
  if (tags_text.size() != 43) Require(hash.empty(), "only a 43-character id is hashed");

  const std::string weakness = security::PasswordWeakness(password.substr(0, 2048));
  if (password.size() < security::kMinPasswordLength) {
    Require(!weakness.empty(), "a short password is refused");
  }
  return 0;
}

}  // namespace broadsheet::fuzz
