#include "store/source_import.h"

namespace broadsheet::store {

std::string_view ToString(OldSystem system) {
  return system == OldSystem::kWordPress ? "wordpress" : "k2";
}

std::string_view ToString(OldKind kind) {
  switch (kind) {
    case OldKind::kArticle:
      return "article";
    case OldKind::kCategory:
      return "category";
    case OldKind::kTag:
      return "tag";
    case OldKind::kAuthor:
      return "author";
    case OldKind::kComment:
      return "comment";
  }
  return "article";
}

std::optional<OldSystem> ParseOldSystem(std::string_view text) {
  for (const OldSystem system : {OldSystem::kWordPress, OldSystem::kK2}) {
    if (ToString(system) == text) return system;
  }
  return std::nullopt;
}

std::optional<OldKind> ParseOldKind(std::string_view text) {
  for (const OldKind kind : {OldKind::kArticle, OldKind::kCategory, OldKind::kTag, OldKind::kAuthor,
                             OldKind::kComment}) {
    if (ToString(kind) == text) return kind;
  }
  return std::nullopt;
}

}  // namespace broadsheet::store
