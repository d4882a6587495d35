// Issue 13: what a page tells search engines and social networks. The article page's JSON-LD
// (NewsArticle and BreadcrumbList) and the front page's (WebSite with a SearchAction) parse as
// JSON and carry the fields; Open Graph and the Twitter card are present, with absolute URLs,
// the featured picture's size, and summary_large_image only when there is a picture.
#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "http/harness/discovery_site.h"

namespace broadsheet::testing {
namespace {

constexpr const char* kPictured = "Pictured harbour at dawn";

class Metadata : public DiscoverySiteTest {
 protected:
  void SeedMore(store::Store& store) override {
    store::MediaRow media{.hash = std::string(64, 'a'),
                          .width = 2400,
                          .height = 1600,
                          .widths = {480, 960, 1600},
                          .bytes = 1000,
                          .alt = "Boats at the quay",
                          .original_name = "dawn.jpg",
                          .uploaded_at = Utc(2025, 4, 1)};
    const auto added = store.AddMedia(media);
    news::ArticleInput input{.title = kPictured,
                             .summary = "The quay before sunrise.",
                             .category = "Town Hall",
                             .author = "Ada Quill",
                             .status = news::ArticleStatus::kPublished,
                             .tags = {"Harbour", "Photography"},
                             .body_markdown = "Dawn.",
                             .featured_media_id = added.id,
                             .featured_alt = "Boats at the quay"};
    ASSERT_TRUE(news::NormalizeAndValidate(input).empty());
    ids_[kPictured] = store.AddArticle(input, "<p>Dawn.</p>", Utc(2025, 4, 8), 0);
  }
  std::string ExtraConfig() const override {
    return "name = \"The Quay Courier\"\nlogo = \"/static/logo.png\"\n";
  }

  std::string Origin() const { return "http://127.0.0.1:" + std::to_string(server_->port()); }

  // The content of <meta property|name="key" content="...">, or nullopt.
  static std::vector<std::string> MetaValues(const std::string& page, const std::string& key) {
    std::vector<std::string> values;
    for (const char* attribute : {"property", "name"}) {
      const std::string start = std::string("<meta ") + attribute + "=\"" + key + "\" content=\"";
      for (auto at = page.find(start); at != std::string::npos; at = page.find(start, at + 1)) {
        const auto from = at + start.size();
        values.push_back(page.substr(from, page.find('"', from) - from));
      }
    }
    return values;
  }
  static std::string Meta(const std::string& page, const std::string& key) {
    const auto values = MetaValues(page, key);
    return values.empty() ? "(none)" : values.front();
  }

  // Every JSON-LD block of the page, parsed (a parse error fails the test).
  static std::vector<boost::json::object> JsonLd(const std::string& page) {
    std::vector<boost::json::object> blocks;
    const std::string open = "<script type=\"application/ld+json\">";
    for (auto at = page.find(open); at != std::string::npos; at = page.find(open, at + 1)) {
      const auto from = at + open.size();
      const std::string text = page.substr(from, page.find("</script>", from) - from);
      boost::system::error_code error;
      const boost::json::value value = boost::json::parse(text, error);
      EXPECT_FALSE(error) << "JSON-LD does not parse: " << text;
      if (!error && value.is_object()) blocks.push_back(value.as_object());
    }
    return blocks;
  }
  static boost::json::object OfType(const std::vector<boost::json::object>& blocks,
                                    const std::string& type) {
    for (const auto& block : blocks) {
      if (block.contains("@type") && block.at("@type") == type.c_str()) return block;
    }
    ADD_FAILURE() << "no JSON-LD of type " << type;
    return {};
  }
  static std::string Text(const boost::json::value& value) {
    return value.is_string() ? std::string(value.as_string()) : "(not a string)";
  }
};

TEST_F(Metadata, issue_0013_TheArticlePageCarriesNewsArticleBreadcrumbsAndOpenGraph) {
  const std::string path = PathOf(kPictured);
  const HttpResponse page = client_->Get(path);
  ASSERT_EQ(page.status, 200);
  const std::string url = Origin() + path;
  const std::string image = Origin() + "/media/" + std::string(64, 'a') + "-1600.jpg";

  const auto blocks = JsonLd(page.body);
  const auto article = OfType(blocks, "NewsArticle");
  ASSERT_FALSE(article.empty());
  EXPECT_EQ(Text(article.at("headline")), kPictured);
  EXPECT_EQ(Text(article.at("url")), url);
  EXPECT_EQ(Text(article.at("image").at("url")), image);
  EXPECT_EQ(article.at("image").at("width"), 1600);
  EXPECT_EQ(article.at("image").at("height"), 1066);
  EXPECT_TRUE(Text(article.at("datePublished")).starts_with("2025-04-08T12:00:00"));
  EXPECT_FALSE(Text(article.at("dateModified")).empty());
  EXPECT_EQ(Text(article.at("author").at("@type")), "Person");
  EXPECT_EQ(Text(article.at("author").at("name")), "Ada Quill");
  EXPECT_EQ(Text(article.at("author").at("url")), Origin() + "/author/ada-quill/");
  EXPECT_EQ(Text(article.at("publisher").at("@type")), "Organization");
  EXPECT_EQ(Text(article.at("publisher").at("name")), "The Quay Courier");
  EXPECT_EQ(Text(article.at("publisher").at("logo").at("url")), Origin() + "/static/logo.png");
  EXPECT_EQ(article.at("keywords"), (boost::json::array{"Harbour", "Photography"}));
  EXPECT_EQ(Text(article.at("articleSection")), "Town Hall");

  const auto crumbs = OfType(blocks, "BreadcrumbList");
  ASSERT_FALSE(crumbs.empty());
  const auto& items = crumbs.at("itemListElement").as_array();
  ASSERT_EQ(items.size(), 3u);
  EXPECT_EQ(Text(items[0].at("item")), Origin() + "/");
  EXPECT_EQ(Text(items[1].at("item")), Origin() + "/town-hall/");
  EXPECT_EQ(Text(items[2].at("item")), url);
  EXPECT_EQ(items[2].at("position"), 3);

  EXPECT_EQ(Meta(page.body, "og:type"), "article");
  EXPECT_EQ(Meta(page.body, "og:title"), kPictured);
  EXPECT_EQ(Meta(page.body, "og:description"), "The quay before sunrise.");
  EXPECT_EQ(Meta(page.body, "og:url"), url);
  EXPECT_EQ(Meta(page.body, "og:site_name"), "The Quay Courier");
  EXPECT_EQ(Meta(page.body, "og:image"), image);
  EXPECT_EQ(Meta(page.body, "og:image:width"), "1600");
  EXPECT_EQ(Meta(page.body, "og:image:height"), "1066");
  EXPECT_EQ(Meta(page.body, "og:image:alt"), "Boats at the quay");
  EXPECT_TRUE(Meta(page.body, "article:published_time").starts_with("2025-04-08T12:00:00"));
  EXPECT_NE(Meta(page.body, "article:modified_time"), "(none)");
  EXPECT_EQ(Meta(page.body, "article:author"), Origin() + "/author/ada-quill/");
  EXPECT_EQ(Meta(page.body, "article:section"), "Town Hall");
  EXPECT_EQ(MetaValues(page.body, "article:tag"),
            (std::vector<std::string>{"Harbour", "Photography"}));
  EXPECT_EQ(Meta(page.body, "twitter:card"), "summary_large_image");
  EXPECT_EQ(Meta(page.body, "twitter:image"), image);
  EXPECT_NE(page.body.find("<link rel=\"canonical\" href=\"" + url + "\">"), std::string::npos);
}

TEST_F(Metadata, issue_0013_WithoutAPictureTheCardIsASummary) {
  const HttpResponse page = client_->Get(PathOf(kStrike));
  EXPECT_EQ(Meta(page.body, "twitter:card"), "summary");
  EXPECT_EQ(Meta(page.body, "og:image"), "(none)");
  EXPECT_FALSE(OfType(JsonLd(page.body), "NewsArticle").contains("image"));
}

TEST_F(Metadata, issue_0013_TheFrontPageIsAWebSiteWithASearchAction) {
  const HttpResponse front = client_->Get("/");
  const auto site = OfType(JsonLd(front.body), "WebSite");
  ASSERT_FALSE(site.empty());
  EXPECT_EQ(Text(site.at("name")), "The Quay Courier");
  EXPECT_EQ(Text(site.at("url")), Origin() + "/");
  EXPECT_EQ(Text(site.at("potentialAction").at("@type")), "SearchAction");
  EXPECT_EQ(Text(site.at("potentialAction").at("target").at("urlTemplate")),
            Origin() + "/search?q={search_term_string}");
  EXPECT_EQ(Meta(front.body, "og:type"), "website");
  EXPECT_EQ(Meta(front.body, "og:url"), Origin() + "/");
  EXPECT_EQ(Meta(front.body, "og:site_name"), "The Quay Courier");
  // A listing's Open Graph names its own address.
  EXPECT_EQ(Meta(client_->Get("/tag/ferries/?page=2").body, "og:url"),
            Origin() + "/tag/ferries/?page=2");
}

}  // namespace
}  // namespace broadsheet::testing
