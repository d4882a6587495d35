// Which published articles a reader's listing shows (issue 13): all of them (the front page),
// a category's, a tag's, an author's, or those of a period (an archive month). Every listing
// shows its articles in ListingKey order, newest first, and pages through them by key.
#pragma once

#include <cstdint>

namespace broadsheet::store {

struct ListingScope {
  enum class Kind { kAll, kCategory, kTag, kAuthor, kPeriod };
  Kind kind = Kind::kAll;
  std::int64_t id = 0;    // the category, tag or author
  std::int64_t from = 0;  // kPeriod: published_at in [from, until)
  std::int64_t until = 0;

  // Not explicit on purpose: a category id (0: every category) is what a listing was before
  // there were other kinds, and the callers that list a category pass just that.
  ListingScope(std::int64_t category_id = 0)  // NOLINT(google-explicit-constructor)
      : kind(category_id == 0 ? Kind::kAll : Kind::kCategory), id(category_id) {}
  static ListingScope Tag(std::int64_t tag_id) { return Of(Kind::kTag, tag_id); }
  static ListingScope Author(std::int64_t author_id) { return Of(Kind::kAuthor, author_id); }
  static ListingScope Period(std::int64_t from, std::int64_t until) {
    ListingScope scope = Of(Kind::kPeriod, 0);
    scope.from = from;
    scope.until = until;
    return scope;
  }

 private:
  static ListingScope Of(Kind kind, std::int64_t id) {
    ListingScope scope;
    scope.kind = kind;
    scope.id = id;
    return scope;
  }
};

}  // namespace broadsheet::store
