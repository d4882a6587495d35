// The moderation desk (editors and admins): the pending, reported and spam queues with why
// each comment was held and how often it was reported; approve, reject, mark as spam or
// delete one comment or many at once; and an article's comments set to the site's mode,
// open, held or closed.
#pragma once

#include "http/request.h"
#include "http/response.h"
#include "site/admin/desk_context.h"

namespace broadsheet::site::admin {

// GET /admin/comments?queue=pending|reported|spam
http::Response ServeModerationQueue(const DeskContext& desk, const http::Request& request);
// POST /admin/comments: act = approve|reject|spam|delete with the checked ids, or
// "approve:12" for one comment.
http::Response ServeModerationAction(const DeskContext& desk, const http::Request& request);
// POST /admin/articles/comments: id, mode = site|open|held|closed.
http::Response ServeCommentMode(const DeskContext& desk, const http::Request& request);

}  // namespace broadsheet::site::admin
