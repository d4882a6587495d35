#include "import/wxr_reader.h"

#include <expat.h>

#include <algorithm>
#include <cstdio>
#include <cstring>
#include <exception>
#include <functional>
#include <memory>
#include <optional>
#include <string_view>

namespace broadsheet::import {
namespace {

// The largest text of one element (a post's content): WordPress itself caps a post at the
// database's 4 GiB, but a news article above this is a broken file, not a story.
constexpr std::size_t kMaxText = 16 * 1024 * 1024;
constexpr std::size_t kMaxTermsPerItem = 1000;
constexpr std::size_t kMaxCommentsPerItem = 100000;
constexpr std::size_t kChunk = 1 << 16;

// Where the element being read sits in the document.
enum class Scope { kOutside, kChannel, kAuthor, kCategory, kTag, kItem, kComment, kPostmeta };

class WxrParser {
 public:
  WxrParser(std::string path, const WxrHandler& handler)
      : path_(std::move(path)), handler_(handler), parser_(XML_ParserCreate("UTF-8")) {
    XML_SetUserData(parser_, this);
    XML_SetElementHandler(parser_, &WxrParser::Start, &WxrParser::End);
    XML_SetCharacterDataHandler(parser_, &WxrParser::Characters);
  }
  WxrParser(const WxrParser&) = delete;
  WxrParser& operator=(const WxrParser&) = delete;
  ~WxrParser() { XML_ParserFree(parser_); }

  // `read` fills up to `size` bytes and returns how many (fewer: the end).
  void Run(const std::function<std::size_t(char*, std::size_t)>& read) {
    for (;;) {
      void* buffer = XML_GetBuffer(parser_, kChunk);
      if (buffer == nullptr) Fail("out of memory");
      const std::size_t got = read(static_cast<char*>(buffer), kChunk);
      const bool last = got < kChunk;
      if (XML_ParseBuffer(parser_, static_cast<int>(got), last) != XML_STATUS_OK) {
        if (failure_) throw ImportError(Where(), *failure_);
        Fail(XML_ErrorString(XML_GetErrorCode(parser_)));
      }
      if (last) break;
    }
    if (!seen_rss_) Fail("not a WordPress export (no <rss> element)");
  }

 private:
  [[noreturn]] void Fail(const std::string& what) { throw ImportError(Where(), what); }

  std::string Where() const {
    return path_ + ":" + std::to_string(XML_GetCurrentLineNumber(parser_)) + ":" +
           std::to_string(XML_GetCurrentColumnNumber(parser_) + 1);
  }

  // Stops the parser with `what`; expat is C, so nothing may be thrown through it.
  void Stop(std::string what) {
    if (failure_) return;
    failure_ = std::move(what);
    XML_StopParser(parser_, XML_FALSE);
  }

  template <typename Call>
  void Guard(Call call) {
    if (failure_) return;
    try {
      call();
    } catch (const std::exception& error) {
      Stop(error.what());
    }
  }

  static void Start(void* data, const XML_Char* name, const XML_Char** attributes) {
    auto* self = static_cast<WxrParser*>(data);
    self->Guard([&] { self->OnStart(name, attributes); });
  }
  static void End(void* data, const XML_Char* name) {
    auto* self = static_cast<WxrParser*>(data);
    self->Guard([&] { self->OnEnd(name); });
  }
  static void Characters(void* data, const XML_Char* text, int length) {
    auto* self = static_cast<WxrParser*>(data);
    if (self->failure_ || !self->collecting_) return;
    if (self->text_.size() + static_cast<std::size_t>(length) > kMaxText) {
      self->Stop("a value longer than 16 MB");
      return;
    }
    self->text_.append(text, static_cast<std::size_t>(length));
  }

  static std::string_view Attribute(const XML_Char** attributes, std::string_view name) {
    for (int i = 0; attributes[i] != nullptr; i += 2) {
      if (name == attributes[i]) return attributes[i + 1];
    }
    return {};
  }

  void OnStart(std::string_view name, const XML_Char** attributes) {
    ++depth_;
    text_.clear();
    collecting_ = true;
    if (depth_ == 1) {
      if (name != "rss")
        throw std::runtime_error("not a WordPress export (the root is <" + std::string(name) +
                                 ">, not <rss>)");
      if (Attribute(attributes, "xmlns:wp").substr(0, 28) != "http://wordpress.org/export/") {
        throw std::runtime_error(
            "not a WordPress export (no xmlns:wp=\"http://wordpress.org/export/...\")");
      }
      seen_rss_ = true;
      return;
    }
    if (scope_ == Scope::kOutside && name == "channel") {
      scope_ = Scope::kChannel;
    } else if (scope_ == Scope::kChannel && name == "wp:author") {
      scope_ = Scope::kAuthor;
      author_ = {};
    } else if (scope_ == Scope::kChannel && (name == "wp:category" || name == "wp:tag")) {
      scope_ = name == "wp:category" ? Scope::kCategory : Scope::kTag;
      term_ = {};
      term_.is_category = scope_ == Scope::kCategory;
    } else if (scope_ == Scope::kChannel && name == "item") {
      SendChannel();
      scope_ = Scope::kItem;
      item_ = {};
      item_.line = static_cast<int>(XML_GetCurrentLineNumber(parser_));
    } else if (scope_ == Scope::kItem && name == "wp:comment") {
      if (item_.comments.size() >= kMaxCommentsPerItem) {
        throw std::runtime_error("more than 100,000 comments on one post");
      }
      scope_ = Scope::kComment;
      item_.comments.emplace_back();
    } else if (scope_ == Scope::kItem && name == "wp:postmeta") {
      scope_ = Scope::kPostmeta;
      item_.postmeta.emplace_back();
    } else if (scope_ == Scope::kItem && name == "category") {
      if (item_.terms.size() >= kMaxTermsPerItem) {
        throw std::runtime_error("more than 1,000 categories and tags on one post");
      }
      item_.terms.push_back({std::string(Attribute(attributes, "domain")),
                             std::string(Attribute(attributes, "nicename")), ""});
    }
  }

  void OnEnd(std::string_view name) {
    --depth_;
    collecting_ = false;
    std::string text = std::move(text_);
    text_.clear();
    switch (scope_) {
      case Scope::kChannel:
        if (name == "wp:base_site_url") channel_.base_site_url = std::move(text);
        if (name == "wp:base_blog_url") channel_.base_blog_url = std::move(text);
        if (name == "wp:wxr_version") channel_.wxr_version = std::move(text);
        if (name == "channel") {
          SendChannel();
          scope_ = Scope::kOutside;
        }
        break;
      case Scope::kAuthor:
        if (name == "wp:author_login") author_.login = std::move(text);
        if (name == "wp:author_email") author_.email = std::move(text);
        if (name == "wp:author_display_name") author_.display_name = std::move(text);
        if (name == "wp:author") {
          SendChannel();
          if (handler_.author) handler_.author(author_);
          scope_ = Scope::kChannel;
        }
        break;
      case Scope::kCategory:
      case Scope::kTag:
        if (name == "wp:term_id") term_.term_id = std::move(text);
        if (name == "wp:category_nicename" || name == "wp:tag_slug") term_.slug = std::move(text);
        if (name == "wp:category_parent") term_.parent_slug = std::move(text);
        if (name == "wp:cat_name" || name == "wp:tag_name") term_.name = std::move(text);
        if (name == "wp:category" || name == "wp:tag") {
          SendChannel();
          if (handler_.term) handler_.term(term_);
          scope_ = Scope::kChannel;
        }
        break;
      case Scope::kItem:
        OnItemEnd(name, std::move(text));
        break;
      case Scope::kComment: {
        WxrComment& comment = item_.comments.back();
        if (name == "wp:comment_id") comment.id = std::move(text);
        if (name == "wp:comment_author") comment.author = std::move(text);
        if (name == "wp:comment_author_email") comment.author_email = std::move(text);
        if (name == "wp:comment_author_url") comment.author_url = std::move(text);
        if (name == "wp:comment_date_gmt") comment.date_gmt = std::move(text);
        if (name == "wp:comment_content") comment.content = std::move(text);
        if (name == "wp:comment_approved") comment.approved = std::move(text);
        if (name == "wp:comment_type") comment.type = std::move(text);
        if (name == "wp:comment_parent") comment.parent = std::move(text);
        if (name == "wp:comment") scope_ = Scope::kItem;
        break;
      }
      case Scope::kPostmeta:
        if (name == "wp:meta_key") item_.postmeta.back().first = std::move(text);
        if (name == "wp:meta_value") item_.postmeta.back().second = std::move(text);
        if (name == "wp:postmeta") scope_ = Scope::kItem;
        break;
      case Scope::kOutside:
        break;
    }
  }

  void OnItemEnd(std::string_view name, std::string text) {
    if (name == "title") item_.title = std::move(text);
    if (name == "link") item_.link = std::move(text);
    if (name == "dc:creator") item_.creator = std::move(text);
    if (name == "content:encoded") item_.content = std::move(text);
    if (name == "excerpt:encoded") item_.excerpt = std::move(text);
    if (name == "wp:post_id") item_.post_id = std::move(text);
    if (name == "wp:post_date") item_.post_date = std::move(text);
    if (name == "wp:post_date_gmt") item_.post_date_gmt = std::move(text);
    if (name == "wp:post_modified_gmt") item_.post_modified_gmt = std::move(text);
    if (name == "wp:post_name") item_.post_name = std::move(text);
    if (name == "wp:status") item_.status = std::move(text);
    if (name == "wp:post_parent") item_.post_parent = std::move(text);
    if (name == "wp:post_type") item_.post_type = std::move(text);
    if (name == "wp:post_password") item_.post_password = std::move(text);
    if (name == "wp:attachment_url") item_.attachment_url = std::move(text);
    if (name == "category" && !item_.terms.empty()) item_.terms.back().name = std::move(text);
    if (name == "item") {
      if (handler_.item) handler_.item(item_);
      scope_ = Scope::kChannel;
    }
  }

  void SendChannel() {
    if (channel_sent_) return;
    channel_sent_ = true;
    if (channel_.base_site_url.empty()) {
      throw std::runtime_error("not a WordPress export (no wp:base_site_url before the posts)");
    }
    if (handler_.channel) handler_.channel(channel_);
  }

  const std::string path_;
  const WxrHandler& handler_;
  XML_Parser parser_;
  std::optional<std::string> failure_;
  int depth_ = 0;
  bool seen_rss_ = false;
  bool collecting_ = false;
  bool channel_sent_ = false;
  std::string text_;
  Scope scope_ = Scope::kOutside;
  WxrChannel channel_;
  WxrAuthor author_;
  WxrTerm term_;
  WxrItem item_;
};

}  // namespace

void ReadWxr(const std::string& path, const WxrHandler& handler) {
  std::unique_ptr<FILE, decltype(&std::fclose)> file(std::fopen(path.c_str(), "rb"), &std::fclose);
  if (!file) throw ImportError(path, "cannot read the file");
  WxrParser parser(path, handler);
  parser.Run([&](char* buffer, std::size_t size) {
    const std::size_t got = std::fread(buffer, 1, size, file.get());
    if (std::ferror(file.get())) throw ImportError(path, "cannot read the file");
    return got;
  });
}

void ReadWxrText(const std::string& name, std::string_view text, const WxrHandler& handler) {
  WxrParser parser(name, handler);
  parser.Run([&](char* buffer, std::size_t size) {
    const std::size_t got = std::min(size, text.size());
    std::memcpy(buffer, text.data(), got);
    text.remove_prefix(got);
    return got;
  });
}

}  // namespace broadsheet::import
