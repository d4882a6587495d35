// `broadsheet article add|edit|publish|unpublish|list`: articles from Markdown files, so a
// newsroom can write before the back office exists. A running server notices within about a
// second ([store] poll_interval_ms).
#include <fmt/core.h>

#include "cli/commands.h"
#include "news/calendar.h"
#include "news/front_matter.h"
#include "render/markdown.h"
#include "site/routes.h"

namespace broadsheet::cli {
namespace {

std::string CanonicalPath(const store::ArticleRow& article) {
  return "/" + article.category.slug + "/" + std::to_string(article.id) + "-" + article.slug;
}

news::ArticleInput ReadArticleFile(const std::string& path) {
  news::ParsedArticleFile parsed = news::ParseArticleFile(ReadFile(path), site::ReservedNames());
  if (!parsed.errors.empty()) {
    std::string message = path + ":";
    for (const news::FieldError& error : parsed.errors) message += " " + error.message + ";";
    message.pop_back();
    throw CliError(message);
  }
  return parsed.input;
}

std::unique_ptr<store::Store> OpenStore(const CommonOptions& common) {
  return OpenConfiguredStore(LoadConfig(common));
}

}  // namespace

int RunArticleAdd(const CommonOptions& common, const std::string& file) {
  const news::ArticleInput input = ReadArticleFile(file);
  auto store = OpenStore(common);
  const auto id = store->AddArticle(input, render::RenderMarkdown(input.body_markdown),
                                    news::UnixNow(), /*user_id=*/0);
  fmt::print("{} {}\n", id, CanonicalPath(*store->FindArticle(id)));
  return 0;
}

int RunArticleEdit(const CommonOptions& common, std::int64_t id, const std::string& file) {
  const news::ArticleInput input = ReadArticleFile(file);
  auto store = OpenStore(common);
  // The command line does not check versions: it replaces what is stored, as it always did.
  if (store->UpdateArticle(id, input, render::RenderMarkdown(input.body_markdown), news::UnixNow(),
                           {}, "saved") != store::SaveOutcome::kSaved) {
    throw CliError("no article with id " + std::to_string(id) + " (or it is in the trash)");
  }
  fmt::print("{} {}\n", id, CanonicalPath(*store->FindArticle(id)));
  return 0;
}

int RunArticleSetStatus(const CommonOptions& common, std::int64_t id, bool publish) {
  auto store = OpenStore(common);
  const auto status = publish ? news::ArticleStatus::kPublished : news::ArticleStatus::kDraft;
  if (!store->SetArticleStatus(id, status, news::UnixNow(), /*user_id=*/0)) {
    throw CliError("no article with id " + std::to_string(id));
  }
  fmt::print("{} {}\n", id, news::ToString(status));
  return 0;
}

int RunArticleList(const CommonOptions& common) {
  auto store = OpenStore(common);
  fmt::print("{:>5}  {:<9}  {:<10}  {}\n", "ID", "STATUS", "PUBLISHED", "PATH / TITLE");
  for (const store::ArticleRow& article : store->ListAllArticles()) {
    fmt::print("{:>5}  {:<9}  {:<10}  {}\n       {}\n", article.id, news::ToString(article.status),
               article.published_at ? news::LocalDay(article.published_at) : "-",
               CanonicalPath(article), article.title);
  }
  return 0;
}

}  // namespace broadsheet::cli
