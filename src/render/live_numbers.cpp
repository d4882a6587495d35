#include "render/live_numbers.h"

#include <charconv>

namespace broadsheet::render {

std::string GroupThousands(std::int64_t value) {
  std::string digits = std::to_string(value < 0 ? -value : value);
  std::string out;
  const std::size_t first_group = digits.size() % 3 == 0 ? 3 : digits.size() % 3;
  for (std::size_t i = 0; i < digits.size(); ++i) {
    if (i >= first_group && (i - first_group) % 3 == 0) out.push_back(',');
    out.push_back(digits[i]);
  }
  return value < 0 ? "-" + out : out;
}

std::string ReadTimesText(std::int64_t views) {
  std::string out;
  AppendReadTimesText(out, views);
  return out;
}

void AppendReadTimesText(std::string& out, std::int64_t views) {
  out.append("Read ");
  out.append(GroupThousands(views));
  out.append(views == 1 ? " time" : " times");
}

std::int64_t AverageTenths(std::int64_t sum, std::int64_t count) {
  if (count <= 0) return 0;
  return (sum * 20 + count) / (2 * count);  // round(10 * sum / count), halves up
}

std::string AverageText(std::int64_t sum, std::int64_t count) {
  const std::int64_t tenths = AverageTenths(sum, count);
  return std::to_string(tenths / 10) + "." + std::to_string(tenths % 10);
}

namespace {

// "(17 votes)", "(1 vote)"
std::string VotesInBrackets(std::int64_t count) {
  return "(" + GroupThousands(count) + (count == 1 ? " vote)" : " votes)");
}

// 0..10: the average rounded to the nearest half star, in halves.
std::int64_t HalfStars(std::int64_t sum, std::int64_t count) {
  if (count <= 0) return 0;
  return (sum * 4 + count) / (2 * count);
}

void AppendStars(std::string& out, std::int64_t sum, std::int64_t count) {
  out.append("<span class=\"stars stars-");
  out.append(std::to_string(HalfStars(sum, count)));
  out.append("\" aria-hidden=\"true\"></span>");
}

}  // namespace

// Appended piece by piece: each piece is short enough to need no allocation of its own.
void AppendRatingText(std::string& out, std::int64_t sum, std::int64_t count) {
  if (count <= 0) {
    out.append("Not rated yet (0 votes)");
    return;
  }
  out.append("Rated ");
  out.append(AverageText(sum, count));
  out.append(" out of 5 ");
  out.append(VotesInBrackets(count));
}

void AppendCommentCountText(std::string& out, std::int64_t count) {
  if (count == 0) {
    out.append("No comments");
    return;
  }
  char digits[24];
  out.append(digits, std::to_chars(digits, digits + sizeof digits, count).ptr);
  out.append(count == 1 ? " comment" : " comments");
}

std::string CommentCountText(std::int64_t count) {
  std::string text;
  AppendCommentCountText(text, count);
  return text;
}

std::string RatingText(std::int64_t sum, std::int64_t count) {
  std::string text;
  AppendRatingText(text, sum, count);
  return text;
}

void AppendRatingSummary(std::string& out, std::int64_t sum, std::int64_t count) {
  AppendStars(out, sum, count);
  out.append(" <span class=\"rating-text\">");
  AppendRatingText(out, sum, count);
  out.append("</span>");
}

void AppendCardRating(std::string& out, std::int64_t sum, std::int64_t count) {
  if (count <= 0) return;
  out.append("<span class=\"card-rating\">");
  AppendStars(out, sum, count);
  out.append(" <span class=\"visually-hidden\">Rated ");
  out.append(AverageText(sum, count));
  out.append(" out of 5</span> <span class=\"rating-count\">");
  out.append(VotesInBrackets(count));
  out.append("</span></span>");
}

void AppendAggregateRatingJson(std::string& out, std::int64_t sum, std::int64_t count) {
  if (count <= 0) return;
  out.append(",\"aggregateRating\":{\"@type\":\"AggregateRating\",\"ratingValue\":");
  out.append(AverageText(sum, count));
  out.append(",\"ratingCount\":");
  out.append(std::to_string(count));
  out.append(",\"bestRating\":5,\"worstRating\":1}");
}

void AppendRatingNotice(std::string& out, const RatingNotice& notice) {
  if (!notice.error.empty()) {
    out.append("<p class=\"rating-error\" role=\"alert\">");
    for (const char c : notice.error) {  // plain text by contract; escaped all the same
      switch (c) {
        case '<': out.append("&lt;"); break;
        case '>': out.append("&gt;"); break;
        case '&': out.append("&amp;"); break;
        case '"': out.append("&quot;"); break;
        default: out.push_back(c);
      }
    }
    out.append("</p>");
    return;
  }
  if (notice.stars < 1 || notice.stars > 5) return;
  out.append("<p class=\"rating-notice\" role=\"status\">Thank you: your rating of ");
  out.append(std::to_string(notice.stars));
  out.append(notice.stars == 1 ? " star is recorded.</p>" : " stars is recorded.</p>");
}

std::string RatingJson(std::int64_t sum, std::int64_t count, int yours) {
  return "{\"average\": " + AverageText(sum, count) + ", \"votes\": " + std::to_string(count) +
         ", \"yours\": " + (yours > 0 ? std::to_string(yours) : "null") + "}";
}

}  // namespace broadsheet::render
