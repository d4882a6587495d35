// Writes what an importer converted in transactions of at most `batch_rows` rows (issue 14):
// articles first, then the comments that name them, resting `pause_ms` between transactions
// so a live site's votes and comments are never kept waiting long.
#pragma once

#include <cstddef>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "news/article.h"
#include "store/store.h"

namespace broadsheet::import {

// The old ids of the articles `source` already holds (an earlier run's): skipped, not
// converted again.
std::set<std::string> ImportedArticleIds(store::Store& store, store::OldSystem system,
                                         const std::string& source);

// Checks `input` by the rules an editor's save follows (throws std::runtime_error "label:
// field: message" on the first mistake) and copies what it settled (title, slug, summary,
// body, status, publication time) into `article`, with the body rendered.
void TakeCheckedInput(news::ArticleInput& input, const std::vector<std::string>& reserved,
                      const std::string& label, store::ImportedArticle& article);

class BatchWriter {
 public:
  // `batch_rows` is clamped to 1..1000.
  BatchWriter(store::Store& store, store::OldSystem system, std::string source, int batch_rows,
              int pause_ms);

  // Queues an article (none: comments only) and comments, writing whenever a batch is full.
  void Add(std::optional<store::ImportedArticle> article,
           std::vector<store::ImportedComment> comments);
  // Writes what is queued.
  void Flush();

 private:
  void Rest();

  store::Store& store_;
  const store::OldSystem system_;
  const std::string source_;
  const std::size_t batch_rows_;
  const int pause_ms_;
  int transactions_ = 0;
  std::vector<store::ImportedArticle> articles_;
  std::vector<store::ImportedComment> comments_;
};

}  // namespace broadsheet::import
