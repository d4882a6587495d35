// A WordPress export (WXR 1.1/1.2, as WordPress 4 to 6 write it) read as a stream: the
// channel's authors and terms, then one item at a time, so a file of any size is read in
// constant memory. Plain values; what they mean for Broadsheet is the importer's business
// (cli/import_wordpress.cpp).
#pragma once

#include <cstdint>
#include <functional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace broadsheet::import {

// A file that is not a well-formed WXR, or a value the handler refused: says where.
class ImportError : public std::runtime_error {
 public:
  ImportError(const std::string& where, const std::string& what)
      : std::runtime_error(where + ": " + what) {}
};

struct WxrAuthor {
  std::string login;
  std::string email;  // read, never stored
  std::string display_name;
};

// A category (wp:category) or tag (wp:tag) of the channel.
struct WxrTerm {
  bool is_category = false;
  std::string term_id;
  std::string slug;         // as WordPress wrote it (non-ASCII percent-encoded)
  std::string parent_slug;  // categories only; empty at the top
  std::string name;
};

struct WxrComment {
  std::string id;
  std::string author;
  std::string author_email;
  std::string author_url;
  std::string date_gmt;  // "YYYY-MM-DD HH:MM:SS"
  std::string content;
  std::string approved;  // "1", "0", "spam", "trash"
  std::string type;      // "", "comment", "pingback", "trackback"
  std::string parent;    // "0" when not a reply
};

// An item's <category>: its domain ("category", "post_tag", ...), nicename and name.
struct WxrItemTerm {
  std::string domain;
  std::string nicename;
  std::string name;
};

struct WxrItem {
  std::string title;
  std::string link;
  std::string creator;  // the author's login
  std::string content;  // content:encoded, HTML
  std::string excerpt;  // excerpt:encoded
  std::string post_id;
  std::string post_date;      // local time of the site, "YYYY-MM-DD HH:MM:SS"
  std::string post_date_gmt;  // "0000-00-00 00:00:00" for drafts never scheduled
  std::string post_modified_gmt;
  std::string post_name;  // the slug, percent-encoded
  std::string status;
  std::string post_parent;
  std::string post_type;
  std::string post_password;  // non-empty: readers needed it
  std::string attachment_url;
  std::vector<WxrItemTerm> terms;
  std::vector<std::pair<std::string, std::string>> postmeta;  // key, value
  std::vector<WxrComment> comments;
  int line = 0;  // where the item starts, for messages
};

struct WxrChannel {
  std::string base_site_url;
  std::string base_blog_url;
  std::string wxr_version;
};

// Called as the file is read; each may throw ImportError (or std::exception), which stops the
// reading with the position of the element being read.
struct WxrHandler {
  std::function<void(const WxrChannel&)> channel;  // before the first author, term or item
  std::function<void(const WxrAuthor&)> author;
  std::function<void(const WxrTerm&)> term;
  std::function<void(const WxrItem&)> item;
};

// Reads the WXR at `path`. Throws ImportError "FILE:LINE:COLUMN: what" when the file cannot
// be read, is not XML, is cut short, is not a WordPress export, holds a value too large, or a
// handler refuses a value.
void ReadWxr(const std::string& path, const WxrHandler& handler);
// The same for a document in memory, named `name` in messages (tests, fuzzing).
void ReadWxrText(const std::string& name, std::string_view text, const WxrHandler& handler);

}  // namespace broadsheet::import
