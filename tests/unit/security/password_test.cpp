// Password rules and hashing: the strength message names what made a password weak, and the
// hasher verifies against a dummy hash when there is no account.
#include "security/password.h"

#include <gtest/gtest.h>

namespace broadsheet::security {
namespace {

TEST(PasswordWeakness, RefusesShortAndGuessablePasswordsSayingWhy) {
  EXPECT_NE(PasswordWeakness("short").find("at least 12"), std::string::npos);
  EXPECT_NE(PasswordWeakness(std::string(2000, 'x')).find("at most"), std::string::npos);
  const std::string common = PasswordWeakness("password1234");
  EXPECT_NE(common.find("too easy to guess"), std::string::npos) << common;
  EXPECT_NE(common.find("common word"), std::string::npos) << common;
  const std::string keyboard = PasswordWeakness("asdfghjkl;'qwe");
  EXPECT_NE(keyboard.find("keyboard"), std::string::npos) << keyboard;
  const std::string date = PasswordWeakness("19841225-19841225");
  EXPECT_FALSE(date.empty());
  const std::string personal = PasswordWeakness("margaretellison1", {"margaretellison"});
  EXPECT_NE(personal.find("e-mail address or name"), std::string::npos) << personal;
  EXPECT_EQ(PasswordWeakness("quay lantern marmalade orbit"), "");
  EXPECT_EQ(PasswordWeakness("Tq7#mZ2!vR9@kL4$"), "");
}

TEST(PasswordHasher, HashesAndVerifiesWithArgon2id) {
  PasswordHasher hasher(PasswordCost::kMinimum, 2);
  const auto hash = hasher.Hash("quay lantern marmalade orbit");
  ASSERT_TRUE(hash);
  EXPECT_TRUE(hash->starts_with("$argon2id$"));
  EXPECT_EQ(hasher.Verify(*hash, "quay lantern marmalade orbit"), PasswordHasher::Verdict::kMatch);
  EXPECT_EQ(hasher.Verify(*hash, "quay lantern marmalade orbiT"),
            PasswordHasher::Verdict::kMismatch);
  const auto before = hasher.verifications();
  EXPECT_EQ(hasher.Verify("", "anything at all here"), PasswordHasher::Verdict::kMismatch)
      << "no account: the dummy hash, never a match";
  EXPECT_EQ(hasher.verifications(), before + 1);
  EXPECT_EQ(hasher.Verify("not a hash", "anything"), PasswordHasher::Verdict::kMismatch);
  EXPECT_FALSE(hasher.NeedsRehash(*hash));
  PasswordHasher interactive(PasswordCost::kInteractive, 1);
  EXPECT_TRUE(interactive.NeedsRehash(*hash)) << "made at another cost";
}

}  // namespace
}  // namespace broadsheet::security
