// Tests for cli/json_reader: the streaming reader walks a document read 64 KiB at a time, a
// value split across two reads included, and refuses what is not JSON with its position.
#include "cli/json_reader.h"

#include <gtest/gtest.h>

#include <cstdio>
#include <memory>
#include <string>

namespace broadsheet::cli {
namespace {

using File = std::unique_ptr<std::FILE, int (*)(std::FILE*)>;

File FileHolding(const std::string& text) {
  File file(std::tmpfile(), &std::fclose);
  std::fwrite(text.data(), 1, text.size(), file.get());
  std::rewind(file.get());
  return file;
}

std::string Refusal(const std::string& text) {
  try {
    JsonReader reader{std::string_view(text)};
    reader.SkipValue();
    reader.ExpectEnd();
  } catch (const JsonReadError& error) {
    return error.what();
  }
  return "accepted";
}

TEST(JsonReader, issue_0014_WalksAFileOfManyChunksOneRecordAtATime) {
  // Records of varied lengths, so numbers, strings and escapes fall across the 64 KiB reads.
  std::string text = "{\"format\": \"x\",\n\"records\": [";
  for (int i = 0; i < 3000; ++i) {
    if (i) text += ",";
    text += "\n  {\"id\": " + std::to_string(1000000 + i) + ", \"body\": \"" +
            std::string(static_cast<std::size_t>(i % 97), 'a') + "\\n\\u00e9\"}";
  }
  text += "\n], \"after\": {\"deep\": [1, [2, {\"x\": null}]]}, \"last\": 12345}";
  ASSERT_GT(text.size(), 3u * 64 * 1024);
  const File file = FileHolding(text);
  JsonReader reader(file.get());
  reader.BeginObject();
  ASSERT_EQ(reader.NextKey(), "format");
  EXPECT_EQ(reader.ReadValue(100).as_string(), "x");
  ASSERT_EQ(reader.NextKey(), "records");
  reader.BeginArray();
  int count = 0;
  while (reader.NextElement()) {
    const boost::json::value record = reader.ReadValue(1024);
    ASSERT_EQ(record.at("id").as_int64(), 1000000 + count);
    ASSERT_EQ(record.at("body").as_string().size(), static_cast<std::size_t>(count % 97) + 3);
    ++count;
  }
  EXPECT_EQ(count, 3000);
  ASSERT_EQ(reader.NextKey(), "after");
  reader.SkipValue();
  ASSERT_EQ(reader.NextKey(), "last");
  EXPECT_EQ(reader.ReadValue(100).as_int64(), 12345);
  EXPECT_EQ(reader.NextKey(), std::nullopt);
  reader.ExpectEnd();
  EXPECT_EQ(reader.offset(), text.size());
}

TEST(JsonReader, issue_0014_RefusesWhatIsNotJsonWithItsLineAndColumn) {
  EXPECT_EQ(Refusal("{\"a\": [1, 2,]}"), "line 1, column 13: not JSON: syntax error");
  EXPECT_EQ(Refusal("{\"a\": 1,\n \"b\" 2}"),
            "line 2, column 6: expected ':' after a member's name");
  EXPECT_EQ(Refusal("{\"a\": 1 \"b\": 2}"), "line 1, column 9: expected ',' or '}' after a member");
  EXPECT_EQ(Refusal("[1, 2"),
            "line 1, column 6: the document ends where ',' or ']' after an "
            "element should be");
  EXPECT_EQ(
      Refusal("{\"a\": \"cut"),
      "line 1, column 11: the document ends inside the value that starts at line 1, column 7");
  EXPECT_EQ(Refusal("[1] [2]"), "line 1, column 5: more follows the end of the document");
  EXPECT_EQ(Refusal(""), "line 1, column 1: the document ends where a value should be");
  EXPECT_EQ(Refusal(std::string(100, '[') + std::string(100, ']')),
            "line 1, column 66: nested too deeply");
  EXPECT_EQ(Refusal("{\"a\": [true, {\"b\": null}], \"c\": -1.5e3}"), "accepted");
}

TEST(JsonReader, issue_0014_AValueLongerThanItsLimitIsRefused) {
  const std::string text = "[\"" + std::string(5000, 'x') + "\"]";
  JsonReader reader{std::string_view(text)};
  reader.BeginArray();
  ASSERT_TRUE(reader.NextElement());
  try {
    reader.ReadValue(1000);
    FAIL() << "a 5,000-byte value passed a limit of 1,000";
  } catch (const JsonReadError& error) {
    EXPECT_NE(std::string(error.what()).find("longer than 1000 bytes"), std::string::npos)
        << error.what();
  }
}

}  // namespace
}  // namespace broadsheet::cli
