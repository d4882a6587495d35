#include "render/xml_text.h"

#include "render/comment_text.h"

namespace broadsheet::render {

std::string XmlEscape(std::string_view text) {
  // The HTML escaper's five references are XML's too (&#39; included); only the controls
  // XML 1.0 forbids need dropping first.
  std::string allowed;
  allowed.reserve(text.size());
  for (const char c : text) {
    if (static_cast<unsigned char>(c) >= 0x20 || c == '\t' || c == '\n' || c == '\r') {
      allowed += c;
    }
  }
  return EscapeHtml(allowed);
}

}  // namespace broadsheet::render
