// Tells crawlers from readers by User-Agent, so "Read N times" counts people. Pure function.
#pragma once

#include <string_view>

namespace broadsheet::news {

// True for search engines, feed fetchers, AI crawlers, link previewers, HTTP libraries and
// anything that calls itself a bot, crawler or spider. An empty User-Agent counts as a crawler:
// browsers always send one.
bool IsCrawler(std::string_view user_agent);

}  // namespace broadsheet::news
