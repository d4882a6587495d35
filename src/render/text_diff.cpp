#include "render/text_diff.h"

#include <algorithm>
#include <cstdint>
#include <vector>

#include "render/comment_text.h"

namespace broadsheet::render {
namespace {

// The longest-common-subsequence tables of one whole diff (paragraphs, then the words of each
// changed paragraph) may hold this many cells in all, a few milliseconds of work: past it, a
// comparison falls back to "all removed, all added", so no pair of revisions can make the
// page slow.
constexpr std::size_t kCellBudget = 4'000'000;

enum class Op { kSame, kRemoved, kAdded };
struct Step {
  Op op;
  std::size_t index;  // into `before` for kSame and kRemoved, `after` for kAdded
};

std::vector<std::string_view> Paragraphs(std::string_view text) {
  std::vector<std::string_view> paragraphs;
  std::size_t start = 0;
  while (start < text.size()) {
    std::size_t end = text.find("\n\n", start);
    if (end == std::string_view::npos) end = text.size();
    std::string_view paragraph = text.substr(start, end - start);
    while (!paragraph.empty() && (paragraph.front() == '\n' || paragraph.front() == '\r')) {
      paragraph.remove_prefix(1);
    }
    while (!paragraph.empty() && (paragraph.back() == '\n' || paragraph.back() == '\r')) {
      paragraph.remove_suffix(1);
    }
    if (!paragraph.empty()) paragraphs.push_back(paragraph);
    start = end + 2;
  }
  return paragraphs;
}

// Words with the spaces after them, so joining them gives the text back.
std::vector<std::string_view> Words(std::string_view text) {
  std::vector<std::string_view> words;
  std::size_t start = 0;
  while (start < text.size()) {
    std::size_t end = start;
    while (end < text.size() && text[end] != ' ' && text[end] != '\n') ++end;
    while (end < text.size() && (text[end] == ' ' || text[end] == '\n')) ++end;
    words.push_back(text.substr(start, end - start));
    start = end;
  }
  return words;
}

std::vector<Step> Compare(const std::vector<std::string_view>& a,
                          const std::vector<std::string_view>& b, std::size_t& budget) {
  std::vector<Step> steps;
  const std::size_t cells = (a.size() + 1) * (b.size() + 1);
  if (cells > budget) {
    for (std::size_t i = 0; i < a.size(); ++i) steps.push_back({Op::kRemoved, i});
    for (std::size_t j = 0; j < b.size(); ++j) steps.push_back({Op::kAdded, j});
    return steps;
  }
  budget -= cells;
  // lcs[i][j]: the longest common subsequence of a[i..] and b[j..].
  const std::size_t width = b.size() + 1;
  std::vector<std::uint32_t> lcs((a.size() + 1) * width, 0);
  for (std::size_t i = a.size(); i-- > 0;) {
    for (std::size_t j = b.size(); j-- > 0;) {
      lcs[i * width + j] = a[i] == b[j]
                               ? lcs[(i + 1) * width + j + 1] + 1
                               : std::max(lcs[(i + 1) * width + j], lcs[i * width + j + 1]);
    }
  }
  std::size_t i = 0, j = 0;
  while (i < a.size() && j < b.size()) {
    if (a[i] == b[j]) {
      steps.push_back({Op::kSame, i++});
      ++j;
    } else if (lcs[(i + 1) * width + j] >= lcs[i * width + j + 1]) {
      steps.push_back({Op::kRemoved, i++});
    } else {
      steps.push_back({Op::kAdded, j++});
    }
  }
  while (i < a.size()) steps.push_back({Op::kRemoved, i++});
  while (j < b.size()) steps.push_back({Op::kAdded, j++});
  return steps;
}

std::string InlineDiff(std::string_view before, std::string_view after, std::size_t& budget) {
  const auto a = Words(before);
  const auto b = Words(after);
  std::string html;
  for (const Step& step : Compare(a, b, budget)) {
    switch (step.op) {
      case Op::kSame:
        html += EscapeHtml(a[step.index]);
        break;
      case Op::kRemoved:
        html += "<del>" + EscapeHtml(a[step.index]) + "</del>";
        break;
      case Op::kAdded:
        html += "<ins>" + EscapeHtml(b[step.index]) + "</ins>";
        break;
    }
  }
  return html;
}

}  // namespace

std::string DiffHtml(std::string_view before, std::string_view after) {
  const auto a = Paragraphs(before);
  const auto b = Paragraphs(after);
  std::size_t budget = kCellBudget;
  const std::vector<Step> steps = Compare(a, b, budget);
  std::string html = "<div class=\"diff\">\n";
  std::size_t k = 0;
  while (k < steps.size()) {
    if (steps[k].op == Op::kSame) {
      html += "<p class=\"diff-same\">" + EscapeHtml(a[steps[k++].index]) + "</p>\n";
      continue;
    }
    // A run of removed paragraphs and the run of added ones after it: paired in order, they
    // read as changed paragraphs (an edit), the rest as removed or added.
    std::vector<std::size_t> removed, added;
    while (k < steps.size() && steps[k].op == Op::kRemoved) removed.push_back(steps[k++].index);
    while (k < steps.size() && steps[k].op == Op::kAdded) added.push_back(steps[k++].index);
    const std::size_t paired = std::min(removed.size(), added.size());
    for (std::size_t i = 0; i < paired; ++i) {
      html += "<p class=\"diff-changed\">" + InlineDiff(a[removed[i]], b[added[i]], budget) + "</p>\n";
    }
    for (std::size_t i = paired; i < removed.size(); ++i) {
      html += "<p class=\"diff-removed\"><del>" + EscapeHtml(a[removed[i]]) + "</del></p>\n";
    }
    for (std::size_t i = paired; i < added.size(); ++i) {
      html += "<p class=\"diff-added\"><ins>" + EscapeHtml(b[added[i]]) + "</ins></p>\n";
    }
  }
  return html + "</div>\n";
}

}  // namespace broadsheet::render
