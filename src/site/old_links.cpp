#include "site/old_links.h"

#include <charconv>
#include <vector>

#include "http/request_target.h"

namespace broadsheet::site {
namespace {

using store::OldKind;
using store::OldSystem;

// How much of a refused value a message repeats: enough to recognise it, never a whole
// 2000-byte URL. Cut at a character boundary, control characters shown as '?', so the
// message is safe to print on a terminal.
std::string Shown(std::string_view value) {
  constexpr std::size_t kShownBytes = 80;
  std::string shown;
  for (std::size_t i = 0; i < value.size(); ++i) {
    const auto byte = static_cast<unsigned char>(value[i]);
    const bool continuation = (byte & 0xC0) == 0x80;
    if (shown.size() >= kShownBytes && !continuation) return shown + "…";
    shown += byte < 0x20 || byte == 0x7f ? '?' : value[i];
  }
  return shown;
}

std::string TooLong(std::string_view what) {
  return std::string(what) + " is longer than " + std::to_string(kMaxRedirectLength) +
         " characters.";
}

std::string Key(OldSystem system, std::string_view kind, std::string_view key) {
  std::string joined(store::ToString(system));
  joined += ' ';
  joined += kind;
  joined += ' ';
  joined += key;
  return joined;
}

// The decoded value of query parameter `name`, else nullopt.
std::optional<std::string> QueryValue(std::string_view query, std::string_view name) {
  while (!query.empty()) {
    const auto amp = query.find('&');
    const std::string_view pair = query.substr(0, amp);
    const auto equals = pair.find('=');
    if (pair.substr(0, equals) == name) {
      return http::PercentDecode(
          equals == std::string_view::npos ? std::string_view() : pair.substr(equals + 1), true);
    }
    if (amp == std::string_view::npos) break;
    query.remove_prefix(amp + 1);
  }
  return std::nullopt;
}

// "/a/b/c/" -> {"a", "b", "c"}; empty segments dropped.
std::vector<std::string_view> Segments(std::string_view path) {
  std::vector<std::string_view> segments;
  while (!path.empty()) {
    const auto slash = path.find('/');
    const std::string_view segment = path.substr(0, slash);
    if (!segment.empty()) segments.push_back(segment);
    if (slash == std::string_view::npos) break;
    path.remove_prefix(slash + 1);
  }
  return segments;
}

bool IsDigits(std::string_view text, std::size_t size) {
  if (text.size() != size && size != 0) return false;
  if (text.empty()) return false;
  for (const char c : text) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

// K2's "N-alias" or "N:alias" or "N" -> "N"; empty when it does not start with a number.
std::string_view LeadingId(std::string_view text) {
  std::size_t end = 0;
  while (end < text.size() && text[end] >= '0' && text[end] <= '9') ++end;
  if (end == 0 || end > 19) return {};
  if (end < text.size() && text[end] != '-' && text[end] != ':') return {};
  return text.substr(0, end);
}

}  // namespace

OldLinkMap::OldLinkMap(store::Store& store) {
  bool tags = false;
  bool authors = false;
  for (const store::OldLink& link : store.ListOldLinks()) {
    links_.emplace(Key(link.system, store::ToString(link.kind), link.old_id), link.new_id);
    if (link.kind == OldKind::kArticle && !link.old_slug.empty()) {
      links_.emplace(Key(link.system, "slug", link.old_slug), link.new_id);
    }
    (link.system == OldSystem::kK2 ? has_k2_ : has_wordpress_) = true;
    tags = tags || link.kind == OldKind::kTag;
    authors = authors || link.kind == OldKind::kAuthor;
  }
  if (tags) {
    for (const store::Tag& tag : store.ListTags()) tag_slugs_.emplace(tag.id, tag.slug);
  }
  if (authors) {
    for (const store::Author& author : store.ListAuthors()) {
      author_slugs_.emplace(author.id, author.slug);
    }
  }
  for (store::RedirectRow& redirect : store.ListRedirects()) {
    redirects_.emplace(std::move(redirect.old_path), std::move(redirect.target));
  }
}

std::string OldLinkMap::TagSlug(std::int64_t id) const {
  const auto found = tag_slugs_.find(id);
  return found == tag_slugs_.end() ? std::string() : found->second;
}

std::string OldLinkMap::AuthorSlug(std::int64_t id) const {
  const auto found = author_slugs_.find(id);
  return found == author_slugs_.end() ? std::string() : found->second;
}

std::optional<OldTarget> OldLinkMap::Link(OldSystem system, OldKind kind,
                                          std::string_view key) const {
  if (key.empty()) return std::nullopt;
  const auto found = links_.find(Key(system, store::ToString(kind), key));
  if (found == links_.end()) return std::nullopt;
  return OldTarget{.kind = kind, .id = found->second, .address = {}};
}

std::optional<OldTarget> OldLinkMap::Find(std::string_view path, std::string_view query) const {
  if (!redirects_.empty()) {
    if (!query.empty()) {
      std::string key(path);
      key += '?';
      key += query;
      if (const auto found = redirects_.find(key); found != redirects_.end()) {
        return OldTarget{.kind = OldKind::kArticle, .id = 0, .address = found->second};
      }
    }
    if (const auto found = redirects_.find(std::string(path)); found != redirects_.end()) {
      return OldTarget{.kind = OldKind::kArticle, .id = 0, .address = found->second};
    }
  }
  // Only the forms of a system that was imported: most sites have one, or none.
  if (has_k2_) {
    if (auto target = K2Form(path, query)) return target;
  }
  if (has_wordpress_) return WordPressForm(path, query);
  return std::nullopt;
}

// WordPress: /?p=ID (and ?page_id=ID), /YYYY/MM/DD/slug/, /YYYY/MM/slug/, /slug/,
// /category/a/b/c/, /tag/y/, /author/login/.
std::optional<OldTarget> OldLinkMap::WordPressForm(std::string_view path,
                                                   std::string_view query) const {
  if (path == "/") {
    for (const std::string_view name : {"p", "page_id"}) {
      const auto id = QueryValue(query, name);
      if (id && IsDigits(*id, 0)) return Link(OldSystem::kWordPress, OldKind::kArticle, *id);
    }
    return std::nullopt;
  }
  const std::vector<std::string_view> segments = Segments(path);
  if (segments.empty()) return std::nullopt;
  const std::string_view first = segments.front();
  if (first == "category" && segments.size() >= 2) {
    return Link(OldSystem::kWordPress, OldKind::kCategory, segments.back());
  }
  if (first == "tag" && segments.size() == 2) {
    return Link(OldSystem::kWordPress, OldKind::kTag, segments[1]);
  }
  if (first == "author" && segments.size() == 2) {
    return Link(OldSystem::kWordPress, OldKind::kAuthor, segments[1]);
  }
  const bool dated = IsDigits(first, 4) && segments.size() >= 3 && IsDigits(segments[1], 2) &&
                     (segments.size() == 3 || (segments.size() == 4 && IsDigits(segments[2], 2)));
  if (dated || segments.size() == 1) {
    const auto found = links_.find(Key(OldSystem::kWordPress, "slug", segments.back()));
    if (found != links_.end()) {
      return OldTarget{.kind = OldKind::kArticle, .id = found->second, .address = {}};
    }
  }
  return std::nullopt;
}

// K2: index.php?option=com_k2&view=item&id=N[:alias], /item/N-alias,
// /component/k2/item/N-alias, index.php?option=com_k2&view=itemlist&task=category&id=N,
// ...&task=tag&tag=NAME, /itemlist/category/N-alias, /itemlist/tag/NAME; Joomla's
// "/index.php/" before any of the paths too.
std::optional<OldTarget> OldLinkMap::K2Form(std::string_view path, std::string_view query) const {
  std::vector<std::string_view> segments = Segments(path);
  if (!segments.empty() && segments.front() == "index.php") segments.erase(segments.begin());
  if (segments.empty()) {
    if (QueryValue(query, "option") != "com_k2") return std::nullopt;
    const auto view = QueryValue(query, "view");
    const auto id = QueryValue(query, "id").value_or("");
    if (view == "item") return Link(OldSystem::kK2, OldKind::kArticle, LeadingId(id));
    if (view != "itemlist") return std::nullopt;
    const auto task = QueryValue(query, "task");
    if (task == "category") return Link(OldSystem::kK2, OldKind::kCategory, LeadingId(id));
    if (task == "tag")
      return Link(OldSystem::kK2, OldKind::kTag, QueryValue(query, "tag").value_or(""));
    return std::nullopt;
  }
  if (segments.size() >= 3 && segments[0] == "component" && segments[1] == "k2") {
    segments.erase(segments.begin(), segments.begin() + 2);
  }
  if (segments.size() == 2 && segments[0] == "item") {
    return Link(OldSystem::kK2, OldKind::kArticle, LeadingId(segments[1]));
  }
  if (segments.size() == 3 && segments[0] == "itemlist" && segments[1] == "category") {
    return Link(OldSystem::kK2, OldKind::kCategory, LeadingId(segments[2]));
  }
  if (segments.size() == 3 && segments[0] == "itemlist" && segments[1] == "tag") {
    return Link(OldSystem::kK2, OldKind::kTag, segments[2]);
  }
  return std::nullopt;
}

std::shared_ptr<const OldLinkMap> OldLinks::Current(std::uint64_t generation) {
  std::lock_guard lock(mutex_);
  if (checked_ && checked_generation_ == generation) return map_;
  const std::int64_t version = store_.OldLinksVersion();
  if (!map_ || version != version_) {
    map_ = std::make_shared<const OldLinkMap>(store_);
    version_ = version;
  }
  checked_ = true;
  checked_generation_ = generation;
  return map_;
}

std::optional<std::string> RedirectKey(std::string_view old) {
  if (old.starts_with("http://") || old.starts_with("https://")) {
    const auto host_start = old.find("//") + 2;
    const auto path_start = old.find_first_of("/?", host_start);
    old = path_start == std::string_view::npos ? std::string_view("/") : old.substr(path_start);
    if (old.front() == '?') return std::nullopt;
  }
  if (old.empty() || old.front() != '/' || old.size() > kMaxRedirectLength) return std::nullopt;
  const auto parsed = http::ParseTarget(old);
  if (!parsed) return std::nullopt;
  return parsed->query.empty() ? parsed->path : parsed->path + "?" + parsed->query;
}

bool IsRedirectTarget(std::string_view target) {
  if (target.empty() || target.size() > kMaxRedirectLength) return false;
  for (const char c : target) {
    if (static_cast<unsigned char>(c) <= ' ' || c == 0x7f) return false;
  }
  // Another host without saying how; browsers read a backslash after the slash as a slash.
  if (target.starts_with("//") || target.starts_with("/\\")) return false;
  return target.front() == '/' || target.starts_with("http://") || target.starts_with("https://");
}

CheckedRedirect CheckRedirectSource(std::string_view old) {
  CheckedRedirect checked;
  if (old.empty()) {
    checked.errors.push_back({"old", "Give the old address: a path or an http(s) URL."});
  } else if (old.size() > kMaxRedirectLength) {
    checked.errors.push_back({"old", TooLong("The old address")});
  } else if (auto key = RedirectKey(old)) {
    checked.key = std::move(*key);
  } else {
    checked.errors.push_back({"old", "\"" + Shown(old) +
                                         "\" is not a path (\"/old/page/\") or an http(s) "
                                         "URL (\"https://old.example/page\")."});
  }
  return checked;
}

CheckedRedirect CheckRedirect(std::string_view old, std::string_view target) {
  CheckedRedirect checked = CheckRedirectSource(old);
  if (target.empty()) {
    checked.errors.push_back({"target", "Give the new address: a path here or an http(s) URL."});
  } else if (target.size() > kMaxRedirectLength) {
    checked.errors.push_back({"target", TooLong("The new address")});
  } else if (!IsRedirectTarget(target)) {
    checked.errors.push_back({"target", "\"" + Shown(target) +
                                            "\" is not a path on this site (\"/new/page/\") "
                                            "or an http(s) URL."});
  } else if (!checked.key.empty() && RedirectKey(target) == checked.key) {
    // A full URL is compared by its path too: the host may well be this site's own, which
    // the CLI cannot know, and a redirect to itself would send readers round in circles.
    checked.errors.push_back(
        {"target", "A redirect cannot lead to its own old address (" + Shown(checked.key) + ")."});
  }
  return checked;
}

}  // namespace broadsheet::site
