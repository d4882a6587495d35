// The back office's front page (/admin/): views per day over the last 30 days, site-wide or
// for one article, as a server-drawn SVG chart with a table of the same numbers; the most
// read articles today and this week; the newest comments awaiting moderation (editors); and
// the drafts waiting for review.
#pragma once

#include "http/request.h"
#include "http/response.h"
#include "site/admin/desk_context.h"

namespace broadsheet::site::admin {

// How many days the dashboard's chart and `broadsheet stats --by day` default to.
inline constexpr int kDashboardDays = 30;

http::Response ServeDashboard(const DeskContext& desk, const http::Request& request);

}  // namespace broadsheet::site::admin
