#include "store/change_notice.h"

#include <fmt/format.h>

#include <charconv>

namespace broadsheet::store {
namespace {

// Takes the next space-separated word off the front of `rest`.
std::string_view NextWord(std::string_view& rest) {
  const std::size_t end = rest.find(' ');
  const std::string_view word = rest.substr(0, end);
  rest.remove_prefix(end == std::string_view::npos ? rest.size() : end + 1);
  return word;
}

bool ParseInteger(std::string_view text, std::int64_t& value) {
  if (text.empty()) return false;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  return error == std::errc() && end == text.data() + text.size();
}

bool ParseViews(std::string_view rest, std::vector<ViewTotals>& views) {
  if (rest.empty()) return false;
  while (!rest.empty()) {
    const std::string_view pair = NextWord(rest);
    const std::size_t colon = pair.find(':');
    ViewTotals totals;
    if (colon == std::string_view::npos ||
        !ParseInteger(pair.substr(0, colon), totals.article_id) ||
        !ParseInteger(pair.substr(colon + 1), totals.views)) {
      return false;
    }
    views.push_back(totals);
  }
  return true;
}

bool ParseRating(std::string_view rest, RatingTotals& rating) {
  return ParseInteger(NextWord(rest), rating.article_id) &&
         ParseInteger(NextWord(rest), rating.sum) && ParseInteger(NextWord(rest), rating.count) &&
         ParseInteger(NextWord(rest), rating.revision) && rest.empty();
}

bool ParseContent(std::string_view rest, ContentChange& change) {
  if (!ParseInteger(NextWord(rest), change.version)) return false;
  const std::string_view scope = NextWord(rest);
  if (scope == "all") {
    change.scope = ContentScope::kAll;
  } else if (scope == "article") {
    change.scope = ContentScope::kArticle;
  } else if (scope == "comments") {
    change.scope = ContentScope::kComments;
  } else {
    return false;
  }
  return ParseInteger(NextWord(rest), change.article_id) && rest.empty();
}

}  // namespace

std::string ViewsPayload(const std::vector<ViewTotals>& totals) {
  std::string payload = "views";
  for (const ViewTotals& total : totals) {
    fmt::format_to(std::back_inserter(payload), " {}:{}", total.article_id, total.views);
    if (payload.size() > kMaxPayloadBytes) return {};
  }
  return payload;
}

std::string RatingPayload(const RatingTotals& totals) {
  return fmt::format("rating {} {} {} {}", totals.article_id, totals.sum, totals.count,
                     totals.revision);
}

ChangeNotice ParseChangeNotice(std::string_view payload) {
  ChangeNotice notice;
  // Words are separated by one space exactly: anything looser was not written by us.
  if (payload.ends_with(' ') || payload.find("  ") != std::string_view::npos) return notice;
  std::string_view rest = payload;
  const std::string_view kind = NextWord(rest);
  bool parsed = false;
  if (kind == "views") {
    parsed = ParseViews(rest, notice.views);
    notice.kind = ChangeNotice::Kind::kViews;
  } else if (kind == "rating") {
    parsed = ParseRating(rest, notice.rating);
    notice.kind = ChangeNotice::Kind::kRating;
  } else if (kind == "content") {
    parsed = ParseContent(rest, notice.content);
    notice.kind = ChangeNotice::Kind::kContent;
  }
  return parsed ? notice : ChangeNotice{};
}

}  // namespace broadsheet::store
