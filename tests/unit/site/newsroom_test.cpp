// The newsroom's desk in-process (issue 11): uploads that are not pictures, too large, or
// hostile are refused or re-encoded, and every served file is a clean picture; the moderation
// desk's bulk approval; closed comments; settings changed on the page reaching the public
// pages (and fixed ones staying fixed); the dashboard's chart and table; and every one of
// these actions in the audit log with its user.
#include <gtest/gtest.h>

#include <boost/property_tree/ptree.hpp>
#include <boost/property_tree/xml_parser.hpp>
#include <sstream>

#include "http/form.h"
#include "news/calendar.h"
#include "site/site_fixture.h"
#include "unit/media/test_images.h"

namespace broadsheet::site {
namespace {

using http::Method;
namespace images = media::testing;

constexpr std::string_view kBoundary = "----desk-upload-boundary-3f9";

std::string Part(std::string_view name, std::string_view value) {
  return "--" + std::string(kBoundary) + "\r\nContent-Disposition: form-data; name=\"" +
         std::string(name) + "\"\r\n\r\n" + std::string(value) + "\r\n";
}

std::string UploadBody(const std::string& csrf, const std::string& bytes,
                       const std::string& filename = "picture.bin") {
  return Part("csrf", csrf) + Part("alt", "What the picture shows") + "--" +
         std::string(kBoundary) + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" +
         filename + "\"\r\nContent-Type: application/octet-stream\r\n\r\n" + bytes + "\r\n--" +
         std::string(kBoundary) + "--\r\n";
}

class Newsroom : public ::testing::Test {
 protected:
  Newsroom() : site_(3), editor_(site_.SignedInAs("ed@example.org", news::Role::kAdmin)) {}

  http::Response Upload(const std::string& bytes, const std::string& filename = "picture.bin") {
    return site_.Send(Method::kPost, "/admin/media",
                      {{"Cookie", editor_.cookie},
                       {"Content-Type", "multipart/form-data; boundary=" + std::string(kBoundary)}},
                      UploadBody(editor_.csrf, bytes, filename));
  }
  http::Response Post(const std::string& target,
                      std::vector<std::pair<std::string, std::string>> fields) {
    fields.emplace_back("csrf", editor_.csrf);
    std::string body;
    for (const auto& [name, value] : fields) {
      body += (body.empty() ? "" : "&") + name + "=" + http::PercentEncode(value);
    }
    return site_.Send(
        Method::kPost, target,
        {{"Cookie", editor_.cookie}, {"Content-Type", "application/x-www-form-urlencoded"}}, body);
  }
  http::Response DeskGet(const std::string& target) {
    return site_.Send(Method::kGet, target, {{"Cookie", editor_.cookie}});
  }
  // The audit log's entries for `action`, all by the editor.
  std::vector<store::AuditEntry> Audited(const std::string& action) {
    auto rows = site_.real().ListAudit({.action = action, .limit = 100}).rows;
    for (const auto& row : rows) EXPECT_EQ(row.user_email, "ed@example.org") << action;
    return rows;
  }

  SiteFixture site_;
  SiteFixture::DeskSession editor_;
};

// Every variant of the newest upload, fetched from the public /media/ route.
struct Served {
  std::string extension;
  http::Response response;
};

std::vector<Served> ServedVariants(SiteFixture& site) {
  const auto page = site.real().ListMedia(0, 1);
  EXPECT_EQ(page.rows.size(), 1u);
  std::vector<Served> served;
  if (page.rows.empty()) return served;
  for (const int width : page.rows[0].widths) {
    for (const char* extension : {"webp", "jpg"}) {
      served.push_back({extension, site.Get("/media/" + page.rows[0].hash + "-" +
                                            std::to_string(width) + "." + extension)});
    }
  }
  return served;
}

// The four-character names of a WebP file's chunks, in order.
std::vector<std::string> WebpChunks(const std::string& webp) {
  std::vector<std::string> chunks;
  if (webp.size() < 12 || webp.compare(0, 4, "RIFF") != 0 || webp.compare(8, 4, "WEBP") != 0) {
    ADD_FAILURE() << "not a RIFF WebP file";
    return chunks;
  }
  std::size_t at = 12;
  while (at + 8 <= webp.size()) {
    const auto byte = [&](std::size_t i) {
      return static_cast<std::uint32_t>(static_cast<unsigned char>(webp[at + 4 + i]));
    };
    const std::uint32_t size = byte(0) | byte(1) << 8 | byte(2) << 16 | byte(3) << 24;
    chunks.push_back(webp.substr(at, 4));
    at += 8 + size + (size & 1);
  }
  return chunks;
}

void ExpectCleanPicture(const Served& file) {
  SCOPED_TRACE(file.extension);
  ASSERT_EQ(file.response.status, 200);
  EXPECT_EQ(file.response.Header("X-Content-Type-Options"), "nosniff");
  EXPECT_EQ(file.response.Header("Content-Type"),
            file.extension == "webp" ? "image/webp" : "image/jpeg");
  const std::string& bytes = file.response.body;
  EXPECT_TRUE(images::Decode(bytes, file.extension)) << "decodes as a picture";
  for (const std::string_view forbidden :
       {std::string_view("<html"), std::string_view("<script"), std::string_view("PK\x03\x04", 4),
        std::string_view("CREATOR")}) {
    EXPECT_EQ(bytes.find(forbidden), std::string::npos) << forbidden;
  }
  if (file.extension == "jpg") {
    for (const unsigned marker : images::JpegMarkers(bytes)) {
      EXPECT_FALSE(marker == 0xFE || (marker > 0xE0 && marker <= 0xEF))
          << "a metadata segment: " << std::hex << marker;
    }
  } else {
    // RIFF....WEBP, then chunks of pixels only: no EXIF, XMP or ICC chunk.
    for (const std::string& chunk : WebpChunks(bytes)) {
      EXPECT_TRUE(chunk == "VP8 " || chunk == "VP8L" || chunk == "VP8X" || chunk == "ALPH")
          << "a metadata chunk: " << chunk;
    }
  }
}

TEST_F(Newsroom, UploadsThatAreNotPicturesOrTooLargeAreRefusedAndChangeNothing) {
  struct Refused {
    const char* what;
    std::string bytes;
    const char* message;
  };
  const std::vector<Refused> cases = {
      {"plain text", "This is not a picture at all.\n", "not a JPEG, PNG, WebP or GIF"},
      {"an HTML page", "<!DOCTYPE html><html><script>alert(1)</script></html>",
       "not a JPEG, PNG, WebP or GIF"},
      // 100,000 × 100,000 pixels declared in a 33-byte header: refused before any decoding
      // (decoding it would fail differently: it has no pixel data at all).
      {"ten gigapixels", images::PngHeaderOnly(100000, 100000), "100000 × 100000"},
  };
  for (const Refused& refused : cases) {
    SCOPED_TRACE(refused.what);
    const auto response = Upload(refused.bytes);
    EXPECT_EQ(response.status, 422);
    EXPECT_NE(response.body.find(refused.message), std::string::npos) << response.body;
    EXPECT_EQ(site_.real().ListMedia(0, 1).total, 0) << "nothing stored";
  }
  EXPECT_EQ(Audited("media.refuse").size(), cases.size());
}

TEST_F(Newsroom, HostileUploadsAreReencodedIntoCleanPictures) {
  const std::string jpeg = images::JpegOf(images::Picture(1200, 800).get());
  const std::string png = images::PngOf(images::Picture(700, 500, /*alpha=*/true).get());
  struct Hostile {
    const char* what;
    std::string bytes;
  };
  const std::vector<Hostile> cases = {
      {"a script in the JPEG's Exif and comment",
       images::WithSegmentsAfterSoi(
           jpeg, images::JpegSegment(
                     0xE1, std::string("Exif\0\0", 6) + "<script>alert(document.cookie)</script>") +
                     images::JpegSegment(0xFE, "<html><script>alert(2)</script>"))},
      {"a PNG that is also an HTML page",
       images::WithChunkBeforeIend(png, images::PngChunk("tEXt", "c\0<html><script>x</script>")) +
           "<html><body><script>alert(3)</script></body></html>"},
      {"a JPEG with a ZIP appended",
       jpeg + std::string("PK\x03\x04\x14\x00\x00\x00\x08\x00", 10) + "evil.html<script>"},
      {"an animated GIF", images::AnimatedGif(640, 360)},
  };
  for (const Hostile& upload : cases) {
    SCOPED_TRACE(upload.what);
    const auto response = Upload(upload.bytes);
    ASSERT_EQ(response.status, 303) << response.body.substr(0, 2000);
    const auto served = ServedVariants(site_);
    EXPECT_GE(served.size(), 2u);
    for (const Served& file : served) ExpectCleanPicture(file);
    // Never the upload as uploaded: every served file differs from it.
    for (const Served& file : served) EXPECT_NE(file.response.body, upload.bytes);
    ASSERT_EQ(site_.real().DeleteMedia(site_.real().ListMedia(0, 1).rows[0].id),
              store::MediaDeletion::kDeleted);
  }
  EXPECT_EQ(Audited("media.upload").size(), cases.size());
  // Only names of the shape the store writes reach the file system.
  EXPECT_EQ(site_.Get("/media/broadsheet.db").status, 404);
  EXPECT_EQ(site_.Get("/media/0123456789abcdef0123456789abcdef-480.png").status, 404);
}

TEST_F(Newsroom, MultipartBodiesWithTooManyPartsOrHugeHeadersAreRefused) {
  std::string many;
  for (int i = 0; i < 10000; ++i) many += Part("f" + std::to_string(i), "x");
  many += "--" + std::string(kBoundary) + "--\r\n";
  std::string huge_header =
      "--" + std::string(kBoundary) +
      "\r\nContent-Disposition: form-data; name=\"csrf\"\r\nX-Pad: " + std::string(1 << 20, 'a') +
      "\r\n\r\n" + editor_.csrf + "\r\n--" + std::string(kBoundary) + "--\r\n";
  for (const std::string* body : {&many, &huge_header}) {
    const auto response =
        site_.Send(Method::kPost, "/admin/media",
                   {{"Cookie", editor_.cookie},
                    {"Content-Type", "multipart/form-data; boundary=" + std::string(kBoundary)}},
                   *body);
    EXPECT_GE(response.status, 400);
    EXPECT_LT(response.status, 500);
  }
  EXPECT_EQ(site_.real().ListMedia(0, 1).total, 0);
}

TEST_F(Newsroom, AFeaturedPictureIsShownWithSrcsetSizesAndDimensions) {
  ASSERT_EQ(Upload(images::JpegOf(images::Picture(2000, 1000).get())).status, 303);
  const auto media = site_.real().ListMedia(0, 1).rows.at(0);
  auto article = *site_.real().FindArticle(1);
  news::ArticleInput input{.title = article.title,
                           .slug = article.slug,
                           .category = article.category.name,
                           .author = article.author.name,
                           .status = news::ArticleStatus::kPublished,
                           .body_markdown = article.body_markdown,
                           .featured_media_id = media.id,
                           .featured_alt = "The quay at dawn"};
  ASSERT_TRUE(news::NormalizeAndValidate(input).empty());
  ASSERT_EQ(site_.real().UpdateArticle(1, input, article.body_html, 2000, {}, "saved"),
            store::SaveOutcome::kSaved);
  site_.context().pages.Invalidate();
  const auto page = site_.Get(site_.ArticlePath(1));
  ASSERT_EQ(page.status, 200);
  const std::string prefix = "/media/" + media.hash;
  EXPECT_NE(page.body.find("<source type=\"image/webp\" srcset=\"" + prefix + "-480.webp 480w, " +
                           prefix + "-960.webp 960w, " + prefix + "-1600.webp 1600w\""),
            std::string::npos)
      << page.body;
  EXPECT_NE(page.body.find("width=\"1600\" height=\"800\" alt=\"The quay at dawn\""),
            std::string::npos);
  EXPECT_NE(page.body.find("sizes=\""), std::string::npos);
  EXPECT_EQ(page.body.find("loading=\"lazy\""), std::string::npos) << "above the fold";
  const auto front = site_.Get("/");
  EXPECT_NE(front.body.find(prefix + "-480.jpg 480w"), std::string::npos) << "on the listing";
  // In use: the library refuses to delete it.
  ASSERT_EQ(DeskGet("/admin/media").status, 200);
  EXPECT_EQ(Post("/admin/media/delete", {{"id", std::to_string(media.id)}}).status, 409);
  EXPECT_TRUE(site_.real().FindMedia(media.id));
  // Unused again, it goes, files and all, and the log says who did it.
  input.featured_media_id = 0;
  input.featured_alt.clear();
  ASSERT_EQ(site_.real().UpdateArticle(1, input, article.body_html, 2001, {}, "saved"),
            store::SaveOutcome::kSaved);
  EXPECT_EQ(Post("/admin/media/delete", {{"id", std::to_string(media.id)}}).status, 303);
  EXPECT_FALSE(site_.real().FindMedia(media.id));
  EXPECT_EQ(site_.Get("/media/" + media.hash + "-480.webp").status, 404);
  EXPECT_EQ(Audited("media.delete").size(), 1u);
}

store::CommentRow Pending(std::int64_t article, const std::string& name) {
  store::CommentRow comment;
  comment.article_id = article;
  comment.reader_id = "reader-" + name;
  comment.name = name;
  comment.body = "A thought from " + name + ".";
  comment.status = news::CommentStatus::kPending;
  comment.hold_reason = "moderation";
  comment.created_at = news::UnixNow();
  return comment;
}

TEST_F(Newsroom, BulkApprovalShowsAllThreeCommentsOnTheArticlePage) {
  std::vector<std::string> ids;
  for (const char* name : {"Ada", "Brook", "Corin"}) {
    ids.push_back(std::to_string(*site_.real().AddComment(Pending(1, name))));
  }
  const auto queue = DeskGet("/admin/comments?queue=pending");
  ASSERT_EQ(queue.status, 200);
  EXPECT_NE(queue.body.find("held because: moderation"), std::string::npos);
  EXPECT_EQ(site_.Get(site_.ArticlePath(1)).body.find("A thought from Ada."), std::string::npos);
  const auto done = Post(
      "/admin/comments",
      {{"queue", "pending"}, {"act", "approve"}, {"id", ids[0]}, {"id", ids[1]}, {"id", ids[2]}});
  ASSERT_EQ(done.status, 303);
  EXPECT_EQ(done.Header("Location"), "/admin/comments?queue=pending&done=3");
  const auto page = site_.Get(site_.ArticlePath(1));
  for (const char* name : {"Ada", "Brook", "Corin"}) {
    EXPECT_NE(page.body.find(std::string("A thought from ") + name + "."), std::string::npos)
        << name;
  }
  EXPECT_EQ(Audited("comment.approve").size(), 3u);
  // One at a time, the other actions.
  const auto spam = *site_.real().AddComment(Pending(1, "Spammer"));
  ASSERT_EQ(Post("/admin/comments", {{"act", "spam:" + std::to_string(spam)}}).status, 303);
  EXPECT_EQ(site_.real().FindComment(spam)->status, news::CommentStatus::kSpam);
  ASSERT_EQ(Post("/admin/comments", {{"act", "delete:" + std::to_string(spam)}}).status, 303);
  EXPECT_FALSE(site_.real().FindComment(spam));
  EXPECT_EQ(Post("/admin/comments", {{"act", "approve"}}).status, 422) << "nothing ticked";
  EXPECT_EQ(Audited("comment.spam").size(), 1u);
  EXPECT_EQ(Audited("comment.delete").size(), 1u);
}

TEST_F(Newsroom, AClosedArticleRefusesCommentsWith403AndSaysSo) {
  const std::string path = site_.ArticlePath(1);
  EXPECT_NE(site_.Get(path).body.find("comment-add-link"), std::string::npos);
  ASSERT_EQ(Post("/admin/articles/comments", {{"id", "1"}, {"mode", "closed"}}).status, 303);
  const auto page = site_.Get(path);
  EXPECT_NE(page.body.find("Comments are closed."), std::string::npos);
  EXPECT_EQ(page.body.find("comment-add-link"), std::string::npos) << "no form";
  const auto json = site_.Send(
      Method::kPost, path + "/comments",
      {{"Accept", "application/json"}, {"Content-Type", "application/x-www-form-urlencoded"}},
      "name=Ada&comment=Hello");
  EXPECT_EQ(json.status, 403);
  EXPECT_NE(json.body.find("Comments are closed on this article"), std::string::npos);
  const auto html =
      site_.Send(Method::kPost, path + "/comments",
                 {{"Content-Type", "application/x-www-form-urlencoded"}}, "name=Ada&comment=Hello");
  EXPECT_EQ(html.status, 403);
  EXPECT_NE(html.body.find("Comments are closed."), std::string::npos);
  EXPECT_EQ(site_.real().ListComments(store::CommentFilter::kAll, 10).size(), 0u);
  EXPECT_EQ(Audited("article.comments").size(), 1u);

  // Held for this article only: a comment waits whatever the site's mode.
  ASSERT_EQ(Post("/admin/articles/comments", {{"id", "1"}, {"mode", "held"}}).status, 303);
  EXPECT_EQ(site_.real().FindArticle(1)->comment_mode, news::CommentMode::kHeld);
  EXPECT_EQ(Post("/admin/articles/comments", {{"id", "1"}, {"mode", "loud"}}).status, 422);

  // Closing by age: the demo articles were published in 2023, long past one day.
  ASSERT_EQ(Post("/admin/articles/comments", {{"id", "2"}, {"mode", "site"}}).status, 303);
  ASSERT_EQ(Post("/admin/settings", {{"comments.close_after_days", "1"}}).status, 303);
  EXPECT_NE(site_.Get(site_.ArticlePath(2)).body.find("Comments are closed."), std::string::npos);
  EXPECT_EQ(site_
                .Send(Method::kPost, site_.ArticlePath(2) + "/comments",
                      {{"Accept", "application/json"},
                       {"Content-Type", "application/x-www-form-urlencoded"}},
                      "name=Ada&comment=Hello")
                .status,
            403);
  EXPECT_NE(site_.Get(site_.ArticlePath(2) + "/comments?page=1").body.find("Comments are closed."),
            std::string::npos)
      << "the comments page offers no form either";
  // An editor's explicit "open" overrides the age rule.
  ASSERT_EQ(Post("/admin/articles/comments", {{"id", "2"}, {"mode", "open"}}).status, 303);
  EXPECT_EQ(site_.Get(site_.ArticlePath(2)).body.find("Comments are closed."), std::string::npos);
  // Every change above is in the audit log, with its user: four modes, one setting.
  EXPECT_EQ(Audited("article.comments").size(), 4u);
  const auto setting = Audited("setting.change");
  ASSERT_EQ(setting.size(), 1u);
  EXPECT_EQ(setting[0].object, "comments.close_after_days");
  EXPECT_EQ(setting[0].detail, "0 → 1");
}

TEST_F(Newsroom, RestoringARevisionWhosePictureWasDeletedRestoresTheTextWithoutIt) {
  ASSERT_EQ(Upload(images::JpegOf(images::Picture(800, 600).get())).status, 303);
  const auto old_picture = site_.real().ListMedia(0, 1).rows.at(0).id;
  auto article = *site_.real().FindArticle(1);
  news::ArticleInput input{.title = "With the old picture",
                           .slug = article.slug,
                           .category = article.category.name,
                           .author = article.author.name,
                           .status = news::ArticleStatus::kPublished,
                           .body_markdown = "Text.",
                           .featured_media_id = old_picture,
                           .featured_alt = "Old"};
  ASSERT_TRUE(news::NormalizeAndValidate(input).empty());
  ASSERT_EQ(site_.real().UpdateArticle(1, input, "<p>Text.</p>", 2000, {}, "saved"),
            store::SaveOutcome::kSaved);
  const auto with_picture = site_.real().ListRevisions(1).front().id;
  input.title = "Without it";
  input.featured_media_id = 0;
  input.featured_alt.clear();
  ASSERT_EQ(site_.real().UpdateArticle(1, input, "<p>Text.</p>", 2001, {}, "saved"),
            store::SaveOutcome::kSaved);
  ASSERT_EQ(site_.real().DeleteMedia(old_picture), store::MediaDeletion::kDeleted);
  const auto restored =
      Post("/admin/revisions/restore", {{"id", "1"}, {"revision", std::to_string(with_picture)}});
  ASSERT_EQ(restored.status, 303) << restored.body.substr(0, 1500);
  EXPECT_NE(restored.Header("Location").find("picture=gone"), std::string::npos);
  const auto now = *site_.real().FindArticle(1);
  EXPECT_EQ(now.title, "With the old picture");
  EXPECT_EQ(now.featured.media_id, 0);
}

TEST_F(Newsroom, AContributorSeesNeitherOthersDraftsChartsNorTheirTitlesInTheLibrary) {
  const auto contributor = site_.SignedInAs("cub@example.org", news::Role::kContributor);
  ASSERT_EQ(Upload(images::JpegOf(images::Picture(800, 600).get())).status, 303);
  const auto media = site_.real().ListMedia(0, 1).rows.at(0);
  news::ArticleInput draft{.title = "Secret Merger Plans",
                           .category = "Town Hall",
                           .author = "Someone Else",
                           .status = news::ArticleStatus::kDraft,
                           .body_markdown = "Hush.",
                           .featured_media_id = media.id,
                           .featured_alt = "A boardroom"};
  ASSERT_TRUE(news::NormalizeAndValidate(draft).empty());
  const auto id = site_.real().AddArticle(draft, "<p>Hush.</p>", 3000, 0);
  const auto as_contributor = [&](const std::string& target) {
    return site_.Send(Method::kGet, target, {{"Cookie", contributor.cookie}});
  };
  const auto chart = as_contributor("/admin/?article=" + std::to_string(id));
  ASSERT_EQ(chart.status, 200);
  EXPECT_EQ(chart.body.find("Secret Merger Plans"), std::string::npos);
  EXPECT_NE(chart.body.find("Views per day: the site"), std::string::npos);
  const auto library = as_contributor("/admin/media");
  EXPECT_EQ(library.body.find("Secret Merger Plans"), std::string::npos);
  EXPECT_NE(library.body.find("an unpublished article"), std::string::npos);
  // The editor sees both.
  EXPECT_NE(DeskGet("/admin/?article=" + std::to_string(id)).body.find("Secret Merger Plans"),
            std::string::npos);
  EXPECT_NE(DeskGet("/admin/media").body.find("Secret Merger Plans"), std::string::npos);
}

TEST_F(Newsroom, SettingsChangedOnThePageReachThePublicPagesUnlessTheServerFixedThem) {
  const auto form = DeskGet("/admin/settings");
  ASSERT_EQ(form.status, 200);
  EXPECT_NE(form.body.find("name=\"comments.moderation\""), std::string::npos);
  ASSERT_EQ(Post("/admin/settings", {{"site.name", "The Quay Courier"},
                                     {"site.tagline", "Tides and town"},
                                     {"site.lang", "ar"}})
                .status,
            303);
  const auto front = site_.Get("/");
  EXPECT_NE(front.body.find("The Quay Courier"), std::string::npos);
  EXPECT_NE(front.body.find("<html lang=\"ar\" dir=\"rtl\">"), std::string::npos);
  EXPECT_EQ(Audited("setting.change").size(), 3u);

  const auto bad =
      Post("/admin/settings", {{"site.lang", "not a language!"}, {"site.name", "Never Saved"}});
  EXPECT_EQ(bad.status, 422);
  EXPECT_NE(bad.body.find("language tag"), std::string::npos);
  EXPECT_EQ(site_.real().ReadSetting("site.name"), "The Quay Courier") << "nothing changed";

  // A name set in the server's configuration wins, and the page cannot change it.
  site_.context().settings.name_fixed = true;
  site_.context().settings.name = "The Configured Gazette";
  site_.context().pages.Invalidate();
  EXPECT_NE(site_.Get("/").body.find("The Configured Gazette"), std::string::npos);
  EXPECT_NE(DeskGet("/admin/settings").body.find("Set by the server's configuration"),
            std::string::npos);
  EXPECT_EQ(Post("/admin/settings", {{"site.name", "Sneaked In"}}).status, 403);
  EXPECT_EQ(site_.real().ReadSetting("site.name"), "The Quay Courier");
}

TEST_F(Newsroom, TheDashboardDrawsWellFormedSvgWithATableOfTheSameNumbers) {
  const std::int64_t now = news::UnixNow();
  site_.real().AddViews({{1, news::LocalDay(now), 7, 0},
                         {2, news::LocalDay(now), 5, 0},
                         {1, news::LocalDayBefore(now, 3), 11, 0},
                         {2, news::LocalDayBefore(now, 40), 99, 0}});
  const auto page = DeskGet("/admin/");
  ASSERT_EQ(page.status, 200);
  const auto start = page.body.find("<svg");
  const auto end = page.body.find("</svg>");
  ASSERT_NE(start, std::string::npos);
  std::istringstream svg(page.body.substr(start, end + 6 - start));
  boost::property_tree::ptree tree;
  EXPECT_NO_THROW(boost::property_tree::read_xml(svg, tree)) << "well-formed XML";
  EXPECT_EQ(tree.get<std::string>("svg.<xmlattr>.role"), "img");
  EXPECT_NE(page.body.find("<tr><td>" + news::LocalDay(now) + "</td><td>12</td></tr>"),
            std::string::npos);
  EXPECT_NE(page.body.find("<tr><td>" + news::LocalDayBefore(now, 3) + "</td><td>11</td></tr>"),
            std::string::npos);
  EXPECT_NE(page.body.find("<tr><td>" + news::LocalDayBefore(now, 29) + "</td><td>0</td></tr>"),
            std::string::npos);
  EXPECT_EQ(page.body.find(news::LocalDayBefore(now, 40)), std::string::npos) << "30 days only";
  EXPECT_NE(page.body.find("23 views in the last 30 days"), std::string::npos);
  // One article's chart.
  const auto one = DeskGet("/admin/?article=2");
  EXPECT_NE(one.body.find("<tr><td>" + news::LocalDay(now) + "</td><td>5</td></tr>"),
            std::string::npos);
  // A pending comment and a draft in review show up.
  site_.real().AddComment(Pending(1, "Dana"));
  EXPECT_NE(DeskGet("/admin/").body.find("A thought from Dana."), std::string::npos);
}

}  // namespace
}  // namespace broadsheet::site
