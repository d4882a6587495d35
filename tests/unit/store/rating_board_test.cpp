#include "store/rating_board.h"

#include <gtest/gtest.h>

namespace broadsheet::store {
namespace {

TEST(RatingBoard, UnknownArticlesHaveNoVotes) {
  RatingBoard board;
  const RatingTotals totals = board.Of(7);
  EXPECT_EQ(totals.count, 0);
  EXPECT_EQ(totals.sum, 0);
}

TEST(RatingBoard, AnOlderAnswerArrivingLateNeverMovesTheTotalsBack) {
  RatingBoard board;
  board.Apply({7, 9, 2, 2});
  board.Apply({7, 4, 1, 1});  // the first vote's answer, overtaken by the second's
  EXPECT_EQ(board.Of(7).count, 2);
  EXPECT_EQ(board.Of(7).sum, 9);
  board.ApplyAll({{7, 0, 0, 3}, {8, 5, 1, 1}});  // a reset, read from the store
  EXPECT_EQ(board.Of(7).count, 0);
  EXPECT_EQ(board.Of(8).sum, 5);
}

TEST(RatingBoard, CountsOnlyChangesToTheTotalsItShows) {
  RatingBoard board;
  const std::uint64_t start = board.changes();
  board.Apply({7, 4, 1, 1});
  EXPECT_EQ(board.changes(), start + 1);
  board.Apply({7, 4, 1, 1});  // the same totals again (a poll)
  board.Apply({7, 3, 1, 0});  // an older answer, refused
  EXPECT_EQ(board.changes(), start + 1);
  board.Apply({7, 9, 2, 2});
  EXPECT_EQ(board.changes(), start + 2);
}

}  // namespace
}  // namespace broadsheet::store
