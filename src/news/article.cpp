#include "news/article.h"

#include <algorithm>

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
  switch (status) {
    case ArticleStatus::kDraft:
      return "draft";
    case ArticleStatus::kReview:
      return "review";
    case ArticleStatus::kScheduled:
      return "scheduled";
    case ArticleStatus::kPublished:
      return "published";
    case ArticleStatus::kTrashed:
      return "trashed";
  }
  return "draft";
}

std::optional<ArticleStatus> ParseArticleStatus(std::string_view text) {
  if (text == "published") return ArticleStatus::kPublished;
  if (text == "draft") return ArticleStatus::kDraft;
  if (text == "review") return ArticleStatus::kReview;
  if (text == "scheduled") return ArticleStatus::kScheduled;
  return std::nullopt;
}

std::optional<ArticleStatus> ParseStoredArticleStatus(std::string_view text) {
  if (text == "trashed") return ArticleStatus::kTrashed;
  return ParseArticleStatus(text);
}

std::int64_t PublicationTime(const ArticleInput& input, std::int64_t stored, std::int64_t now) {
  switch (input.status) {
    case ArticleStatus::kScheduled:
      return input.published_at;
    case ArticleStatus::kPublished:
      if (input.published_at > 0) return input.published_at;
      return stored > 0 ? stored : now;
    default:
      return input.published_at > 0 ? input.published_at : stored;
  }
}

std::vector<std::string> SplitTags(std::string_view text) {
  std::vector<std::string> tags;
  std::vector<std::string> slugs;
  while (!text.empty()) {
    const auto comma = text.find(',');
    std::string tag = CleanLine(text.substr(0, comma));
    text = comma == std::string_view::npos ? std::string_view() : text.substr(comma + 1);
    std::string slug = Slugify(tag);
    if (tag.empty() || std::find(slugs.begin(), slugs.end(), slug) != slugs.end()) continue;
    slugs.push_back(std::move(slug));
    tags.push_back(std::move(tag));
  }
  return tags;
}

std::string JoinTags(const std::vector<std::string>& tags) {
  std::string joined;
  for (const std::string& tag : tags) {
    if (!joined.empty()) joined += ", ";
    joined += tag;
  }
  return joined;
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

FieldErrors NormalizeAndValidate(ArticleInput& input, const std::vector<std::string>& reserved) {
  FieldErrors errors;
  input.title = CleanLine(input.title);
  input.summary = CleanLine(input.summary);
  input.category = CleanLine(input.category);
  input.author = CleanLine(input.author);
  input.slug = CleanLine(input.slug);
  input.body_markdown = StripControlCharacters(input.body_markdown);
  input.featured_alt = CleanLine(input.featured_alt);

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
  const std::string category_slug = Slugify(input.category);
  if (!input.category.empty() && category_slug.empty()) {
    errors.push_back({"category", "category needs at least one letter or digit"});
  } else if (std::find(reserved.begin(), reserved.end(), category_slug) != reserved.end()) {
    errors.push_back({"category", "a category cannot be called '" + input.category + "': /" +
                                      category_slug + "/ is one of the site's own addresses"});
  }

  std::vector<std::string> tags;
  for (const std::string& tag : input.tags) {
    for (std::string& clean : SplitTags(tag)) tags.push_back(std::move(clean));
  }
  input.tags = SplitTags(JoinTags(tags));  // drops duplicates across entries
  if (input.tags.size() > kMaxTags) {
    errors.push_back({"tags", "at most " + std::to_string(kMaxTags) + " tags"});
  }
  for (const std::string& tag : input.tags) {
    if (tag.size() > kMaxTagLength) {
      errors.push_back(
          {"tags", "a tag is longer than " + std::to_string(kMaxTagLength) + " characters"});
      break;
    }
    if (Slugify(tag).empty()) {
      errors.push_back({"tags", "tag '" + tag + "' needs at least one letter or digit"});
      break;
    }
  }
  if (input.featured_media_id < 0) input.featured_media_id = 0;
  if (input.featured_media_id == 0) {
    input.featured_alt.clear();
  } else if (input.featured_alt.empty()) {
    errors.push_back(
        {"featured_alt", "describe the featured picture for readers who cannot see it (alt text)"});
  }
  CheckLength(errors, "featured_alt", input.featured_alt, kMaxAltLength, false);
  if (input.status == ArticleStatus::kTrashed) {
    errors.push_back({"status", "status must be draft, review, scheduled or published"});
  }
  if (input.status == ArticleStatus::kScheduled && input.published_at <= 0) {
    errors.push_back({"published_at", "a scheduled article needs a publication time"});
  }
  if (input.published_at < 0) {
    errors.push_back({"published_at", "the publication time is before 1970"});
  }
  return errors;
}

}  // namespace broadsheet::news
