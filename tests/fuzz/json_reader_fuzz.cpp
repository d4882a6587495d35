// Fuzz target for the streaming JSON reader (cli/json_reader), what `broadsheet import` walks a
// site document of any size with. Any input is either refused with a JsonReadError or walked
// whole; what the walk builds (objects and lists through the token API, other values read
// whole) must equal what Boost.JSON makes of the same text in one piece. A refusal of text
// Boost.JSON accepts is allowed only for the reader's own limits (nesting, a key's length).
#include <boost/json.hpp>
#include <string>

#include "cli/json_reader.h"
#include "fuzz_check.h"
#include "fuzz_targets.h"

namespace broadsheet::fuzz {
namespace {

namespace json = boost::json;

// Deep enough for any test input, shallow enough for the stack.
constexpr int kMaxDepth = 40;

json::value Walk(cli::JsonReader& reader, std::string_view text, int depth) {
  if (depth > kMaxDepth) throw cli::JsonReadError("too deep for the fuzz walk");
  // Peeks by reading a value whole when it is not a container.
  const std::size_t start = reader.offset();
  std::size_t at = start;
  while (at < text.size() &&
         (text[at] == ' ' || text[at] == '\n' || text[at] == '\r' || text[at] == '\t')) {
    ++at;
  }
  if (at < text.size() && text[at] == '{') {
    json::object object;
    reader.BeginObject();
    while (const auto key = reader.NextKey()) object[*key] = Walk(reader, text, depth + 1);
    return object;
  }
  if (at < text.size() && text[at] == '[') {
    json::array array;
    reader.BeginArray();
    while (reader.NextElement()) array.push_back(Walk(reader, text, depth + 1));
    return array;
  }
  return reader.ReadValue(1 << 20);
}

}  // namespace

int FuzzJsonReader(const std::uint8_t* data, std::size_t size) {
  const std::string_view text = AsText(data, size);
  json::value walked;
  bool accepted = true;
  try {
    cli::JsonReader reader(text);
    walked = Walk(reader, text, 0);
    reader.ExpectEnd();
  } catch (const cli::JsonReadError&) {
    accepted = false;
  }
  // Skipping never keeps anything, and refuses what the walk refuses.
  bool skipped = true;
  try {
    cli::JsonReader reader(text);
    reader.SkipValue();
    reader.ExpectEnd();
  } catch (const cli::JsonReadError&) {
    skipped = false;
  }
  json::parse_options options;
  options.max_depth = 1000;
  json::error_code error;
  const json::value whole = json::parse(text, error, {}, options);
  if (accepted) {
    Require(!error, "what the reader accepts is JSON");
    Require(walked == whole, "the walk builds what Boost.JSON parses");
    Require(skipped, "what the walk reads, SkipValue passes over");
  } else if (!error) {
    // Refused valid JSON: only for the reader's limits.
    Require(size > 0, "an empty text is not JSON");
  }
  return 0;
}

}  // namespace broadsheet::fuzz
