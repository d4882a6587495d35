// What the importers of other systems' sites (issue 14) are told and what they report.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <set>
#include <string>
#include <variant>
#include <vector>

namespace broadsheet::import {

struct ImportOptions {
  std::string file;
  std::string source;          // empty: the file's own name for its site
  std::string pages_category;  // WordPress: empty, pages are skipped
  std::string prefix;          // K2: the tables' prefix; empty: found from `...k2_items`
  // WordPress: a local copy of wp-content/uploads (--media); empty: featured images listed.
  std::string media_dir;
  // Stores the picture at `path` the way uploads are stored: its media id, or why not.
  std::function<std::variant<std::int64_t, std::string>(const std::string& path,
                                                        const std::string& alt)>
      store_picture;
  std::int64_t now = 0;        // K2: an item published later is scheduled
  bool dry_run = false;
  int batch_rows = 1000;  // [import] batch_rows, at most 1000
  int pause_ms = 0;       // [import] pause_ms between transactions
  // The router's own top-level names (site::ReservedNames()): a category whose slug is one
  // of them is renamed "NAME section".
  std::vector<std::string> reserved;
  // Told how far the writing pass is: items done of all items.
  std::function<void(std::int64_t done, std::int64_t total)> progress;
};

// What the import found and did (or, in a dry run, would do).
struct ImportReport {
  std::string source;
  std::map<std::string, std::int64_t> articles_by_status;  // written, by Broadsheet status
  std::int64_t articles_already = 0;                       // imported by an earlier run
  std::int64_t pages_skipped = 0;
  std::int64_t other_items_skipped = 0;
  std::string other_items_what = "other items";  // "other items (attachments, menus, ...)"
  std::map<std::string, std::int64_t> comments_by_status;
  std::int64_t comments_already = 0;
  std::int64_t pings_skipped = 0;  // pingbacks and trackbacks
  std::int64_t comments_trashed_skipped = 0;
  std::int64_t categories = 0;  // distinct ones the articles use
  std::int64_t tags = 0;
  std::int64_t authors = 0;
  std::vector<std::string> renamed_categories;  // "search -> search-section"
  std::vector<std::string> removed_markup;      // "post 12: [gallery ids=\"1,2\"]"
  std::vector<std::string> featured_images;     // URLs not imported (no --media)
  std::int64_t pictures = 0;                    // featured pictures stored (--media)
  // What was cut or dropped: "post 12: title cut to 200 bytes", a tag without an address.
  std::vector<std::string> notes;
};

// The distinct categories, tags and author profiles an import's articles use (by slug or
// name), and the categories it renamed; Fill puts their counts in the report.
struct TermsSeen {
  std::set<std::string> categories, tags, authors, renamed;
  void Fill(ImportReport& report) const;
};

// The report as the command prints it, headed "dry run" for a dry run.
std::string FormatReport(const ImportReport& report, bool dry_run);

}  // namespace broadsheet::import
