// The old addresses of imported sites (issue 14) and the redirects editors make, in memory:
// a request whose path is one of the old forms is parsed into (system, kind, old key) and
// looked up here, so a miss costs no query. Loaded again only when the store's old-links
// version moved (an import batch, a redirect added or deleted). Thread-safe.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

#include "news/field_error.h"
#include "store/store.h"

namespace broadsheet::site {

// Where an old address leads: an object of this site (its address is worked out when asked,
// so it follows later renames) or, for an editor's redirect, the address given.
struct OldTarget {
  store::OldKind kind = store::OldKind::kArticle;
  std::int64_t id = 0;
  std::string address;  // set for redirects: a path here or a full URL
};

class OldLinkMap {
 public:
  // Reads every old link and redirect, and the slugs of the tags and authors they name.
  explicit OldLinkMap(store::Store& store);
  OldLinkMap() = default;

  // What `path` (decoded) with `query` (raw) named on an old site, if it is an old form this
  // map knows: an editor's redirect first (path with query, then the path alone), then the
  // WordPress and K2 forms (docs/IMPORT.md, "Old addresses").
  std::optional<OldTarget> Find(std::string_view path, std::string_view query) const;

  bool empty() const { return redirects_.empty() && links_.empty(); }
  // Whether a site of that CMS was imported: its old forms are then ours to answer, with 404
  // for an id it never had (K2's "/item/N-alias" never reaches our article N).
  bool Has(store::OldSystem system) const {
    return system == store::OldSystem::kK2 ? has_k2_ : has_wordpress_;
  }

  // The slug of an imported tag or author, by id (empty when unknown).
  std::string TagSlug(std::int64_t id) const;
  std::string AuthorSlug(std::int64_t id) const;

 private:
  std::optional<OldTarget> Link(store::OldSystem system, store::OldKind kind,
                                std::string_view key) const;
  std::optional<OldTarget> WordPressForm(std::string_view path, std::string_view query) const;
  std::optional<OldTarget> K2Form(std::string_view path, std::string_view query) const;

  std::unordered_map<std::string, std::string> redirects_;  // old path[?query] -> target
  // "system kind key" -> new id; articles also under "system slug KEY" by old slug.
  std::unordered_map<std::string, std::int64_t> links_;
  std::unordered_map<std::int64_t, std::string> tag_slugs_;
  std::unordered_map<std::int64_t, std::string> author_slugs_;
  bool has_wordpress_ = false;
  bool has_k2_ = false;
};

// The map as of the store's current old-links version, checked at most once per page-cache
// generation (every import batch and redirect change moves the content version too).
class OldLinks {
 public:
  explicit OldLinks(store::Store& store) : store_(store) {}
  std::shared_ptr<const OldLinkMap> Current(std::uint64_t generation);

 private:
  store::Store& store_;
  std::mutex mutex_;
  std::shared_ptr<const OldLinkMap> map_;  // guarded by mutex_
  std::int64_t version_ = -1;
  std::uint64_t checked_generation_ = 0;
  bool checked_ = false;
};

// The longest old address or target a redirect may have, in bytes: the same bound as the
// other addresses the store keeps (an imported link's old id and slug).
inline constexpr std::size_t kMaxRedirectLength = 2000;

// The key of a redirect from `old`: a path ("/old/page/"), a path with a query, or a full
// URL (its path and query) -> the decoded path, with "?query" when there is one. nullopt when
// it is none of those, or longer than kMaxRedirectLength.
std::optional<std::string> RedirectKey(std::string_view old);

// True for a redirect target Broadsheet accepts: a path on this site ("/x") or an http(s) URL,
// at most kMaxRedirectLength bytes.
bool IsRedirectTarget(std::string_view target);

// An editor's redirect as typed, checked by the one set of rules that `broadsheet redirect`
// and the back office's redirects page both apply.
struct CheckedRedirect {
  std::string key;           // RedirectKey of the old address; empty when that is unusable
  news::FieldErrors errors;  // empty when it may be stored; fields "old" and "target"
};

// Checks a redirect from `old` (a path or an http(s) URL) to `target` (IsRedirectTarget):
// each over kMaxRedirectLength, not of those forms, or a target whose key is the old
// address's own (it would answer with a redirect to itself) gets a message a person can act
// on, naming the value (shortened). Never throws for bad input.
CheckedRedirect CheckRedirect(std::string_view old, std::string_view target);
// The same for the old address alone (to delete a redirect).
CheckedRedirect CheckRedirectSource(std::string_view old);

}  // namespace broadsheet::site
