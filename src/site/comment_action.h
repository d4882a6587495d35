// The comment pages and posts (DESIGN.md §4, "Add comment"):
//   GET  /{category}/{id}-{slug}/comment     the form with an image challenge, never cached
//                                             (for readers without script)
//   POST /{category}/{id}-{slug}/comments    a new comment
//   GET  /{category}/{id}-{slug}/comments    approved comments, ?page=N (50 a page)
//   POST /comments/{id}/report               a reader reports a comment (counted once per
//                                             reader and once per address; an editor's
//                                             approval stands against later reports)
// A post is checked in this order, and refused before anything is stored: the article
// exists (404), another site's page (403), an unreadable body (400), too many posts from the
// address or the reader (429), the fields, the security code (used up by every submission,
// right or wrong), the minimum fill time and duplicates (422, the form again with each error
// next to its field and a fresh code). A filled honeypot, too many links or a blocklisted word
// hold it for an editor; otherwise the moderation setting decides. Thread-safe.
#pragma once

#include "http/request.h"
#include "http/response.h"
#include "site/site_context.h"

namespace broadsheet::site {

http::Response ServeCommentFormPage(const SiteContext& context, const http::Request& request);
http::Response ServeCommentPost(const SiteContext& context, const http::Request& request);
http::Response ServeCommentsPage(const SiteContext& context, const http::Request& request);
http::Response ServeCommentReport(const SiteContext& context, const http::Request& request);

}  // namespace broadsheet::site
