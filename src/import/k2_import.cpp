#include "import/k2_import.h"

#include <algorithm>
#include <charconv>
#include <cstdio>
#include <map>
#include <set>
#include <unordered_map>

#include "import/batch_writer.h"
#include "import/html_markdown.h"
#include "import/import_text.h"
#include "import/imported_terms.h"
#include "import/sql_dump.h"
#include "news/comment.h"
#include "news/slug.h"

namespace broadsheet::import {
namespace {

using store::ImportedArticle;
using store::ImportedComment;
using store::ImportedTerm;
using store::OldSystem;

// K2 2.11's columns of the tables the import reads, in the order K2's installer creates them
// (docs/IMPORT.md): a data-only dump (`mysqldump --no-create-info`) names no columns.
const std::map<std::string, std::vector<std::string>, std::less<>>& DocumentedColumns() {
  static const std::map<std::string, std::vector<std::string>, std::less<>> kColumns = {
      {"k2_categories",
       {"id", "name", "alias", "description", "parent", "extraFieldsGroup", "published", "access",
        "ordering", "image", "params", "trash", "plugins", "language"}},
      {"k2_comments",
       {"id", "itemID", "userID", "userName", "commentDate", "commentText", "commentEmail",
        "commentURL", "published"}},
      {"k2_items",
       {"id",
        "title",
        "alias",
        "catid",
        "published",
        "introtext",
        "fulltext",
        "video",
        "gallery",
        "extra_fields",
        "extra_fields_search",
        "created",
        "created_by",
        "created_by_alias",
        "checked_out",
        "checked_out_time",
        "modified",
        "modified_by",
        "publish_up",
        "publish_down",
        "trash",
        "access",
        "ordering",
        "featured",
        "featured_ordering",
        "image_caption",
        "image_credits",
        "video_caption",
        "video_credits",
        "hits",
        "params",
        "metadesc",
        "metadata",
        "metakey",
        "plugins",
        "language"}},
      {"k2_rating", {"itemID", "rating_sum", "rating_count", "lastip"}},
      {"k2_tags", {"id", "name", "published"}},
      {"k2_tags_xref", {"id", "tagID", "itemID"}},
      {"k2_users",
       {"id", "userID", "userName", "group", "description", "image", "gender", "url", "ip",
        "hostname", "notes", "plugins"}},
      {"users",
       {"id", "name", "username", "email", "password", "block", "sendEmail", "registerDate",
        "lastvisitDate", "activation", "params", "lastResetTime", "resetCount", "otpKey", "otep",
        "requireReset"}},
  };
  return kColumns;
}

// A row's values by column name.
class Fields {
 public:
  Fields(const std::vector<std::string>& columns, const SqlRow& row, const std::string& table)
      : columns_(columns), row_(row), table_(table) {
    if (columns.size() != row.values.size()) {
      throw std::runtime_error(table + ": a row of " + std::to_string(row.values.size()) +
                               " values, the table has " + std::to_string(columns.size()) +
                               " columns");
    }
  }
  // The text of `column` ("" for NULL or a column the table lacks).
  std::string Text(std::string_view column) const {
    for (std::size_t i = 0; i < columns_.size(); ++i) {
      if (columns_[i] == column) return row_.values[i].value_or("");
    }
    return {};
  }
  // `column` as a whole number; throws naming it when it is not one.
  std::int64_t Int(std::string_view column) const {
    const std::string text = Text(column);
    std::int64_t value = 0;
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (text.empty()) return 0;
    if (error != std::errc() || end != text.data() + text.size()) {
      throw std::runtime_error(table_ + "." + std::string(column) + " \"" + text.substr(0, 40) +
                               "\" is not a number");
    }
    return value;
  }
  std::int64_t Time(std::string_view column) const {
    return UtcDateTime(Text(column), table_ + "." + std::string(column));
  }

 private:
  const std::vector<std::string>& columns_;
  const SqlRow& row_;
  const std::string& table_;
};

// The database a mysqldump's header names ("-- Host: localhost    Database: NAME").
std::string DumpDatabase(const std::string& path) {
  std::FILE* file = std::fopen(path.c_str(), "rb");
  if (file == nullptr) return {};
  char buffer[4096];
  const std::size_t got = std::fread(buffer, 1, sizeof buffer, file);
  std::fclose(file);
  const std::string_view head(buffer, got);
  const auto at = head.find("Database: ");
  if (at == std::string_view::npos) return {};
  const auto start = at + 10;
  const auto end = head.find_first_of("\r\n", start);
  std::string name(head.substr(start, end == std::string_view::npos ? end : end - start));
  while (!name.empty() && (name.back() == ' ' || name.back() == '\t')) name.pop_back();
  return name;
}

class K2Importer {
 public:
  K2Importer(store::Store& store, const ImportOptions& options)
      : store_(store), options_(options) {}

  ImportReport Run() {
    Learn();
    report_.source = source_;
    report_.other_items_what = "trashed items";
    imported_ = ImportedArticleIds(store_, OldSystem::kK2, source_);
    std::optional<BatchWriter> writer;
    if (!options_.dry_run) {
      writer.emplace(store_, OldSystem::kK2, source_, options_.batch_rows, options_.pause_ms);
    }
    // The items, then (a third read) their comments.
    ForEachRow("k2_items", [&](const Fields& item) { TakeItem(item, writer); });
    if (writer) writer->Flush();
    ForEachRow("k2_comments", [&](const Fields& comment) { TakeComment(comment, writer); });
    if (writer) writer->Flush();
    seen_.Fill(report_);
    return std::move(report_);
  }

 private:
  // The first read: every row checked (its number of values, numbers, dates), the prefix
  // found, the small tables kept.
  void Learn() {
    std::map<std::string, std::vector<std::string>> created;  // table -> CREATE TABLE columns
    // The prefix is what comes before "k2_" in the first K2 table's name ("jos_k2_items"),
    // unless --prefix says it. Joomla's own `users` table comes after K2's in a dump.
    prefix_ = options_.prefix;
    bool prefix_known = !prefix_.empty();
    const auto learn_prefix = [&](const std::string& table) {
      const auto k2 = table.find("k2_");
      if (!prefix_known && k2 != std::string::npos) {
        prefix_ = table.substr(0, k2);
        prefix_known = true;
      }
    };
    SqlDumpHandler handler;
    handler.create_table = [&](const std::string& table, const std::vector<std::string>& columns) {
      learn_prefix(table);
      created[table] = columns;
      seen_items_ = seen_items_ || (prefix_known && table == prefix_ + "k2_items");
    };
    handler.row = [&](const SqlRow& row) {
      learn_prefix(row.table);
      if (prefix_known) Keep(row, created);
    };
    ReadSqlDump(options_.file, handler);
    if (!seen_items_) {
      throw ImportError(options_.file, "no rows of a table " + prefix_ +
                                           "k2_items: not a dump of a K2 site (--prefix names "
                                           "the tables' prefix)");
    }
    columns_ = std::move(created);
    source_ = options_.source.empty() ? DumpDatabase(options_.file) : options_.source;
    if (source_.empty()) {
      throw ImportError(options_.file,
                        "the dump names no database: --source NAME says which "
                        "site its items came from");
    }
  }

  // The columns of `table` (full name): its CREATE TABLE's, else K2 2.11's documented ones.
  const std::vector<std::string>* ColumnsOf(
      const std::string& table, const std::map<std::string, std::vector<std::string>>& created,
      const SqlRow& row) const {
    if (!row.columns.empty()) return &row.columns;
    if (const auto found = created.find(table); found != created.end()) return &found->second;
    const auto documented = DocumentedColumns().find(table.substr(prefix_.size()));
    return documented == DocumentedColumns().end() ? nullptr : &documented->second;
  }

  void Keep(const SqlRow& row, const std::map<std::string, std::vector<std::string>>& created) {
    if (!row.table.starts_with(prefix_)) return;
    const std::string table = row.table.substr(prefix_.size());
    if (!DocumentedColumns().contains(table)) return;
    const std::vector<std::string>* columns = ColumnsOf(row.table, created, row);
    if (columns == nullptr) return;
    const Fields fields(*columns, row, row.table);
    if (table == "k2_items") {
      seen_items_ = true;
      CheckItem(fields);
    } else if (table == "k2_categories") {
      const std::int64_t parent = fields.Int("parent");
      categories_[std::to_string(fields.Int("id"))] = {StripMarkup(fields.Text("name")),
                                                       parent == 0 ? "" : std::to_string(parent)};
    } else if (table == "k2_tags") {
      // An unpublished tag is not shown on the K2 site: not brought along.
      if (fields.Int("published") != 0) tags_[fields.Int("id")] = StripMarkup(fields.Text("name"));
    } else if (table == "k2_tags_xref") {
      item_tags_[fields.Int("itemID")].push_back(fields.Int("tagID"));
    } else if (table == "k2_rating") {
      const std::int64_t sum = fields.Int("rating_sum");
      const std::int64_t count = fields.Int("rating_count");
      // K2 keeps the sum of 1-to-5-star votes: anything else is not a rating.
      if (count > 0 && sum >= count && sum <= 5 * count)
        ratings_[fields.Int("itemID")] = {sum, count};
    } else if (table == "users") {
      // Display names only: never e-mails or password hashes.
      user_names_[fields.Int("id")] = StripMarkup(fields.Text("name"));
    } else if (table == "k2_users") {
      user_bios_[fields.Int("userID")] = PlainParagraphs(fields.Text("description"));
    } else if (table == "k2_comments") {
      fields.Int("id");
      fields.Int("itemID");
      fields.Time("commentDate");
    }
  }

  void CheckItem(const Fields& item) {
    item.Int("id");
    item.Int("catid");
    item.Int("hits");
    item.Time("created");
    item.Time("publish_up");
    item.Time("modified");
    ++items_;
  }

  // Reads the dump again, calling `take` for each row of `suffix` (k2_items, k2_comments).
  template <typename Take>
  void ForEachRow(std::string_view suffix, Take take) {
    const std::string table = prefix_ + std::string(suffix);
    SqlDumpHandler handler;
    handler.row = [&](const SqlRow& row) {
      if (row.table != table) return;
      const auto created = columns_.find(table);
      const std::vector<std::string>* columns = !row.columns.empty() ? &row.columns
                                                : created != columns_.end()
                                                    ? &created->second
                                                    : &DocumentedColumns().find(suffix)->second;
      take(Fields(*columns, row, row.table));
    };
    ReadSqlDump(options_.file, handler);
  }

  void TakeItem(const Fields& item, std::optional<BatchWriter>& writer) {
    if (options_.progress) options_.progress(++items_done_, items_);
    if (item.Int("trash") != 0) {
      ++report_.other_items_skipped;
      return;
    }
    const std::string old_id = std::to_string(item.Int("id"));
    if (imported_.contains(old_id)) {
      ++report_.articles_already;
      return;
    }
    const std::string label = "item " + old_id;
    ImportedArticle article;
    article.old_id = old_id;
    article.old_slug = item.Text("alias");
    const auto [top, path] =
        FlattenedCategory(categories_, std::to_string(item.Int("catid")), "Uncategorized");
    article.category.name =
        UsableCategoryName(Shortened(top, news::kMaxNameLength), options_.reserved, seen_.renamed);
    article.category.old_key = std::to_string(item.Int("catid"));
    seen_.categories.insert(news::Slugify(article.category.name));
    const std::int64_t user = item.Int("created_by");
    const auto user_name = user_names_.find(user);
    std::string author = StripMarkup(item.Text("created_by_alias"));
    if (author.empty() && user_name != user_names_.end()) author = user_name->second;
    if (author.empty()) author = "Unknown author";
    article.author.name = Shortened(author, news::kMaxNameLength);
    article.author.old_key = std::to_string(user);
    if (const auto bio = user_bios_.find(user); bio != user_bios_.end()) {
      article.author.bio = Shortened(bio->second, 2000);
    }
    seen_.authors.insert(article.author.name);

    news::ArticleInput input;
    input.title = StripMarkup(item.Text("title"));
    if (input.title.empty()) input.title = "Untitled (" + label + ")";
    input.title = Shortened(input.title, news::kMaxTitleLength);
    input.slug = news::Slugify(article.old_slug);
    if (input.slug.empty()) input.slug = news::Slugify(input.title);
    if (input.slug.empty()) input.slug = "article-" + old_id;
    input.category = article.category.name;
    input.author = article.author.name;
    std::vector<ImportedTerm> tags;
    if (!path.empty()) tags.push_back({path, "", ""});
    if (const auto linked = item_tags_.find(item.Int("id")); linked != item_tags_.end()) {
      for (const std::int64_t tag_id : linked->second) {
        const auto tag = tags_.find(tag_id);
        if (tag != tags_.end()) tags.push_back({tag->second, tag->second, ""});
      }
    }
    AddImportedTags(std::move(tags), label, article, input, report_.notes, seen_.tags);
    const std::string intro = item.Text("introtext");
    ConvertedBody body = HtmlToMarkdown(intro + "\n" + item.Text("fulltext"));
    for (const std::string& removed : body.removed) {
      report_.removed_markup.push_back(label + ": " + removed);
    }
    input.body_markdown = Shortened(body.markdown, news::kMaxBodyLength);
    if (input.body_markdown.size() < body.markdown.size()) {
      report_.notes.push_back(label + ": body cut to " + std::to_string(news::kMaxBodyLength) +
                              " bytes");
    }
    // The introtext when it is short, else the body's first paragraph.
    const std::string intro_text = StripMarkup(intro);
    if (intro_text.size() <= 300) {
      input.summary = intro_text;
    } else {
      const std::string text = PlainParagraphs(intro + "\n" + item.Text("fulltext"));
      input.summary =
          ShortenedAtWord(StripMarkup(text.substr(0, text.find("\n\n"))), news::kMaxSummaryLength);
    }
    const std::int64_t created = item.Time("created");
    const std::int64_t publish_up = item.Time("publish_up");
    const std::int64_t when = publish_up != 0 ? publish_up : created;
    if (item.Int("published") == 0) {
      input.status = news::ArticleStatus::kDraft;
    } else {
      input.status =
          when > options_.now ? news::ArticleStatus::kScheduled : news::ArticleStatus::kPublished;
    }
    input.published_at = input.status == news::ArticleStatus::kDraft ? 0 : when;
    TakeCheckedInput(input, options_.reserved, label, article);
    article.updated_at = std::max({item.Time("modified"), when, created});
    // K2's hits are the article's total views (no day's count); its rating totals a base.
    article.views = item.Int("hits");
    if (const auto rating = ratings_.find(item.Int("id")); rating != ratings_.end()) {
      article.rating_sum = rating->second.first;
      article.rating_count = rating->second.second;
    }
    ++report_.articles_by_status[std::string(news::ToString(article.status))];
    new_items_.insert(old_id);
    if (writer) writer->Add(std::move(article), {});
  }

  void TakeComment(const Fields& row, std::optional<BatchWriter>& writer) {
    const std::string item = std::to_string(row.Int("itemID"));
    if (!new_items_.contains(item) && !imported_.contains(item)) return;  // trashed or unknown
    ImportedComment comment;
    comment.old_id = std::to_string(row.Int("id"));
    comment.old_article_id = item;
    comment.name = Shortened(StripMarkup(row.Text("userName")), news::kMaxCommentNameLength);
    if (comment.name.empty()) comment.name = "Anonymous";
    comment.email = Shortened(row.Text("commentEmail"), news::kMaxCommentEmailLength);
    comment.url = Shortened(row.Text("commentURL"), news::kMaxCommentUrlLength);
    comment.body = Shortened(PlainParagraphs(row.Text("commentText")), news::kMaxCommentBodyLength);
    comment.status =
        row.Int("published") == 1 ? news::CommentStatus::kApproved : news::CommentStatus::kPending;
    comment.created_at = row.Time("commentDate");
    if (imported_.contains(item)) {
      ++report_.comments_already;
    } else {
      ++report_.comments_by_status[std::string(news::ToString(comment.status))];
    }
    // Sent for an item imported before too: a run cut short may lack some of its comments.
    if (writer) writer->Add(std::nullopt, {std::move(comment)});
  }

  store::Store& store_;
  const ImportOptions& options_;
  ImportReport report_;
  std::string prefix_;
  std::string source_;
  bool seen_items_ = false;
  std::int64_t items_ = 0;
  std::int64_t items_done_ = 0;
  std::map<std::string, std::vector<std::string>> columns_;
  NestedCategories categories_;  // by id
  std::unordered_map<std::int64_t, std::string> tags_;
  std::unordered_map<std::int64_t, std::vector<std::int64_t>> item_tags_;
  std::unordered_map<std::int64_t, std::pair<std::int64_t, std::int64_t>> ratings_;
  std::unordered_map<std::int64_t, std::string> user_names_;
  std::unordered_map<std::int64_t, std::string> user_bios_;
  std::set<std::string> imported_;   // old item ids this source holds already
  std::set<std::string> new_items_;  // written (or, in a dry run, to be) by this run
  TermsSeen seen_;
};

}  // namespace

ImportReport ImportK2(store::Store& store, const ImportOptions& options) {
  K2Importer importer(store, options);
  return importer.Run();
}

}  // namespace broadsheet::import
