#include "news/user.h"

#include <algorithm>

namespace broadsheet::news {

std::string_view ToString(Role role) {
  switch (role) {
    case Role::kContributor:
      return "contributor";
    case Role::kAuthor:
      return "author";
    case Role::kEditor:
      return "editor";
    case Role::kAdmin:
      return "admin";
  }
  return "contributor";
}

std::optional<Role> ParseRole(std::string_view text) {
  for (Role role : {Role::kContributor, Role::kAuthor, Role::kEditor, Role::kAdmin}) {
    if (text == ToString(role)) return role;
  }
  return std::nullopt;
}

std::optional<std::string> NormalizeEmail(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t' || text.back() == '\n' ||
                           text.back() == '\r')) {
    text.remove_suffix(1);
  }
  if (text.empty() || text.size() > kMaxEmailLength) return std::nullopt;
  const auto at = text.rfind('@');
  if (at == 0 || at == std::string_view::npos || at + 1 == text.size()) return std::nullopt;
  std::string email;
  for (char c : text) {
    const auto byte = static_cast<unsigned char>(c);
    if (byte <= 0x20 || byte == 0x7f || c == '<' || c == '>' || c == '"') return std::nullopt;
    email.push_back(c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c);
  }
  if (std::count(email.begin(), email.end(), '@') != 1) return std::nullopt;
  return email;
}

bool MayEditArticle(Role role, std::int64_t own_author_id, std::int64_t article_author_id) {
  if (role >= Role::kEditor) return true;
  return own_author_id != 0 && own_author_id == article_author_id;
}

bool MaySetStatus(Role role, ArticleStatus status, bool authors_publish) {
  switch (status) {
    case ArticleStatus::kDraft:
      return true;
    case ArticleStatus::kReview:
      return role >= Role::kAuthor;
    case ArticleStatus::kScheduled:
    case ArticleStatus::kPublished:
      return role >= Role::kEditor || (role == Role::kAuthor && authors_publish);
    case ArticleStatus::kTrashed:
      return false;
  }
  return false;
}

}  // namespace broadsheet::news
