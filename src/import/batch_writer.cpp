#include "import/batch_writer.h"

#include <algorithm>
#include <chrono>
#include <stdexcept>
#include <thread>

#include "render/markdown.h"

namespace broadsheet::import {

void TakeCheckedInput(news::ArticleInput& input, const std::vector<std::string>& reserved,
                      const std::string& label, store::ImportedArticle& article) {
  if (const auto errors = news::NormalizeAndValidate(input, reserved); !errors.empty()) {
    throw std::runtime_error(label + ": " + errors.front().field + ": " + errors.front().message);
  }
  article.title = input.title;
  article.slug = input.slug;
  article.summary = input.summary;
  article.body_markdown = input.body_markdown;
  article.body_html = render::RenderMarkdown(input.body_markdown);
  article.status = input.status;
  article.published_at = input.published_at;
}

std::set<std::string> ImportedArticleIds(store::Store& store, store::OldSystem system,
                                         const std::string& source) {
  std::set<std::string> ids;
  for (const store::OldLink& link : store.ListOldLinks()) {
    if (link.system == system && link.source == source && link.kind == store::OldKind::kArticle) {
      ids.insert(link.old_id);
    }
  }
  return ids;
}

// Rows written in one transaction at most: a live site's votes and comments wait no longer.
constexpr int kMaxBatchRows = 1000;

BatchWriter::BatchWriter(store::Store& store, store::OldSystem system, std::string source,
                         int batch_rows, int pause_ms)
    : store_(store),
      system_(system),
      source_(std::move(source)),
      batch_rows_(static_cast<std::size_t>(std::clamp(batch_rows, 1, kMaxBatchRows))),
      pause_ms_(pause_ms) {}

void BatchWriter::Add(std::optional<store::ImportedArticle> article,
                      std::vector<store::ImportedComment> comments) {
  if (article) {
    if (articles_.size() + comments_.size() + 1 > batch_rows_) Flush();
    articles_.push_back(std::move(*article));
  }
  for (store::ImportedComment& comment : comments) {
    if (articles_.size() + comments_.size() + 1 > batch_rows_) Flush();
    comments_.push_back(std::move(comment));
  }
}

// Articles first (the comments name them), each call one transaction.
void BatchWriter::Flush() {
  if (!articles_.empty()) {
    Rest();
    store_.ImportArticles(system_, source_, articles_);
  }
  if (!comments_.empty()) {
    Rest();
    store_.ImportComments(system_, source_, comments_);
  }
  articles_.clear();
  comments_.clear();
}

// [import] pause_ms before every transaction but the first.
void BatchWriter::Rest() {
  if (pause_ms_ > 0 && transactions_++ > 0) {
    std::this_thread::sleep_for(std::chrono::milliseconds(pause_ms_));
  }
}

}  // namespace broadsheet::import
