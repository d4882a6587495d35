#include "security/captcha_token.h"

#include <gtest/gtest.h>

#include <filesystem>

namespace broadsheet::security {
namespace {

class CaptchaTokenTest : public ::testing::Test {
 protected:
  void SetUp() override {
    path_ = std::filesystem::temp_directory_path() / ("bs-captcha-key-" + std::to_string(::getpid()));
    std::filesystem::remove(path_);
    SiteKey::CreateIfMissing(path_.string());
  }
  void TearDown() override { std::filesystem::remove(path_); }
  SiteKey Key() const { return SiteKey::Load(path_.string()); }
  std::filesystem::path path_;
};

TEST_F(CaptchaTokenTest, ASealedTokenOpensToItsClaimsOnAnyNodeWithTheKey) {
  const CaptchaSealer minting(Key());
  CaptchaClaims minted;
  const std::string token =
      minting.Mint(ChallengeKind::kImage, "K7MRT2", "address-key-1", 1000, 60000, &minted);
  const CaptchaSealer other_node(Key());
  const auto opened = other_node.Open(token);
  ASSERT_TRUE(opened);
  EXPECT_EQ(opened->answer, "K7MRT2");
  EXPECT_EQ(opened->kind, ChallengeKind::kImage);
  EXPECT_EQ(opened->issued_ms, 1000);
  EXPECT_EQ(opened->expires_ms, 61000);
  EXPECT_EQ(opened->nonce, minted.nonce);
  EXPECT_EQ(opened->nonce.size(), 32u);
  EXPECT_EQ(opened->address_key, "address-key-1");
  EXPECT_EQ(token.find("K7MRT2"), std::string::npos);  // the answer is not readable
}

TEST_F(CaptchaTokenTest, TamperedTruncatedOrForeignTokensDoNotOpen) {
  const CaptchaSealer sealer(Key());
  const std::string token = sealer.Mint(ChallengeKind::kProofOfWork, "4711", "k", 0, 1000);
  for (std::size_t i = 0; i < token.size(); i += 7) {
    std::string changed = token;
    changed[i] = changed[i] == 'A' ? 'B' : 'A';
    EXPECT_FALSE(sealer.Open(changed)) << i;
  }
  EXPECT_FALSE(sealer.Open(token.substr(0, token.size() - 4)));
  EXPECT_FALSE(sealer.Open(""));
  EXPECT_FALSE(sealer.Open(std::string(5000, 'A')));
  std::filesystem::remove(path_);
  SiteKey::CreateIfMissing(path_.string());
  EXPECT_FALSE(CaptchaSealer(Key()).Open(token));  // another site's key
}

TEST_F(CaptchaTokenTest, AnswersCompareCaseInsensitivelyIgnoringSpaces) {
  EXPECT_TRUE(CaptchaSealer::AnswerMatches("k7m rt2", "K7MRT2"));
  EXPECT_TRUE(CaptchaSealer::AnswerMatches("K7MRT2", "K7MRT2"));
  EXPECT_FALSE(CaptchaSealer::AnswerMatches("K7MRT", "K7MRT2"));
  EXPECT_FALSE(CaptchaSealer::AnswerMatches("", "K7MRT2"));
  EXPECT_FALSE(CaptchaSealer::AnswerMatches(std::string(1000, 'K'), "K7MRT2"));
}

TEST_F(CaptchaTokenTest, RandomAnswersUseOnlyTheAlphabetAndTheHoneypotNameIsStable) {
  const std::string alphabet = "ABCDGHJKMNPRSTUVWXYZ23456789";
  for (int i = 0; i < 100; ++i) {
    const std::string answer = RandomCaptchaAnswer(alphabet, 6);
    ASSERT_EQ(answer.size(), 6u);
    EXPECT_EQ(answer.find_first_not_of(alphabet), std::string::npos) << answer;
  }
  const CaptchaSealer sealer(Key());
  EXPECT_EQ(sealer.FieldName("honeypot"), CaptchaSealer(Key()).FieldName("honeypot"));
  EXPECT_EQ(sealer.FieldName("honeypot").size(), 13u);
  EXPECT_NE(sealer.FieldName("honeypot"), sealer.FieldName("other"));
}

}  // namespace
}  // namespace broadsheet::security
