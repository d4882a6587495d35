#include "render/svg_chart.h"

#include <fmt/core.h>

#include <algorithm>

#include "render/comment_text.h"

namespace broadsheet::render {
namespace {

constexpr int kWidth = 720;
constexpr int kHeight = 240;
constexpr int kLeft = 48;    // room for the scale's numbers
constexpr int kBottom = 28;  // room for the labels
constexpr int kTop = 12;
constexpr int kRight = 8;

// The smallest of 1, 2, 5 times a power of ten that is at least `value` (and at least 1).
std::int64_t NiceCeiling(std::int64_t value) {
  std::int64_t power = 1;
  while (true) {
    for (const std::int64_t step : {1, 2, 5}) {
      if (step * power >= value) return step * power;
    }
    if (power > INT64_MAX / 10) return value;
    power *= 10;
  }
}

}  // namespace

std::string BarChartSvg(const std::vector<ChartBar>& bars, const std::string& id,
                        const std::string& title, const std::string& description, int label_every) {
  std::int64_t highest = 0;
  for (const ChartBar& bar : bars) highest = std::max(highest, bar.value);
  const std::int64_t scale = NiceCeiling(std::max<std::int64_t>(highest, 1));
  const double plot_width = kWidth - kLeft - kRight;
  const double plot_height = kHeight - kTop - kBottom;
  const double slot = bars.empty() ? plot_width : plot_width / static_cast<double>(bars.size());

  std::string svg = fmt::format(
      "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" viewBox=\"0 0 {0} {1}\" "
      "role=\"img\" aria-labelledby=\"{2}-title {2}-desc\">"
      "<title id=\"{2}-title\">{3}</title><desc id=\"{2}-desc\">{4}</desc>",
      kWidth, kHeight, EscapeHtml(id), EscapeHtml(title), EscapeHtml(description));
  // The scale: zero, half and the top, with light rules across.
  for (const std::int64_t mark : {std::int64_t{0}, scale / 2, scale}) {
    const double y =
        kTop + plot_height - plot_height * static_cast<double>(mark) / static_cast<double>(scale);
    svg += fmt::format(
        "<line class=\"chart-rule\" x1=\"{}\" y1=\"{:.1f}\" x2=\"{}\" y2=\"{:.1f}\"/>"
        "<text class=\"chart-scale\" x=\"{}\" y=\"{:.1f}\" text-anchor=\"end\">{}</text>",
        kLeft, y, kWidth - kRight, y, kLeft - 6, y + 4, mark);
  }
  for (std::size_t i = 0; i < bars.size(); ++i) {
    const ChartBar& bar = bars[i];
    const double height = plot_height * static_cast<double>(bar.value) / static_cast<double>(scale);
    const double x = kLeft + slot * static_cast<double>(i) + slot * 0.15;
    svg += fmt::format(
        "<rect class=\"chart-bar\" x=\"{:.1f}\" y=\"{:.1f}\" width=\"{:.1f}\" height=\"{:.1f}\">"
        "<title>{}</title></rect>",
        x, kTop + plot_height - height, slot * 0.7, height, EscapeHtml(bar.hint));
    if (label_every > 0 && i % static_cast<std::size_t>(label_every) == 0) {
      svg += fmt::format(
          "<text class=\"chart-label\" x=\"{:.1f}\" y=\"{}\" text-anchor=\"middle\">{}</text>",
          x + slot * 0.35, kHeight - 8, EscapeHtml(bar.label));
    }
  }
  svg += "</svg>";
  return svg;
}

}  // namespace broadsheet::render
