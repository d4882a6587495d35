// The text of a store's change signals (PostgreSQL NOTIFY payloads), written and read as
// store::ChangeNotice (store.h). Payloads are text of at most kMaxPayloadBytes (PostgreSQL's limit
// is 8000 bytes):
//   views:    "views ID:TOTAL ID:TOTAL ..."
//   rating:   "rating ID SUM COUNT REVISION"
//   content:  "content VERSION all|article|comments ARTICLE_ID"
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "store/store.h"

namespace broadsheet::store {

inline constexpr std::size_t kMaxPayloadBytes = 7900;

// The payload for a view flush's totals; empty (a bare signal) when they do not fit.
std::string ViewsPayload(const std::vector<ViewTotals>& totals);
std::string RatingPayload(const RatingTotals& totals);
// Parses any payload; kUnknown for anything not exactly as written above.
ChangeNotice ParseChangeNotice(std::string_view payload);

}  // namespace broadsheet::store
