#include "news/front_matter.h"

#include <string>

namespace broadsheet::news {
namespace {

std::string_view TrimView(std::string_view text) {
  const auto first = text.find_first_not_of(" \t\r");
  if (first == std::string_view::npos) return {};
  const auto last = text.find_last_not_of(" \t\r");
  return text.substr(first, last - first + 1);
}

// Splits off the next line (without its newline) and advances `rest` past it.
std::string_view NextLine(std::string_view& rest) {
  const auto end = rest.find('\n');
  std::string_view line = rest.substr(0, end);
  rest = end == std::string_view::npos ? std::string_view{} : rest.substr(end + 1);
  return line;
}

}  // namespace

ParsedArticleFile ParseArticleFile(std::string_view text,
                                   const std::vector<std::string>& reserved) {
  ParsedArticleFile result;
  if (text.starts_with("\xEF\xBB\xBF")) text.remove_prefix(3);  // a UTF-8 byte order mark
  std::string_view rest = text;
  if (TrimView(NextLine(rest)) != "---") {
    result.errors.push_back({"front matter", "the file must start with a line '---'"});
    return result;
  }
  bool closed = false;
  std::string status_text = "draft";
  while (!rest.empty()) {
    const std::string_view line = TrimView(NextLine(rest));
    if (line == "---") {
      closed = true;
      break;
    }
    if (line.empty() || line.front() == '#') continue;
    const auto colon = line.find(':');
    if (colon == std::string_view::npos) {
      result.errors.push_back({"front matter", "expected 'key: value', got '" +
                                                   std::string(line.substr(0, 60)) + "'"});
      continue;
    }
    const std::string_view key = TrimView(line.substr(0, colon));
    const std::string value(TrimView(line.substr(colon + 1)));
    ArticleInput& in = result.input;
    if (key == "title") {
      in.title = value;
    } else if (key == "slug") {
      in.slug = value;
    } else if (key == "summary") {
      in.summary = value;
    } else if (key == "category") {
      in.category = value;
    } else if (key == "author") {
      in.author = value;
    } else if (key == "status") {
      status_text = value;
    } else if (key == "tags") {
      in.tags = SplitTags(value);
    } else {
      result.errors.push_back({"front matter", "unknown key '" + std::string(key.substr(0, 40)) +
                                                   "' (known: title, slug, summary, category, "
                                                   "author, status, tags)"});
    }
  }
  if (!closed) {
    result.errors.push_back({"front matter", "the front matter has no closing '---' line"});
    return result;
  }
  // A file has no publication time to give, so it cannot schedule: the back office does.
  if (auto status = ParseArticleStatus(status_text); status == ArticleStatus::kDraft ||
                                                     status == ArticleStatus::kPublished ||
                                                     status == ArticleStatus::kReview) {
    result.input.status = *status;
  } else {
    result.errors.push_back({"status", "status must be 'draft', 'review' or 'published'"});
  }
  result.input.body_markdown = std::string(rest);
  for (auto& error : NormalizeAndValidate(result.input, reserved)) result.errors.push_back(error);
  return result;
}

}  // namespace broadsheet::news
