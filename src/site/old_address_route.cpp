#include "site/old_address_route.h"

#include "site/listing_facts.h"
#include "site/old_links.h"
#include "site/page_data.h"

namespace broadsheet::site {
namespace {

// The address `target` names now, empty when nothing is there to see.
std::string AddressOf(const SiteContext& context, const OldLinkMap& links,
                      const OldTarget& target) {
  if (!target.address.empty()) return target.address;
  switch (target.kind) {
    case store::OldKind::kArticle: {
      const auto article = context.store.FindArticle(target.id);
      if (!article || article->status != news::ArticleStatus::kPublished) return {};
      return ArticlePath(*article);
    }
    case store::OldKind::kCategory: {
      const auto listings = context.listings.Current();
      for (const auto& [slug, count] : listings->by_slug) {
        if (count.category.id == target.id) return CategoryPath(count.category);
      }
      return {};
    }
    case store::OldKind::kTag: {
      const std::string slug = links.TagSlug(target.id);
      return slug.empty() ? std::string() : "/tag/" + slug + "/";
    }
    case store::OldKind::kAuthor: {
      const std::string slug = links.AuthorSlug(target.id);
      return slug.empty() ? std::string() : "/author/" + slug + "/";
    }
    case store::OldKind::kComment:
      return {};
  }
  return {};
}

}  // namespace

std::optional<http::Response> RedirectOldAddress(const SiteContext& context,
                                                 const http::Request& request) {
  const auto links = context.listings.OldLinksNow();
  if (links->empty()) return std::nullopt;
  const auto target = links->Find(request.path, request.query);
  if (!target) return std::nullopt;
  const std::string address = AddressOf(context, *links, *target);
  // Never to itself: an editor's redirect to its own path, or an old form that is ours now.
  const std::string_view own = std::string_view(address).substr(0, address.find('?'));
  if (address.empty() || (own == request.path && request.query.empty()) ||
      address == request.path + "?" + request.query) {
    return std::nullopt;
  }
  auto response = http::Response::Redirect(301, address);
  response.SetHeader("Cache-Control", "public, max-age=3600");
  return response;
}

bool IsImportedSitesAddress(const SiteContext& context, const http::Request& request) {
  if (request.path == "/") {
    const bool asks_post =
        request.QueryParam("p").has_value() || request.QueryParam("page_id").has_value();
    return asks_post && context.listings.OldLinksNow()->Has(store::OldSystem::kWordPress);
  }
  return request.path.starts_with("/item/") &&
         context.listings.OldLinksNow()->Has(store::OldSystem::kK2);
}

}  // namespace broadsheet::site
