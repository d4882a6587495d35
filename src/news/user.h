// Who may sign in to the back office, and what each role may do. Pure logic, no I/O.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include "news/article.h"

namespace broadsheet::news {

// In rising order of power: each role may do everything the one before it may.
enum class Role { kContributor, kAuthor, kEditor, kAdmin };

std::string_view ToString(Role role);
std::optional<Role> ParseRole(std::string_view text);

inline constexpr std::size_t kMaxEmailLength = 254;
inline constexpr std::size_t kMaxBioLength = 1000;

// The e-mail address as an account key: trimmed and lower-cased (accounts are unique without
// regard to case). nullopt unless it looks like local@domain with no spaces, within the limit.
std::optional<std::string> NormalizeEmail(std::string_view text);

// May a user with `role`, writing as author profile `own_author_id`, open or save the article
// written by `article_author_id`? Editors and admins: every article; others: their own.
bool MayEditArticle(Role role, std::int64_t own_author_id, std::int64_t article_author_id);

// May `role` give an article `status`? Contributors save drafts only; authors also submit for
// review, and publish or schedule only when the site lets them (articles.authors_publish).
bool MaySetStatus(Role role, ArticleStatus status, bool authors_publish);

}  // namespace broadsheet::news
