#include "cli/json_reader.h"

#include <boost/json/stream_parser.hpp>

namespace broadsheet::cli {
namespace {

constexpr std::size_t kChunk = 64 * 1024;
constexpr std::size_t kMaxKeyBytes = 1024;
constexpr std::size_t kMaxSkippedScalarBytes = 16 * 1024 * 1024;
// Deeper nesting than any document of ours has: refused before the stack runs out.
constexpr int kMaxSkipDepth = 64;

bool IsSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

}  // namespace

JsonReader::JsonReader(std::FILE* file) : file_(file), buffer_(kChunk) { data_ = buffer_.data(); }

JsonReader::JsonReader(std::string_view text) : data_(text.data()), end_(text.size()) {}

bool JsonReader::Fill() {
  if (!file_) return false;
  position_ = 0;
  end_ = std::fread(buffer_.data(), 1, buffer_.size(), file_);
  if (end_ == 0 && std::ferror(file_)) Fail("the file cannot be read");
  return end_ > 0;
}

void JsonReader::Consume(std::size_t bytes) {
  for (std::size_t i = position_; i < position_ + bytes; ++i) {
    if (data_[i] == '\n') {
      ++line_;
      column_ = 1;
    } else if ((static_cast<unsigned char>(data_[i]) & 0xC0) != 0x80) {
      ++column_;  // columns count characters, not the bytes of UTF-8 continuations
    }
  }
  position_ += bytes;
  offset_ += bytes;
}

int JsonReader::PeekToken() {
  for (;;) {
    while (position_ < end_ && IsSpace(data_[position_])) Consume(1);
    if (position_ < end_) return static_cast<unsigned char>(data_[position_]);
    if (!Fill()) return -1;
  }
}

void JsonReader::Expect(char wanted, const char* what) {
  const int next = PeekToken();
  if (next != static_cast<unsigned char>(wanted)) {
    Fail(next < 0 ? std::string("the document ends where ") + what + " should be"
                  : std::string("expected ") + what);
  }
  Consume(1);
}

void JsonReader::BeginObject() {
  Expect('{', "an object ('{')");
  open_.push_back({'}', true});
}

void JsonReader::BeginArray() {
  Expect('[', "a list ('[')");
  open_.push_back({']', true});
}

void JsonReader::Separator(Open& open, const char* what) {
  if (open.first) {
    open.first = false;
    return;
  }
  Expect(',', what);
}

std::optional<std::string> JsonReader::NextKey() {
  if (open_.empty() || open_.back().closing != '}') Fail("not inside an object");
  if (PeekToken() == '}') {
    Consume(1);
    open_.pop_back();
    return std::nullopt;
  }
  Separator(open_.back(), "',' or '}' after a member");
  if (PeekToken() != '"') Fail("expected a member's name in quotes");
  const boost::json::value key = ReadValue(kMaxKeyBytes);
  Expect(':', "':' after a member's name");
  return std::string(key.as_string());
}

bool JsonReader::NextElement() {
  if (open_.empty() || open_.back().closing != ']') Fail("not inside a list");
  if (PeekToken() == ']') {
    Consume(1);
    open_.pop_back();
    return false;
  }
  Separator(open_.back(), "',' or ']' after an element");
  return true;
}

boost::json::value JsonReader::ReadValue(std::size_t max_bytes) {
  if (PeekToken() < 0) Fail("the document ends where a value should be");
  const std::string start = Where();
  boost::json::stream_parser parser;
  std::size_t read = 0;
  boost::system::error_code error;
  while (!parser.done()) {
    if (position_ == end_ && !Fill()) {
      parser.finish(error);
      if (error) Fail("the document ends inside the value that starts at " + start);
      break;
    }
    const std::size_t used = parser.write_some(data_ + position_, end_ - position_, error);
    Consume(used);
    if (error) Fail("not JSON: " + error.message());
    read += used;
    if (read > max_bytes) {
      Fail("the value that starts at " + start + " is longer than " + std::to_string(max_bytes) +
           " bytes");
    }
  }
  return parser.release();
}

void JsonReader::SkipValue() { SkipNested(0); }

void JsonReader::SkipNested(int depth) {
  if (depth > kMaxSkipDepth) Fail("nested too deeply");
  const int next = PeekToken();
  if (next == '{') {
    BeginObject();
    while (NextKey()) SkipNested(depth + 1);
  } else if (next == '[') {
    BeginArray();
    while (NextElement()) SkipNested(depth + 1);
  } else {
    ReadValue(kMaxSkippedScalarBytes);
  }
}

void JsonReader::ExpectEnd() {
  if (PeekToken() >= 0) Fail("more follows the end of the document");
}

std::string JsonReader::Where() const {
  return "line " + std::to_string(line_) + ", column " + std::to_string(column_);
}

void JsonReader::Fail(const std::string& what) const { throw JsonReadError(Where() + ": " + what); }

}  // namespace broadsheet::cli
