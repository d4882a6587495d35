// A bar chart drawn as SVG on the server, for the back office's dashboard: no chart library,
// no script. The chart is a picture of numbers that the page also gives as a table, so it is
// marked role="img" with a title and a description, not read out bar by bar. Pure function.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace broadsheet::render {

struct ChartBar {
  std::string label;  // under the bar when there is room ("11-30")
  std::string hint;   // the bar's tooltip ("30 November: 12 views")
  std::int64_t value = 0;
};

// An <svg> element (well-formed XML; every text escaped): one bar per entry, left to right,
// with a scale rounded up to a readable number and every `label_every`-th label shown.
// `id` prefixes the ids of its title and description (unique within the page).
std::string BarChartSvg(const std::vector<ChartBar>& bars, const std::string& id,
                        const std::string& title, const std::string& description,
                        int label_every = 5);

}  // namespace broadsheet::render
