// The words and markup of the live numbers a page shows: "Read N times" and the rating. Used
// when filling slots on every page hit, so they append to the response buffer rather than
// build strings. The rating arrives as a sum and a count of stars; the average shown is
// rounded half up to one decimal, the stars to the nearest half. Pure functions.
#pragma once

#include <cstdint>
#include <string>

namespace broadsheet::render {

// "Read 1 time", "Read 2 times", "Read 1,234 times".
std::string ReadTimesText(std::int64_t views);
void AppendReadTimesText(std::string& out, std::int64_t views);
// "1,234"
std::string GroupThousands(std::int64_t value);

// The average in tenths of a star (42 for 4.2), 0 without votes.
std::int64_t AverageTenths(std::int64_t sum, std::int64_t count);
// "4.2"
std::string AverageText(std::int64_t sum, std::int64_t count);
// "Rated 4.2 out of 5 (17 votes)", "Rated 5.0 out of 5 (1 vote)", "Not rated yet (0 votes)".
std::string RatingText(std::int64_t sum, std::int64_t count);
void AppendRatingText(std::string& out, std::int64_t sum, std::int64_t count);
// "No comments", "1 comment", "12 comments".
void AppendCommentCountText(std::string& out, std::int64_t count);
std::string CommentCountText(std::int64_t count);

// The article page's summary: stars drawn by CSS (class stars-0..stars-10) and RatingText.
void AppendRatingSummary(std::string& out, std::int64_t sum, std::int64_t count);
// A listing card's small stars with the count; nothing without votes.
void AppendCardRating(std::string& out, std::int64_t sum, std::int64_t count);
// `,"aggregateRating":{...}` for schema.org JSON-LD; nothing without votes. Numbers only, so
// it is safe inside <script>.
void AppendAggregateRatingJson(std::string& out, std::int64_t sum, std::int64_t count);
// What the rating widget tells one reader: the confirmation after a vote posted without
// JavaScript, or why a vote was refused. `error` is our own plain text (never the reader's).
struct RatingNotice {
  int stars = 0;  // 1..5 after a vote
  std::string error;
};
void AppendRatingNotice(std::string& out, const RatingNotice& notice);
// {"average": 4.2, "votes": 17, "yours": 4} ("yours": null when 0).
std::string RatingJson(std::int64_t sum, std::int64_t count, int yours);

}  // namespace broadsheet::render
