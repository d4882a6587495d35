// Text for XML documents (feeds, sitemaps): escaped for element content and attribute values,
// with the characters XML 1.0 forbids (C0 controls but tab, newline and return) dropped, so a
// stray control character in an article never makes a feed unparseable. Pure.
#pragma once

#include <string>
#include <string_view>

namespace broadsheet::render {

// Escapes & < > " ' (as render::EscapeHtml does) and drops characters XML 1.0 forbids.
std::string XmlEscape(std::string_view text);

}  // namespace broadsheet::render
