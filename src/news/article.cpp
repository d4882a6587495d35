#include "news/article.h"

#include "news/slug.h"

namespace broadsheet::news {
namespace {

std::string Trim(std::string_view text) {
  const auto first = text.find_first_not_of(" \t\r\n");
  if (first == std::string_view::npos) return {};
  const auto last = text.find_last_not_of(" \t\r\n");
  return std::string(text.substr(first, last - first + 1));
}

// A single-line field: control characters and line breaks become nothing / a space.
std::string CleanLine(std::string_view text) {
  std::string out = StripControlCharacters(text);
  for (char& c : out) {
    if (c == '\n' || c == '\t') c = ' ';
  }
  return Trim(out);
}

void CheckLength(FieldErrors& errors, const char* field, const std::string& value,
                 std::size_t max, bool required) {
  if (required && value.empty()) {
    errors.push_back({field, std::string(field) + " is required"});
  } else if (value.size() > max) {
    errors.push_back({field, std::string(field) + " is longer than " + std::to_string(max) +
                                 " characters"});
  }
}

}  // namespace

std::string_view ToString(ArticleStatus status) {
  return status == ArticleStatus::kPublished ? "published" : "draft";
}

std::optional<ArticleStatus> ParseArticleStatus(std::string_view text) {
  if (text == "published") return ArticleStatus::kPublished;
  if (text == "draft") return ArticleStatus::kDraft;
  return std::nullopt;
}

std::string StripControlCharacters(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    const auto byte = static_cast<unsigned char>(c);
    if (byte < 0x20 && c != '\n' && c != '\t') continue;
    if (byte == 0x7f) continue;
    out.push_back(c);
  }
  return out;
}

FieldErrors NormalizeAndValidate(ArticleInput& input) {
  FieldErrors errors;
  input.title = CleanLine(input.title);
  input.summary = CleanLine(input.summary);
  input.category = CleanLine(input.category);
  input.author = CleanLine(input.author);
  input.slug = CleanLine(input.slug);
  input.body_markdown = StripControlCharacters(input.body_markdown);

  CheckLength(errors, "title", input.title, kMaxTitleLength, true);
  CheckLength(errors, "summary", input.summary, kMaxSummaryLength, false);
  CheckLength(errors, "category", input.category, kMaxNameLength, true);
  CheckLength(errors, "author", input.author, kMaxNameLength, true);
  CheckLength(errors, "body", input.body_markdown, kMaxBodyLength, false);

  if (input.slug.empty()) input.slug = Slugify(input.title);
  if (!IsValidSlug(input.slug)) {
    errors.push_back({"slug", "slug must be 1 to " + std::to_string(kMaxSlugLength) +
                                  " lowercase letters, digits and single hyphens"});
  }
  if (!input.category.empty() && Slugify(input.category).empty()) {
    errors.push_back({"category", "category needs at least one letter or digit"});
  }
  return errors;
}

}  // namespace broadsheet::news
