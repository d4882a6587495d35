// The back office's sign-in ids and its synchronizer (CSRF) tokens. A sign-in id is 32 random
// bytes (base64url) in an HttpOnly cookie; the store keeps only its keyed hash, so a copy of
// the database cannot sign anyone in. A form's token is a MAC of that hash (or, before sign-in,
// of a short-lived pre-sign-in cookie) under the site key's CSRF subkey: a page from another
// site cannot know it. Immutable after construction: thread-safe.
#pragma once

#include <string>
#include <string_view>

#include "security/site_key.h"

namespace broadsheet::security {

inline constexpr std::string_view kSignInCookieName = "bs_signin";
inline constexpr std::string_view kPreSignInCookieName = "bs_presignin";

class SignInTokens {
 public:
  explicit SignInTokens(const SiteKey& key);

  // 32 fresh random bytes, base64url: a new sign-in id, or a pre-sign-in cookie's value.
  static std::string NewId();

  // The keyed hash under which the store keeps a sign-in (hex). Empty for a value that cannot
  // be an id (wrong length or alphabet), so garbage never reaches the store.
  std::string StoredHash(std::string_view id) const;

  // The token forms carry for the sign-in (or pre-sign-in cookie) `binding`.
  std::string FormToken(std::string_view purpose, std::string_view binding) const;
  // Constant-time check of a posted token.
  bool CheckFormToken(std::string_view purpose, std::string_view binding,
                      std::string_view token) const;

 private:
  SiteKey::Bytes session_key_;
  SiteKey::Bytes csrf_key_;
};

}  // namespace broadsheet::security
