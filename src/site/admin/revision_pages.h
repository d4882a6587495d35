// An article's revisions: the list, the difference between any two, and restoring one (which
// saves its fields as a new revision, so nothing is ever lost by restoring).
#pragma once

#include "http/request.h"
#include "http/response.h"
#include "site/admin/desk_context.h"
#include "site/admin/desk_session.h"
#include "store/store.h"

namespace broadsheet::site::admin {

http::Response RevisionsPage(const DeskContext& desk, const http::Request& request,
                             const SignedIn& signed_in, const store::ArticleRow& article);
// ?a=REVISION&b=REVISION (b defaults to the newest).
http::Response DiffPage(const DeskContext& desk, const http::Request& request,
                        const SignedIn& signed_in, const store::ArticleRow& article);
http::Response ServeRestoreRevision(const DeskContext& desk, const http::Request& request);

}  // namespace broadsheet::site::admin
