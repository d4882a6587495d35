// What both importers (issue 14) do with the old site's categories and tags: nested categories
// flattened to Broadsheet's flat ones, names the router answers itself renamed, tags checked.
#pragma once

#include <set>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include "news/article.h"
#include "store/source_import.h"

namespace broadsheet::import {

// A category of the old site under its key (a WordPress slug, a K2 id), with its parent's key
// (empty at the top).
struct NestedCategory {
  std::string name;
  std::string parent;
};
using NestedCategories = std::unordered_map<std::string, NestedCategory>;

// The top-level category above `key` and the path from it, "News / Local / Harbour" (empty
// when `key` is at the top); {fallback, ""} when `key` is unknown. A loop in a broken file
// ends after 32 steps.
std::pair<std::string, std::string> FlattenedCategory(const NestedCategories& categories,
                                                      const std::string& key,
                                                      const std::string& fallback);

// `name`, or "NAME section" when its slug is one the router answers itself ("search"), the
// renaming added to `renamed` ("search -> search-section").
std::string UsableCategoryName(const std::string& name, const std::vector<std::string>& reserved,
                               std::set<std::string>& renamed);

// Gives the article (and its input, for validation) `tags`: each cut to the tag length, one
// whose name makes no address dropped, repeats by slug dropped, at most news::kMaxTags; what
// was dropped noted under `label` ("post 12"). Adds the slugs kept to `used`.
void AddImportedTags(std::vector<store::ImportedTerm> tags, const std::string& label,
                     store::ImportedArticle& article, news::ArticleInput& input,
                     std::vector<std::string>& notes, std::set<std::string>& used);

}  // namespace broadsheet::import
