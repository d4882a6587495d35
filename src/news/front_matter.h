// Reads an article file: a front matter block of `key: value` lines between `---` lines,
// then the Markdown body. Used by `broadsheet article add|edit` and the demo seeder.
#pragma once

#include <string_view>
#include <vector>

#include "news/article.h"
#include "news/field_error.h"

namespace broadsheet::news {

struct ParsedArticleFile {
  ArticleInput input;
  FieldErrors errors;  // empty when the file is usable
};

// Parses and validates. Unknown keys, a missing block, or a bad status are field errors.
// `reserved`: the router's top-level names, which no category may take (news/article.h).
ParsedArticleFile ParseArticleFile(std::string_view text,
                                   const std::vector<std::string>& reserved = {});

}  // namespace broadsheet::news
