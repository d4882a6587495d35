#include "render/live_numbers.h"

#include <gtest/gtest.h>

namespace broadsheet::render {
namespace {

TEST(LiveNumbers, ReadTimesTextPluralises) {
  EXPECT_EQ(ReadTimesText(0), "Read 0 times");
  EXPECT_EQ(ReadTimesText(1), "Read 1 time");
  EXPECT_EQ(ReadTimesText(2), "Read 2 times");
  EXPECT_EQ(GroupThousands(999), "999");
  EXPECT_EQ(GroupThousands(1000), "1,000");
  EXPECT_EQ(GroupThousands(12345678), "12,345,678");
}

TEST(LiveNumbers, RatingTextReadsRightForNoneOneAndMany) {
  EXPECT_EQ(RatingText(0, 0), "Not rated yet (0 votes)");
  EXPECT_EQ(RatingText(5, 1), "Rated 5.0 out of 5 (1 vote)");
  EXPECT_EQ(RatingText(71, 17), "Rated 4.2 out of 5 (17 votes)");  // 4.176...
  EXPECT_EQ(RatingText(4 * 1500, 1500), "Rated 4.0 out of 5 (1,500 votes)");
}

TEST(LiveNumbers, TheAverageRoundsHalfUpToOneDecimal) {
  EXPECT_EQ(AverageText(9, 2), "4.5");
  EXPECT_EQ(AverageText(29, 20), "1.5");    // 1.45 -> 1.5
  EXPECT_EQ(AverageText(289, 200), "1.4");  // 1.445 -> 1.4
  EXPECT_EQ(AverageText(10, 3), "3.3");
  EXPECT_EQ(AverageText(11, 3), "3.7");
}

TEST(LiveNumbers, StarsRoundToTheNearestHalf) {
  std::string out;
  AppendRatingSummary(out, 71, 17);  // 4.18 -> 4 stars
  EXPECT_NE(out.find("stars stars-8\""), std::string::npos) << out;
  out.clear();
  AppendRatingSummary(out, 9, 2);  // 4.5
  EXPECT_NE(out.find("stars stars-9\""), std::string::npos) << out;
  out.clear();
  AppendRatingSummary(out, 0, 0);
  EXPECT_NE(out.find("stars stars-0\""), std::string::npos) << out;
  EXPECT_NE(out.find("Not rated yet (0 votes)"), std::string::npos) << out;
}

TEST(LiveNumbers, CardsAndStructuredDataSayNothingWithoutVotes) {
  std::string out;
  AppendCardRating(out, 0, 0);
  AppendAggregateRatingJson(out, 0, 0);
  EXPECT_EQ(out, "");
  AppendAggregateRatingJson(out, 71, 17);
  EXPECT_EQ(out,
            ",\"aggregateRating\":{\"@type\":\"AggregateRating\",\"ratingValue\":4.2,"
            "\"ratingCount\":17,\"bestRating\":5,\"worstRating\":1}");
  out.clear();
  AppendCardRating(out, 5, 1);
  EXPECT_NE(out.find("(1 vote)"), std::string::npos) << out;
}

TEST(LiveNumbers, RatingJsonHasTheAverageVotesAndTheReadersOwnStars) {
  EXPECT_EQ(RatingJson(71, 17, 4), "{\"average\": 4.2, \"votes\": 17, \"yours\": 4}");
  EXPECT_EQ(RatingJson(71, 17, 0), "{\"average\": 4.2, \"votes\": 17, \"yours\": null}");
}

TEST(LiveNumbers, NoticesConfirmAVoteOrExplainARefusalEscaped) {
  std::string out;
  AppendRatingNotice(out, {.stars = 1});
  EXPECT_NE(out.find("your rating of 1 star is recorded"), std::string::npos) << out;
  out.clear();
  AppendRatingNotice(out, {.error = "a <b> & c"});
  EXPECT_NE(out.find("a &lt;b&gt; &amp; c"), std::string::npos) << out;
  out.clear();
  AppendRatingNotice(out, {.stars = 9});
  EXPECT_EQ(out, "");
}

}  // namespace
}  // namespace broadsheet::render
