// Fuzz target for article files (news/front_matter): ParseArticleFile, which `broadsheet
// article add|edit` and import run on files from anywhere. Checks that an accepted file's
// fields obey the article rules (no control characters, a valid slug, the length limits) and
// that writing the fields back into a file and parsing it again changes nothing.
#include <string>
#include <string_view>

#include "fuzz_check.h"
#include "fuzz_targets.h"
#include "news/article.h"
#include "news/front_matter.h"
#include "news/slug.h"

namespace broadsheet::fuzz {
namespace {

bool IsOneLine(std::string_view text) {
  for (const char c : text) {
    const auto byte = static_cast<unsigned char>(c);
    if (byte < 0x20 || byte == 0x7f) return false;
  }
  return true;
}

bool HasNoControlButTabAndNewline(std::string_view text) {
  for (const char c : text) {
    const auto byte = static_cast<unsigned char>(c);
    if ((byte < 0x20 && c != '\n' && c != '\t') || byte == 0x7f) return false;
  }
  return true;
}

std::string WriteArticleFile(const news::ArticleInput& in) {
  return "---\ntitle: " + in.title + "\nslug: " + in.slug + "\nsummary: " + in.summary +
         "\ncategory: " + in.category + "\nauthor: " + in.author +
         "\ntags: " + news::JoinTags(in.tags) + "\nstatus: " +
         std::string(news::ToString(in.status)) + "\n---\n" + in.body_markdown;
}

bool SameInput(const news::ArticleInput& a, const news::ArticleInput& b) {
  return a.title == b.title && a.slug == b.slug && a.summary == b.summary &&
         a.category == b.category && a.author == b.author && a.status == b.status &&
         a.tags == b.tags && a.body_markdown == b.body_markdown;
}

}  // namespace

int FuzzFrontMatter(const std::uint8_t* data, std::size_t size) {
  const news::ParsedArticleFile parsed = news::ParseArticleFile(AsText(data, size));
  for (const news::FieldError& error : parsed.errors) {
    Require(!error.field.empty() && !error.message.empty(), "an error names a field and a fault");
  }
  if (!parsed.errors.empty()) return 0;

  const news::ArticleInput& in = parsed.input;
  Require(!in.title.empty() && in.title.size() <= news::kMaxTitleLength &&
              in.summary.size() <= news::kMaxSummaryLength && !in.author.empty() &&
              in.author.size() <= news::kMaxNameLength && !in.category.empty() &&
              in.category.size() <= news::kMaxNameLength &&
              in.body_markdown.size() <= news::kMaxBodyLength,
          "an accepted article is within the length limits");
  Require(IsOneLine(in.title) && IsOneLine(in.slug) && IsOneLine(in.summary) &&
              IsOneLine(in.category) && IsOneLine(in.author),
          "an accepted article's single-line fields hold no control characters");
  Require(HasNoControlButTabAndNewline(in.body_markdown),
          "an accepted body holds no control characters but tab and newline");
  Require(news::IsValidSlug(in.slug), "an accepted article has a valid slug");
  Require(!news::Slugify(in.category).empty(), "an accepted category has a letter or digit");
  Require(in.tags.size() <= news::kMaxTags, "an accepted article has at most kMaxTags tags");
  for (const std::string& tag : in.tags) {
    Require(!tag.empty() && tag.size() <= news::kMaxTagLength && IsOneLine(tag) &&
                tag.find(',') == std::string::npos && !news::Slugify(tag).empty(),
            "an accepted tag is one short name with a letter or digit");
  }

  const news::ParsedArticleFile again = news::ParseArticleFile(WriteArticleFile(in));
  Require(again.errors.empty() && SameInput(again.input, in),
          "an accepted article written back parses to the same fields");
  return 0;
}

}  // namespace broadsheet::fuzz
