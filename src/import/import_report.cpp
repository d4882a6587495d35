#include "import/import_report.h"

#include <fmt/core.h>

namespace broadsheet::import {
namespace {

void Line(std::string& out, const std::string& text) { out += text + "\n"; }

std::string Counts(const std::map<std::string, std::int64_t>& by_status) {
  std::int64_t total = 0;
  std::string parts;
  for (const auto& [status, count] : by_status) {
    total += count;
    parts += (parts.empty() ? "" : ", ") + std::to_string(count) + " " + status;
  }
  return std::to_string(total) + (parts.empty() ? "" : " (" + parts + ")");
}

}  // namespace

void TermsSeen::Fill(ImportReport& report) const {
  report.categories = static_cast<std::int64_t>(categories.size());
  report.tags = static_cast<std::int64_t>(tags.size());
  report.authors = static_cast<std::int64_t>(authors.size());
  report.renamed_categories.assign(renamed.begin(), renamed.end());
}

std::string FormatReport(const ImportReport& report, bool dry_run) {
  std::string out;
  if (dry_run) Line(out, "dry run: nothing was written");
  Line(out, "source: " + report.source);
  Line(out, "articles: " + Counts(report.articles_by_status) + " new, " +
                std::to_string(report.articles_already) + " imported before");
  Line(out, "comments: " + Counts(report.comments_by_status) + " new, " +
                std::to_string(report.comments_already) + " of articles imported before");
  std::string skipped;
  const auto skip = [&skipped](std::int64_t count, const std::string& what) {
    if (count > 0) skipped += (skipped.empty() ? "" : ", ") + std::to_string(count) + " " + what;
  };
  skip(report.pages_skipped, "pages (--pages CATEGORY imports them)");
  skip(report.pings_skipped, "pingbacks and trackbacks");
  skip(report.comments_trashed_skipped, "trashed comments");
  skip(report.other_items_skipped, report.other_items_what);
  Line(out, "skipped: " + (skipped.empty() ? std::string("nothing") : skipped));
  Line(out, fmt::format("categories: {}, tags: {}, author profiles: {}", report.categories,
                        report.tags, report.authors));
  for (const std::string& renamed : report.renamed_categories) {
    Line(out, "category renamed, its address is one of the site's own: " + renamed);
  }
  for (const std::string& removed : report.removed_markup) Line(out, "removed: " + removed);
  if (report.pictures > 0) {
    Line(out, fmt::format("featured pictures stored: {}", report.pictures));
  }
  for (const std::string& image : report.featured_images) {
    Line(out, "featured image not imported (no --media): " + image);
  }
  for (const std::string& note : report.notes) Line(out, "note: " + note);
  return out;
}

}  // namespace broadsheet::import
