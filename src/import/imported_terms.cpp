#include "import/imported_terms.h"

#include <algorithm>

#include "import/import_text.h"
#include "news/slug.h"

namespace broadsheet::import {

std::pair<std::string, std::string> FlattenedCategory(const NestedCategories& categories,
                                                      const std::string& key,
                                                      const std::string& fallback) {
  std::vector<std::string> names;
  std::string at = key;
  for (int depth = 0; depth < 32 && !at.empty(); ++depth) {
    const auto found = categories.find(at);
    if (found == categories.end()) break;
    names.push_back(found->second.name);
    at = found->second.parent;
  }
  if (names.empty()) return {fallback, ""};
  std::reverse(names.begin(), names.end());
  std::string path;
  if (names.size() > 1) {
    for (const std::string& name : names) path += (path.empty() ? "" : " / ") + name;
  }
  return {names.front(), path};
}

std::string UsableCategoryName(const std::string& name, const std::vector<std::string>& reserved,
                               std::set<std::string>& renamed) {
  const std::string slug = news::Slugify(name);
  if (std::find(reserved.begin(), reserved.end(), slug) == reserved.end()) return name;
  renamed.insert(slug + " -> " + slug + "-section");
  return name + " section";
}

void AddImportedTags(std::vector<store::ImportedTerm> tags, const std::string& label,
                     store::ImportedArticle& article, news::ArticleInput& input,
                     std::vector<std::string>& notes, std::set<std::string>& used) {
  std::set<std::string> slugs;
  for (store::ImportedTerm& tag : tags) {
    tag.name = Shortened(tag.name, news::kMaxTagLength);
    const std::string slug = news::Slugify(tag.name);
    if (slug.empty()) {
      notes.push_back(label + ": tag \"" + tag.name + "\" dropped (its name makes no address)");
      continue;
    }
    if (!slugs.insert(slug).second) continue;
    if (article.tags.size() == news::kMaxTags) {
      notes.push_back(label + ": tags after the first 20 dropped");
      break;
    }
    input.tags.push_back(tag.name);
    article.tags.push_back(std::move(tag));
    used.insert(slug);
  }
}

}  // namespace broadsheet::import
