#include "import/wordpress_import.h"

#include <fmt/core.h>

#include <algorithm>
#include <charconv>
#include <ctime>
#include <set>
#include <unordered_map>
#include <variant>

#include "http/request_target.h"
#include "import/batch_writer.h"
#include "import/html_markdown.h"
#include "import/import_text.h"
#include "import/imported_terms.h"
#include "import/wxr_reader.h"
#include "news/comment.h"
#include "news/slug.h"

namespace broadsheet::import {
namespace {

using store::ImportedArticle;
using store::ImportedComment;
using store::ImportedTerm;
using store::OldSystem;

// WordPress writes non-ASCII slugs percent-encoded ("%c3%bcber"): the old addresses, once
// decoded by the router, carry the letters themselves.
std::string DecodedSlug(const std::string& slug) {
  return http::PercentDecode(slug, false).value_or(slug);
}

bool IsNumber(std::string_view text) {
  return !text.empty() && text.size() <= 19 &&
         std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// A picture WordPress knows (an attachment item): its address and alt text.
struct Attachment {
  std::string url;
  std::string alt;
};

// What the first pass learns and the second uses.
struct Channel {
  std::string source;
  std::unordered_map<std::string, std::string> author_names;  // login -> display name
  NestedCategories categories;                                // by slug
  std::unordered_map<std::string, Attachment> attachments;    // by post id
  std::int64_t items = 0;
};

// Everything the old site's item holds that a row may not: refused here, in the first pass.
void CheckItem(const WxrItem& item) {
  if (!IsNumber(item.post_id)) {
    throw std::runtime_error("an item's wp:post_id \"" + item.post_id.substr(0, 40) +
                             "\" is not a number");
  }
  const std::string post = "post " + item.post_id + ": ";
  UtcDateTime(item.post_date, post + "wp:post_date");
  UtcDateTime(item.post_date_gmt, post + "wp:post_date_gmt");
  UtcDateTime(item.post_modified_gmt, post + "wp:post_modified_gmt");
  for (const WxrComment& comment : item.comments) {
    if (!IsNumber(comment.id)) {
      throw std::runtime_error(post + "a comment's wp:comment_id \"" + comment.id.substr(0, 40) +
                               "\" is not a number");
    }
    if (!comment.parent.empty() && !IsNumber(comment.parent)) {
      throw std::runtime_error(post + "comment " + comment.id +
                               "'s wp:comment_parent is not a number");
    }
    UtcDateTime(comment.date_gmt, post + "comment " + comment.id + "'s wp:comment_date_gmt");
  }
}

class WordPressImporter {
 public:
  WordPressImporter(store::Store& store, const ImportOptions& options)
      : store_(store), options_(options) {}

  ImportReport Run() {
    ReadChannel();
    report_.source = channel_.source;
    report_.other_items_what = "other items (attachments, menus, revisions, trash)";
    WxrHandler write;
    write.item = [this](const WxrItem& item) { Take(item); };
    if (!options_.dry_run) {
      writer_.emplace(store_, OldSystem::kWordPress, channel_.source, options_.batch_rows,
                      options_.pause_ms);
    }
    ReadWxr(options_.file, write);
    if (writer_) writer_->Flush();
    seen_.Fill(report_);
    return std::move(report_);
  }

 private:
  // The first pass: the whole file checked, the channel's names learnt, nothing written.
  void ReadChannel() {
    WxrHandler check;
    check.channel = [this](const WxrChannel& channel) {
      channel_.source = options_.source.empty() ? channel.base_site_url : options_.source;
      imported_ = ImportedArticleIds(store_, OldSystem::kWordPress, channel_.source);
    };
    check.author = [this](const WxrAuthor& author) {
      channel_.author_names[author.login] =
          author.display_name.empty() ? author.login : StripMarkup(author.display_name);
    };
    check.term = [this](const WxrTerm& term) {
      // WordPress escapes a term's name for HTML before it puts it in CDATA ("Search &amp;
      // Rescue").
      if (term.is_category) {
        channel_.categories[term.slug] = {StripMarkup(term.name), term.parent_slug};
      }
    };
    check.item = [this](const WxrItem& item) {
      CheckItem(item);
      ++channel_.items;
      if (item.post_type == "attachment" && !item.attachment_url.empty()) {
        Attachment& attachment = channel_.attachments[item.post_id];
        attachment.url = item.attachment_url;
        for (const auto& [key, value] : item.postmeta) {
          if (key == "_wp_attachment_image_alt") attachment.alt = StripMarkup(value);
        }
      }
      // Converted once unrecorded, so whatever would refuse a row refuses it now (a post
      // imported before is not converted again).
      if (Kept(item)) {
        if (!imported_.contains(item.post_id)) Article(item, item.post_type == "page", false);
        Comments(item);
      }
    };
    ReadWxr(options_.file, check);
    report_ = {};
    seen_ = {};
  }

  // A post or (with --pages) page in a status Broadsheet keeps.
  bool Kept(const WxrItem& item) const {
    static const std::set<std::string, std::less<>> kKept = {"publish", "future", "draft",
                                                             "pending", "private"};
    const bool page = item.post_type == "page" && !options_.pages_category.empty();
    return (item.post_type == "post" || page) && kKept.contains(item.status);
  }

  void Take(const WxrItem& item) {
    if (options_.progress) options_.progress(++items_done_, channel_.items);
    const bool page = item.post_type == "page";
    if (page && options_.pages_category.empty()) {
      ++report_.pages_skipped;
      return;
    }
    if (!Kept(item)) {
      ++report_.other_items_skipped;
      return;
    }
    std::vector<ImportedComment> comments = Comments(item);
    if (imported_.contains(item.post_id)) {
      ++report_.articles_already;
      report_.comments_already += static_cast<std::int64_t>(comments.size());
      // Still sent: a run cut short may have written the post but not all its comments.
      if (writer_) writer_->Add(std::nullopt, std::move(comments));
      return;
    }
    ImportedArticle article = Article(item, page, !options_.dry_run);
    ++report_.articles_by_status[std::string(news::ToString(article.status))];
    for (const ImportedComment& comment : comments) {
      ++report_.comments_by_status[std::string(news::ToString(comment.status))];
    }
    if (writer_) writer_->Add(std::move(article), std::move(comments));
  }

  // `store_pictures`: the featured picture is stored now (the writing pass of a real run).
  ImportedArticle Article(const WxrItem& item, bool page, bool store_pictures) {
    const std::string post = "post " + item.post_id;
    ImportedArticle article;
    article.old_id = item.post_id;
    article.old_slug = DecodedSlug(item.post_name);
    // Categories: the first is the article's (flattened to its top level); every other, and
    // the nested path, become tags so no grouping is lost.
    std::vector<ImportedTerm> tags;
    std::string category_name;
    for (const WxrItemTerm& term : item.terms) {
      if (term.domain == "category") {
        auto [top, path] = FlattenedCategory(channel_.categories, term.nicename, term.nicename);
        if (category_name.empty()) {
          category_name = top;
          article.category.old_key = DecodedSlug(term.nicename);
        } else {
          tags.push_back({top, "", ""});
        }
        if (!path.empty()) tags.push_back({path, "", ""});
      } else if (term.domain == "post_tag") {
        tags.push_back({StripMarkup(term.name), DecodedSlug(term.nicename), ""});
      }
    }
    if (page) category_name = options_.pages_category;
    if (category_name.empty()) category_name = "Uncategorized";
    article.category.name = UsableCategoryName(Shortened(category_name, news::kMaxNameLength),
                                               options_.reserved, seen_.renamed);
    seen_.categories.insert(news::Slugify(article.category.name));
    const auto author = channel_.author_names.find(item.creator);
    article.author.name =
        Shortened(author != channel_.author_names.end() ? author->second : item.creator,
                  news::kMaxNameLength);
    if (article.author.name.empty()) article.author.name = "Unknown author";
    article.author.old_key = item.creator;
    seen_.authors.insert(article.author.name);

    news::ArticleInput input;
    input.title = StripMarkup(item.title);
    if (input.title.empty()) input.title = "Untitled (" + post + ")";
    input.title = Noted(Shortened(input.title, news::kMaxTitleLength), input.title, post, "title");
    input.slug = news::Slugify(article.old_slug);
    // A slug in letters Broadsheet's slugs do not fold (Cyrillic, Greek, CJK): from the title,
    // else from the old id; the old address still redirects by the old slug.
    if (input.slug.empty()) input.slug = news::Slugify(input.title);
    if (input.slug.empty()) input.slug = "article-" + item.post_id;
    input.summary = Noted(ShortenedAtWord(StripMarkup(item.excerpt), news::kMaxSummaryLength),
                          StripMarkup(item.excerpt), post, "summary");
    input.category = article.category.name;
    input.author = article.author.name;
    AddImportedTags(std::move(tags), post, article, input, report_.notes, seen_.tags);
    ConvertedBody body = HtmlToMarkdown(item.content);
    for (const std::string& removed : body.removed) {
      report_.removed_markup.push_back(post + ": " + removed);
    }
    input.body_markdown =
        Noted(Shortened(body.markdown, news::kMaxBodyLength), body.markdown, post, "body");
    const std::int64_t gmt = UtcDateTime(item.post_date_gmt, "wp:post_date_gmt");
    // A published post without a GMT time (an old import into WordPress) has its local one.
    const std::int64_t when = gmt != 0 ? gmt : UtcDateTime(item.post_date, "wp:post_date");
    input.status = item.status == "publish"  ? news::ArticleStatus::kPublished
                   : item.status == "future" ? news::ArticleStatus::kScheduled
                                             : news::ArticleStatus::kDraft;
    // Broadsheet has no passwords for readers: a protected post stays unpublished.
    if (!item.post_password.empty() && input.status != news::ArticleStatus::kDraft) {
      input.status = news::ArticleStatus::kDraft;
      report_.notes.push_back(post + ": protected by a password, imported as a draft");
    }
    input.published_at = input.status == news::ArticleStatus::kDraft ? 0 : when;
    if (store_pictures) FeaturedPicture(item, input);
    TakeCheckedInput(input, options_.reserved, post, article);
    const std::int64_t modified = UtcDateTime(item.post_modified_gmt, "wp:post_modified_gmt");
    article.updated_at = std::max(modified, when);
    article.featured_media_id = input.featured_media_id;
    article.featured_alt = input.featured_alt;
    if (options_.media_dir.empty()) {
      if (const Attachment* picture = FeaturedAttachment(item)) {
        report_.featured_images.push_back(post + ": " + picture->url);
      }
    }
    return article;
  }

  const Attachment* FeaturedAttachment(const WxrItem& item) const {
    for (const auto& [key, value] : item.postmeta) {
      if (key != "_thumbnail_id") continue;
      const auto found = channel_.attachments.find(value);
      if (found != channel_.attachments.end()) return &found->second;
    }
    return nullptr;
  }

  // With --media: the featured picture from the local copy of wp-content/uploads, stored
  // the way uploads are (re-encoded, no metadata). One that cannot be is noted, and the
  // article comes without it.
  void FeaturedPicture(const WxrItem& item, news::ArticleInput& input) {
    const Attachment* picture = FeaturedAttachment(item);
    if (options_.media_dir.empty() || picture == nullptr || !options_.store_picture) return;
    const std::string post = "post " + item.post_id;
    constexpr std::string_view kUploads = "/wp-content/uploads/";
    const auto at = picture->url.find(kUploads);
    const std::string relative =
        at == std::string::npos ? std::string() : picture->url.substr(at + kUploads.size());
    if (relative.empty() || relative.find("..") != std::string::npos ||
        relative.find('?') != std::string::npos) {
      report_.notes.push_back(post +
                              ": featured image not under wp-content/uploads: " + picture->url);
      return;
    }
    const std::string path = options_.media_dir + "/" + DecodedSlug(relative);
    std::string alt = picture->alt.empty() ? input.title : picture->alt;
    alt = Shortened(alt, news::kMaxAltLength);
    const auto stored = options_.store_picture(path, alt);
    if (const auto* why = std::get_if<std::string>(&stored)) {
      report_.notes.push_back(post + ": featured image not imported (" + *why + "): " + path);
      return;
    }
    input.featured_media_id = std::get<std::int64_t>(stored);
    input.featured_alt = alt;
    ++report_.pictures;
  }

  std::vector<ImportedComment> Comments(const WxrItem& item) {
    std::vector<const WxrComment*> sorted;
    for (const WxrComment& comment : item.comments) sorted.push_back(&comment);
    // Parents before their replies: WordPress numbers comments in the order they came.
    std::sort(sorted.begin(), sorted.end(), [](const WxrComment* a, const WxrComment* b) {
      return std::stoll(a->id) < std::stoll(b->id);
    });
    std::vector<ImportedComment> comments;
    for (const WxrComment* comment : sorted) {
      if (comment->type == "pingback" || comment->type == "trackback") {
        ++report_.pings_skipped;
        continue;
      }
      if (comment->approved == "trash") {
        ++report_.comments_trashed_skipped;
        continue;
      }
      ImportedComment row;
      row.old_id = comment->id;
      row.old_article_id = item.post_id;
      if (comment->parent != "0") row.old_parent_id = comment->parent;
      row.name = Shortened(StripMarkup(comment->author), news::kMaxCommentNameLength);
      if (row.name.empty()) row.name = "Anonymous";
      row.email = Shortened(comment->author_email, news::kMaxCommentEmailLength);
      row.url = Shortened(comment->author_url, news::kMaxCommentUrlLength);
      row.body = Shortened(PlainParagraphs(comment->content), news::kMaxCommentBodyLength);
      row.status = comment->approved == "1"      ? news::CommentStatus::kApproved
                   : comment->approved == "spam" ? news::CommentStatus::kSpam
                                                 : news::CommentStatus::kPending;
      row.created_at = UtcDateTime(comment->date_gmt, "wp:comment_date_gmt");
      comments.push_back(std::move(row));
    }
    return comments;
  }

  // `value` as cut, noting in the report when it was.
  std::string Noted(std::string value, const std::string& whole, const std::string& post,
                    const char* field) {
    if (value.size() < whole.size()) {
      report_.notes.push_back(post + ": " + field + " cut to " + std::to_string(value.size()) +
                              " bytes");
    }
    return value;
  }

  store::Store& store_;
  const ImportOptions& options_;
  std::optional<BatchWriter> writer_;  // from the channel's source on
  Channel channel_;
  ImportReport report_;
  std::set<std::string> imported_;  // old post ids this source holds already
  TermsSeen seen_;
  std::int64_t items_done_ = 0;
};

}  // namespace

ImportReport ImportWordPress(store::Store& store, const ImportOptions& options) {
  WordPressImporter importer(store, options);
  return importer.Run();
}

}  // namespace broadsheet::import
