// The article editor's form: reading an ArticleInput from the posted fields (with the
// limits and rules a user's role imposes) and filling the editor's template data back from
// one. Used by the editor, the preview and the revisions' restore.
#pragma once

#include <cstdint>
#include <string>

#include "http/form.h"
#include "news/field_error.h"
#include "render/template_set.h"
#include "site/admin/desk_context.h"
#include "site/admin/desk_session.h"
#include "store/store.h"

namespace broadsheet::site::admin {

struct PostedArticle {
  std::int64_t id = 0;            // 0: a new article
  std::int64_t base_version = 0;  // the version the editor opened
  news::ArticleInput input;
  std::string author_slug;        // the profile chosen (editors), else the user's own
  std::string published_at_text;  // as typed, shown back on errors
  news::FieldErrors errors;
  // Not part of a save (its own form, editors only): shown for a stored article.
  news::CommentMode comment_mode = news::CommentMode::kSite;
};

// Reads and validates the editor's fields for `signed_in`: authors and contributors always
// write as themselves, a status the role may not give is an error, and a "published" time in
// the future means "scheduled".
PostedArticle ReadPostedArticle(const DeskContext& desk, const SignedIn& signed_in,
                                const http::Form& form);

// Published or scheduled: readers see it, or will without anyone's doing.
bool IsLive(news::ArticleStatus status);

// The editor's template data for `article` as posted or loaded.
render::TemplateData EditorData(const DeskContext& desk, const SignedIn& signed_in,
                                const PostedArticle& article);

}  // namespace broadsheet::site::admin
