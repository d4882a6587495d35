// The SQL column list of a comment row, the same in both stores; each maps it in its own rows
// header in this order.
#pragma once

namespace broadsheet::store {

inline constexpr const char* kCommentColumns =
    "id, article_id, reader_id, name, email, url, body, status, hold_reason, created_at, reports,"
    " approved_by_editor, coalesce(parent_id, 0)";

}  // namespace broadsheet::store
