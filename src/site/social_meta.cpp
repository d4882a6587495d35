#include "site/social_meta.h"

#include "render/comment_text.h"

namespace broadsheet::site {
namespace {

void Add(std::string& html, const char* attribute, const std::string& name,
         const std::string& content) {
  html += std::string("<meta ") + attribute + "=\"" + name + "\" content=\"" +
          render::EscapeHtml(content) + "\">\n";
}

}  // namespace

std::string SocialMetaTags(const PageMeta& meta, const std::string& site_name,
                           const std::string& title, const std::string& description,
                           const std::string& canonical_url) {
  std::string html;
  Add(html, "property", "og:type", meta.og_type);
  Add(html, "property", "og:title", title);
  Add(html, "property", "og:description", description);
  Add(html, "property", "og:url", canonical_url);
  Add(html, "property", "og:site_name", site_name);
  const bool image = !meta.image.url.empty();
  if (image) {
    Add(html, "property", "og:image", meta.image.url);
    Add(html, "property", "og:image:width", std::to_string(meta.image.width));
    Add(html, "property", "og:image:height", std::to_string(meta.image.height));
    if (!meta.image_alt.empty()) Add(html, "property", "og:image:alt", meta.image_alt);
  }
  if (meta.og_type == "article") {
    Add(html, "property", "article:published_time", meta.published_time);
    Add(html, "property", "article:modified_time", meta.modified_time);
    Add(html, "property", "article:author", meta.author_url);
    Add(html, "property", "article:section", meta.section);
    for (const std::string& tag : meta.tags) Add(html, "property", "article:tag", tag);
  }
  Add(html, "name", "twitter:card", image ? "summary_large_image" : "summary");
  Add(html, "name", "twitter:title", title);
  Add(html, "name", "twitter:description", description);
  if (image) {
    Add(html, "name", "twitter:image", meta.image.url);
    if (!meta.image_alt.empty()) Add(html, "name", "twitter:image:alt", meta.image_alt);
  }
  return html;
}

}  // namespace broadsheet::site
