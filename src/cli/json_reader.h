// A pull reader for one large JSON document (issue 14): it walks objects and arrays token by
// token and hands over each value the caller asks for whole (parsed by Boost.JSON), so a
// document of any size is read with one record in memory at a time. Input comes 64 KiB at a
// time from a file, or from text in memory. Every error throws JsonReadError, "line L, column
// C: what". Not thread-safe.
#pragma once

#include <boost/json/value.hpp>
#include <cstdint>
#include <cstdio>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace broadsheet::cli {

class JsonReadError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

class JsonReader {
 public:
  // Reads `file` (not owned) from where it stands.
  explicit JsonReader(std::FILE* file);
  // Reads `text`, which must outlive the reader.
  explicit JsonReader(std::string_view text);
  JsonReader(const JsonReader&) = delete;
  JsonReader& operator=(const JsonReader&) = delete;

  // '{' next; then NextKey until it says the object ended.
  void BeginObject();
  // The next member's key (its value is next), or nothing at the object's closing brace.
  std::optional<std::string> NextKey();
  // '[' next; then NextElement until it says the array ended.
  void BeginArray();
  // True when another element is next, false at the array's closing bracket.
  bool NextElement();
  // The next value, whole; one longer than `max_bytes` of text is refused.
  boost::json::value ReadValue(std::size_t max_bytes);
  // Passes over the next value, however large, keeping nothing of it.
  void SkipValue();
  // Nothing but white space may follow.
  void ExpectEnd();
  // "line L, column C" of the next unread character.
  std::string Where() const;
  // Bytes consumed so far, for a progress bar.
  std::uint64_t offset() const { return offset_; }

 private:
  struct Open {
    char closing;  // '}' or ']'
    bool first;    // nothing read in it yet
  };

  // The next character that is not white space, left unread; -1 at the end of the input.
  int PeekToken();
  void Consume(std::size_t bytes);
  // Reads more input into the buffer; false at its end.
  bool Fill();
  void Expect(char wanted, const char* what);
  // Takes the ',' between members or elements, unless `open` is still empty.
  void Separator(Open& open, const char* what);
  void SkipNested(int depth);
  [[noreturn]] void Fail(const std::string& what) const;

  std::FILE* file_ = nullptr;
  std::vector<char> buffer_;
  const char* data_ = nullptr;
  std::size_t position_ = 0;
  std::size_t end_ = 0;
  std::uint64_t offset_ = 0;
  std::int64_t line_ = 1;
  std::int64_t column_ = 1;
  std::vector<Open> open_;
};

}  // namespace broadsheet::cli
