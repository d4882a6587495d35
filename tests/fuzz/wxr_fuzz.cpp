// Fuzz target for the WordPress export reader (import/wxr_reader): ReadWxrText, what `broadsheet
// import wordpress` runs on an XML file from anywhere. A refused file must be an ImportError
// naming a position (one line, exit 2), never another exception or a crash; what an accepted
// one hands over stays within the reader's limits.
#include <string>

#include "fuzz_check.h"
#include "fuzz_targets.h"
#include "import/wxr_reader.h"

namespace broadsheet::fuzz {

int FuzzWxr(const std::uint8_t* data, std::size_t size) {
  import::WxrHandler handler;
  std::size_t items = 0;
  bool channel_first = true;
  bool channel_seen = false;
  handler.channel = [&](const import::WxrChannel& channel) {
    Require(!channel.base_site_url.empty(), "a channel has its site's address");
    channel_seen = true;
  };
  handler.author = [&](const import::WxrAuthor&) { channel_first = channel_first && channel_seen; };
  handler.term = [&](const import::WxrTerm&) { channel_first = channel_first && channel_seen; };
  handler.item = [&](const import::WxrItem& item) {
    channel_first = channel_first && channel_seen;
    Require(item.content.size() <= 16 * 1024 * 1024, "a value is at most 16 MB");
    Require(item.terms.size() <= 1000, "at most 1,000 terms an item");
    Require(item.line > 0, "an item knows its line");
    ++items;
  };
  try {
    import::ReadWxrText("fuzz.xml", AsText(data, size), handler);
  } catch (const import::ImportError& error) {
    const std::string message = error.what();
    Require(message.starts_with("fuzz.xml"), "a refusal names the file");
    Require(message.find('\n') == std::string::npos, "a refusal is one line");
    return 0;  // anything else thrown escapes and counts as a crash
  }
  Require(channel_first, "the channel comes before its authors, terms and items");
  return 0;
}

}  // namespace broadsheet::fuzz
