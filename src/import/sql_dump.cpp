#include "import/sql_dump.h"

#include <algorithm>
#include <cstdio>
#include <cstring>
#include <exception>
#include <initializer_list>
#include <memory>
#include <utility>

// Two layers: Lexer turns the bytes into tokens the way the mysql client and server split
// them (strings with their escapes, `names`, numbers, hex and bit literals, comments and the
// statement delimiter), and DumpParser looks at each statement's tokens and reads only CREATE
// TABLE and INSERT / REPLACE. Every other statement is still lexed, so that a ';' or quote
// inside its strings and comments does not end it early. Over 500 lines: both halves are of
// one format and nothing else uses the lexer, so they stay in one file.
namespace broadsheet::import {
namespace {

// One value: mysqldump writes a LONGTEXT of up to 4 GiB, but an article above this is a
// broken file, not a story (the same cap as the WordPress reader's).
constexpr std::size_t kMaxValue = 16 * 1024 * 1024;
constexpr std::size_t kMaxRow = 64 * 1024 * 1024;
// MariaDB allows at most 4,096 columns a table; a row of more values is not a dump's. The
// cap also bounds the per-value overhead of a row of many NULLs.
constexpr std::size_t kMaxColumns = 4096;
constexpr std::size_t kMaxDelimiter = 16;
constexpr std::size_t kChunk = 1 << 16;
constexpr const char* kTooLong = "a value longer than 16 MB";

using Reader = std::function<std::size_t(char*, std::size_t)>;

// The bytes of the file, a chunk at a time, with the 1-based line and column of the next one.
// A column counts characters (UTF-8 continuation bytes do not move it); a tab is one.
class Input {
 public:
  explicit Input(const Reader& read) : read_(read) {}

  // The byte `ahead` places on, or -1 past the end.
  int Peek(std::size_t ahead = 0) {
    if (pos_ + ahead >= buffer_.size() && !Fill(ahead)) return -1;
    return static_cast<unsigned char>(buffer_[pos_ + ahead]);
  }
  int Get() {
    const int c = Peek();
    if (c < 0) return c;
    ++pos_;
    if (c == '\n') {
      ++line_;
      column_ = 1;
    } else if ((c & 0xC0) != 0x80) {
      ++column_;
    }
    return c;
  }
  void SkipBom() {
    if (Peek() == 0xEF && Peek(1) == 0xBB && Peek(2) == 0xBF) pos_ += 3;
  }
  int line() const { return line_; }
  int column() const { return column_; }

 private:
  // Keeps the unread tail and appends chunks until `ahead` more bytes are there or the file ends.
  bool Fill(std::size_t ahead) {
    while (pos_ + ahead >= buffer_.size()) {
      if (eof_) return false;
      buffer_.erase(0, pos_);
      pos_ = 0;
      const std::size_t old = buffer_.size();
      buffer_.resize(old + kChunk);
      const std::size_t got = read_(buffer_.data() + old, kChunk);
      buffer_.resize(old + got);
      eof_ = got < kChunk;
    }
    return true;
  }

  const Reader& read_;
  std::string buffer_;
  std::size_t pos_ = 0;
  bool eof_ = false;
  int line_ = 1;
  int column_ = 1;
};

enum class Kind { kEnd, kDelimiter, kWord, kName, kString, kNumber, kBytes, kPunct };

struct Token {
  Kind kind = Kind::kEnd;
  std::string text;  // a word, a `name` or a string unescaped; a number's text; kBytes' bytes
  char quote = 0;    // a kString's quote; a kPunct's character
  int line = 1;
  int column = 1;
};

bool IsWordByte(int c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
         c == '$' || c >= 0x80;
}
bool IsDigit(int c) { return c >= '0' && c <= '9'; }
int HexDigit(int c) {
  if (IsDigit(c)) return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}
bool IsSpace(int c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

// "0x0141" / "x'0141'" / "b'101000001'" digits → the bytes, left-padded as MariaDB does.
std::string DigitsToBytes(const std::string& digits, int bits_per_digit) {
  const std::size_t per_byte = 8 / bits_per_digit;
  std::string out;
  unsigned value = 0;
  std::size_t count = (per_byte - digits.size() % per_byte) % per_byte;
  for (const char digit : digits) {
    value = (value << bits_per_digit) | static_cast<unsigned>(HexDigit(digit));
    if (++count == per_byte) {
      out.push_back(static_cast<char>(value));
      value = 0;
      count = 0;
    }
  }
  return out;
}

class Lexer {
 public:
  Lexer(std::string name, const Reader& read) : name_(std::move(name)), in_(read) { in_.SkipBom(); }

  [[noreturn]] void Fail(int line, int column, const std::string& what) const {
    throw ImportError(name_ + ":" + std::to_string(line) + ":" + std::to_string(column), what);
  }
  [[noreturn]] void FailHere(const std::string& what) const {
    Fail(in_.line(), in_.column(), what);
  }
  // Whether anything but white space has been read (an empty file is refused as such).
  bool seen_content() const { return seen_content_; }

  // Reads the next token into `token`. Strings outside an INSERT's rows are lexed but not
  // kept (keep_strings false), so a skipped statement costs no memory.
  void Next(Token& token) {
    SkipSpaceAndComments();
    token.text.clear();
    token.line = in_.line();
    token.column = in_.column();
    const int c = in_.Peek();
    if (c >= 0) seen_content_ = true;
    if (c < 0) {
      token.kind = Kind::kEnd;
    } else if (AtDelimiter()) {
      for (std::size_t i = 0; i < delimiter_.size(); ++i) in_.Get();
      token.kind = Kind::kDelimiter;
    } else if (c == '\'' || c == '"') {
      token.kind = Kind::kString;
      token.quote = static_cast<char>(c);
      ReadString(token, keep_strings);
    } else if (c == '`') {
      token.kind = Kind::kName;
      ReadString(token, true);
    } else if (IsDigit(c) || (c == '.' && IsDigit(in_.Peek(1)))) {
      ReadNumber(token);
    } else if (IsWordByte(c)) {
      ReadWord(token);
    } else if (c < 0x20 && !IsSpace(c)) {
      char what[64];
      std::snprintf(what, sizeof what, "not SQL: a control byte 0x%02X outside a string", c);
      FailHere(what);
    } else {
      token.kind = Kind::kPunct;
      token.quote = static_cast<char>(in_.Get());
    }
  }

  // The mysql client's DELIMITER command: the rest of the line is the new statement end.
  void ReadDelimiterLine() {
    std::string line;
    for (int c = in_.Peek(); c >= 0 && c != '\n'; c = in_.Peek()) {
      line.push_back(static_cast<char>(in_.Get()));
      if (line.size() > 1024) FailHere("a DELIMITER line longer than 1 KiB");
    }
    const auto first = line.find_first_not_of(" \t\r");
    if (first == std::string::npos) FailHere("a DELIMITER command with no delimiter");
    line = line.substr(first, line.find_first_of(" \t\r", first) - first);
    if (line.size() > kMaxDelimiter) FailHere("a DELIMITER longer than 16 bytes");
    delimiter_ = line;
  }

  bool keep_strings = false;

 private:
  bool AtDelimiter() {
    for (std::size_t i = 0; i < delimiter_.size(); ++i) {
      if (in_.Peek(i) != static_cast<unsigned char>(delimiter_[i])) return false;
    }
    return true;
  }

  void Append(std::string& text, int c, const Token& token) const {
    if (text.size() >= kMaxValue) Fail(token.line, token.column, kTooLong);
    text.push_back(static_cast<char>(c));
  }

  void SkipSpaceAndComments() {
    for (;;) {
      const int c = in_.Peek();
      if (IsSpace(c)) {
        in_.Get();
      } else if (c == '#' || (c == '-' && in_.Peek(1) == '-' && in_.Peek(2) <= ' ')) {
        // "--" starts a comment only before a space or control byte (so "1--2" is arithmetic).
        seen_content_ = true;
        while (in_.Peek() >= 0 && in_.Get() != '\n') {
        }
      } else if (c == '/' && in_.Peek(1) == '*') {
        seen_content_ = true;
        SkipBlockComment();
      } else {
        return;
      }
    }
  }

  // A /* */ comment. /*! and /*M! comments are SQL the server runs (mysqldump's SET and
  // ALTER TABLE ... DISABLE KEYS, a trigger's body): read as comments, but a quote inside
  // them is honoured so that "*/" in a string does not end them.
  void SkipBlockComment() {
    const int line = in_.line();
    const int column = in_.column();
    in_.Get();
    in_.Get();
    const bool executable = in_.Peek() == '!' || (in_.Peek() == 'M' && in_.Peek(1) == '!');
    int quote = 0;
    for (;;) {
      const int c = in_.Get();
      if (c < 0) Fail(line, column, "the file ends inside the comment that starts here");
      if (quote != 0) {
        if (c == '\\' && quote != '`') {
          in_.Get();
        } else if (c == quote) {
          quote = 0;
        }
      } else if (c == '*' && in_.Peek() == '/') {
        in_.Get();
        return;
      } else if (executable && (c == '\'' || c == '"' || c == '`')) {
        quote = c;
      }
    }
  }

  // A 'string', "string" or `name`: the quote doubled is the quote; in strings a backslash
  // escapes as MariaDB's default SQL mode has it (\% and \_ keep their backslash).
  void ReadString(Token& token, bool keep) {
    const int quote = in_.Get();
    for (;;) {
      int c = in_.Get();
      if (c < 0) {
        Fail(token.line, token.column,
             quote == '`' ? "the file ends inside the quoted name that starts here"
                          : "the file ends inside the string that starts here");
      }
      if (c == quote) {
        if (in_.Peek() != quote) return;
        in_.Get();
      } else if (c == '\\' && quote != '`') {
        c = in_.Get();
        if (c < 0) continue;  // reported as the unterminated string on the next turn
        const auto escape = std::string_view("0bnrtZ").find(static_cast<char>(c));
        if (escape != std::string_view::npos) {
          c = static_cast<unsigned char>(std::string_view("\0\b\n\r\t\x1A", 6)[escape]);
        } else if ((c == '%' || c == '_') && keep) {
          Append(token.text, '\\', token);  // \% and \_ keep their backslash (for LIKE)
        }                                   // \' \" \\ and any other: the character itself
      }
      if (keep) Append(token.text, c, token);
    }
  }

  // 12, 1.5, .5, 1e10, 2.5E-3 (a sign is a token of its own); 0x4142 and 0b0101 become bytes.
  void ReadNumber(Token& token) {
    token.kind = Kind::kNumber;
    const int next = in_.Peek(1);
    if (in_.Peek() == '0' && (next == 'x' || next == 'b')) {
      const int bits = next == 'x' ? 4 : 1;
      const int limit = bits == 4 ? 16 : 2;
      const int after = HexDigit(in_.Peek(2));
      if (after >= 0 && after < limit) {
        in_.Get();
        in_.Get();
        return ReadDigits(token, bits, -1);
      }
    }
    while (IsDigit(in_.Peek())) Append(token.text, in_.Get(), token);
    if (in_.Peek() == '.') {
      Append(token.text, in_.Get(), token);
      while (IsDigit(in_.Peek())) Append(token.text, in_.Get(), token);
    }
    const int e = in_.Peek();
    const int sign = in_.Peek(1);
    if ((e == 'e' || e == 'E') &&
        (IsDigit(sign) || ((sign == '+' || sign == '-') && IsDigit(in_.Peek(2))))) {
      Append(token.text, in_.Get(), token);
      Append(token.text, in_.Get(), token);
      while (IsDigit(in_.Peek())) Append(token.text, in_.Get(), token);
    }
  }

  // Hex (bits 4) or binary (bits 1) digits up to `close` ('\'' for x'..' and b'..', -1 for
  // 0x.. and 0b..), turned into bytes.
  void ReadDigits(Token& token, int bits, int close) {
    token.kind = Kind::kBytes;
    std::string digits;
    for (;;) {
      const int c = in_.Peek();
      const int value = HexDigit(c);
      if (close < 0 && (value < 0 || value >= (1 << bits))) break;
      if (c == close) {
        in_.Get();
        break;
      }
      if (c < 0) {
        Fail(token.line, token.column, "the file ends inside the literal that starts here");
      }
      if (value < 0 || value >= (1 << bits)) {
        FailHere(bits == 4 ? "a hex literal with a non-hex digit"
                           : "a bit literal with a digit not 0 or 1");
      }
      if (digits.size() >= 2 * kMaxValue) Fail(token.line, token.column, kTooLong);
      digits.push_back(static_cast<char>(in_.Get()));
    }
    token.text = DigitsToBytes(digits, bits);
  }

  // A bare word; x'..', b'..' and N'..' are literals when the quote follows at once.
  void ReadWord(Token& token) {
    const int c = in_.Peek();
    if (in_.Peek(1) == '\'') {
      if (c == 'x' || c == 'X' || c == 'b' || c == 'B') {
        in_.Get();
        in_.Get();
        return ReadDigits(token, c == 'x' || c == 'X' ? 4 : 1, '\'');
      }
      if (c == 'n' || c == 'N') {
        in_.Get();
        token.kind = Kind::kString;
        token.quote = '\'';
        return ReadString(token, keep_strings);
      }
    }
    token.kind = Kind::kWord;
    while (IsWordByte(in_.Peek()) && !(delimiter_ != ";" && AtDelimiter())) {
      Append(token.text, in_.Get(), token);
    }
  }

  const std::string name_;
  Input in_;
  std::string delimiter_ = ";";
  bool seen_content_ = false;
};

bool IsWord(const Token& token, std::string_view upper) {
  if (token.kind != Kind::kWord || token.text.size() != upper.size()) return false;
  for (std::size_t i = 0; i < upper.size(); ++i) {
    const char c = token.text[i];
    if ((c >= 'a' && c <= 'z' ? static_cast<char>(c - 'a' + 'A') : c) != upper[i]) return false;
  }
  return true;
}

bool IsPunct(const Token& token, char c) { return token.kind == Kind::kPunct && token.quote == c; }

bool IsAnyWord(const Token& token, std::initializer_list<std::string_view> words) {
  return std::any_of(words.begin(), words.end(),
                     [&](std::string_view w) { return IsWord(token, w); });
}

// A token for a message: short, printable, one line.
std::string Describe(const Token& token) {
  static constexpr std::string_view kKinds[] = {
      "the end of the file", "the end of the statement", "", "a `name`", "a string", "a number",
      "a hex or bit literal"};
  if (token.kind == Kind::kPunct) return std::string("'") + token.quote + "'";
  if (token.kind != Kind::kWord) return std::string(kKinds[static_cast<int>(token.kind)]);
  std::string word = token.text.substr(0, 40);
  for (char& c : word) c = (c & 0x80) != 0 ? '?' : c;
  return "\"" + word + (token.text.size() > 40 ? "...\"" : "\"");
}

class DumpParser {
 public:
  DumpParser(std::string name, const Reader& read, const SqlDumpHandler& handler)
      : lexer_(std::move(name), read), handler_(handler) {}

  void Run() {
    Advance();
    if (!lexer_.seen_content()) Fail("an empty file, not a dump");
    while (token_.kind != Kind::kEnd) {
      if (token_.kind == Kind::kDelimiter) {
        lexer_.keep_strings = false;
        Advance();
        continue;
      }
      statement_line_ = token_.line;
      statement_column_ = token_.column;
      if (!seen_data_) CheckPreamble();
      if (IsWord(token_, "CREATE")) {
        ParseCreate();
      } else if (IsWord(token_, "INSERT") || IsWord(token_, "REPLACE")) {
        ParseInsert();
      } else if (IsWord(token_, "DELIMITER")) {
        lexer_.ReadDelimiterLine();
        Advance();
      } else {
        SkipStatement();
      }
    }
  }

 private:
  [[noreturn]] void Fail(const std::string& what) const {
    lexer_.Fail(token_.line, token_.column, what);
  }
  void Advance() { lexer_.Next(token_); }

  // Until the first CREATE or INSERT, each statement must open as a MySQL/MariaDB dump's
  // do: a pg_dump (SELECT pg_catalog..., COPY) or a text file is refused at its first such
  // statement instead of being read as a dump with no tables.
  void CheckPreamble() {
    if (IsAnyWord(token_, {"CREATE", "INSERT", "REPLACE"})) {
      seen_data_ = true;
    } else if (!IsAnyWord(token_, {"DROP", "LOCK", "UNLOCK", "SET", "USE", "ALTER", "START",
                                   "BEGIN", "COMMIT", "DELIMITER", "CHANGE", "STOP"})) {
      Fail("not a MySQL/MariaDB dump: a statement begins with " + Describe(token_));
    }
  }

  void SkipStatement() {
    while (token_.kind != Kind::kDelimiter) {
      if (token_.kind == Kind::kEnd) {
        lexer_.Fail(statement_line_, statement_column_,
                    "the file ends inside the statement that starts here (no ';')");
      }
      Advance();
    }
  }

  // A table or column name: `name`, a bare word or (ANSI_QUOTES) "name"; db.table keeps the
  // table. Returns false, reading nothing, when the token is none of these.
  bool ReadName(std::string& out) {
    const auto is_name = [&] {
      return token_.kind == Kind::kName || token_.kind == Kind::kWord ||
             (token_.kind == Kind::kString && token_.quote == '"');
    };
    if (!is_name()) return false;
    out = token_.text;
    Advance();
    if (IsPunct(token_, '.')) {
      Advance();
      if (!is_name()) Fail("a name expected after '.', found " + Describe(token_));
      out = token_.text;
      Advance();
    }
    return true;
  }

  // CREATE [OR REPLACE] [TEMPORARY] TABLE [IF NOT EXISTS] name ( column ..., KEY ..., ... ).
  // Anything else created (a database, a view, a trigger) is skipped.
  void ParseCreate() {
    Advance();
    while (IsAnyWord(token_, {"OR", "REPLACE", "TEMPORARY"})) Advance();
    if (!IsWord(token_, "TABLE")) return SkipStatement();
    Advance();
    while (IsAnyWord(token_, {"IF", "NOT", "EXISTS"})) Advance();
    std::string table;
    if (!ReadName(table) || !IsPunct(token_, '(')) return SkipStatement();  // CREATE ... LIKE
    Advance();
    std::vector<std::string> columns;
    while (!IsPunct(token_, ')')) {
      // A definition opening with a key word is an index or constraint, not a column.
      const bool key = IsAnyWord(token_, {"PRIMARY", "KEY", "INDEX", "UNIQUE", "CONSTRAINT",
                                          "FULLTEXT", "SPATIAL", "FOREIGN", "CHECK", "PERIOD"});
      std::string column;
      if (!key && ReadName(column)) {
        if (columns.size() >= kMaxColumns) Fail("a table of more than 4,096 columns");
        columns.push_back(std::move(column));
      }
      for (int depth = 0; depth > 0 || !(IsPunct(token_, ',') || IsPunct(token_, ')'));) {
        if (token_.kind == Kind::kEnd || token_.kind == Kind::kDelimiter) {
          Fail("a CREATE TABLE whose column list is not closed, at " + Describe(token_));
        }
        if (IsPunct(token_, '(')) ++depth;
        if (IsPunct(token_, ')')) --depth;
        Advance();
      }
      if (IsPunct(token_, ',')) Advance();
    }
    Notify(statement_line_, statement_column_, [&] {
      if (handler_.create_table) handler_.create_table(table, columns);
    });
    SkipStatement();
  }

  // INSERT [IGNORE] [INTO] name [(columns)] VALUES (...), (...) — and REPLACE the same.
  void ParseInsert() {
    Advance();
    while (IsAnyWord(token_, {"LOW_PRIORITY", "DELAYED", "HIGH_PRIORITY", "IGNORE"})) Advance();
    if (IsWord(token_, "INTO")) Advance();
    if (!ReadName(row_.table)) Fail("a table name expected, found " + Describe(token_));
    row_.columns.clear();
    if (IsPunct(token_, '(')) {
      Advance();
      while (!IsPunct(token_, ')')) {
        std::string column;
        if (!ReadName(column)) Fail("a column name expected, found " + Describe(token_));
        if (row_.columns.size() >= kMaxColumns) Fail("more than 4,096 columns");
        row_.columns.push_back(std::move(column));
        if (IsPunct(token_, ',')) {
          Advance();
        } else if (!IsPunct(token_, ')')) {
          Fail("',' or ')' expected in the column list, found " + Describe(token_));
        }
      }
      Advance();
    }
    if (!IsWord(token_, "VALUES") && !IsWord(token_, "VALUE")) {
      Fail("only INSERT ... VALUES is read; found " + Describe(token_) + " after the table");
    }
    lexer_.keep_strings = true;
    Advance();
    for (;;) {
      ParseRow();
      if (IsPunct(token_, ',')) {
        Advance();
      } else if (token_.kind == Kind::kDelimiter) {
        return;
      } else if (IsWord(token_, "ON")) {  // ON DUPLICATE KEY UPDATE ...
        return SkipStatement();
      } else if (token_.kind == Kind::kEnd) {
        lexer_.Fail(statement_line_, statement_column_,
                    "the file ends inside the INSERT that starts here (no ';')");
      } else {
        Fail("',' or ';' expected after a row, found " + Describe(token_));
      }
    }
  }

  // One "( value, ... )": hands it over and leaves the token after its ')'.
  void ParseRow() {
    if (!IsPunct(token_, '(')) Fail("a row's '(' expected, found " + Describe(token_));
    row_.line = token_.line;
    row_.column = token_.column;
    row_.values.clear();
    std::size_t row_bytes = 0;
    Advance();
    while (!IsPunct(token_, ')')) {
      if (token_.kind == Kind::kEnd) {
        lexer_.Fail(row_.line, row_.column, "the file ends inside the row that starts here");
      }
      if (row_.values.size() >= kMaxColumns) Fail("a row of more than 4,096 values");
      row_.values.push_back(ParseValue());
      if (row_.values.back()) row_bytes += row_.values.back()->size();
      if (row_bytes > kMaxRow) Fail("a row longer than 64 MB");
      if (IsPunct(token_, ',')) {
        Advance();
        if (IsPunct(token_, ')')) Fail("a value expected after ',', found ')'");
      } else if (!IsPunct(token_, ')') && token_.kind != Kind::kEnd) {
        Fail("',' or ')' expected after a value, found " + Describe(token_));
      }
    }
    Notify(row_.line, row_.column, [&] {
      if (handler_.row) handler_.row(row_);
    });
    Advance();
  }

  // A literal: 'string' (adjacent ones joined), _charset 'string', number, -number, 0x.., b'..',
  // NULL, TRUE, FALSE. Leaves the token after it.
  SqlValue ParseValue() {
    SqlValue value;
    if (token_.kind == Kind::kString) {
      value = std::move(token_.text);
      for (Advance(); token_.kind == Kind::kString; Advance()) {
        if (value->size() + token_.text.size() > kMaxValue) Fail(kTooLong);
        *value += token_.text;
      }
      return value;
    }
    if (token_.kind == Kind::kWord && token_.text.starts_with('_')) {  // _binary 'x'
      Advance();
      if (token_.kind != Kind::kString && token_.kind != Kind::kBytes) {
        Fail("a string expected after a character set name, found " + Describe(token_));
      }
      return ParseValue();
    }
    if (IsPunct(token_, '-') || IsPunct(token_, '+')) {
      const bool minus = token_.quote == '-';
      Advance();
      if (token_.kind != Kind::kNumber)
        Fail("a number expected after a sign, found " + Describe(token_));
      value = (minus ? "-" : "") + token_.text;
    } else if (token_.kind == Kind::kNumber || token_.kind == Kind::kBytes) {
      value = std::move(token_.text);
    } else if (IsWord(token_, "NULL")) {
      value = std::nullopt;
    } else if (IsWord(token_, "TRUE") || IsWord(token_, "FALSE")) {
      value = IsWord(token_, "TRUE") ? "1" : "0";
    } else {
      Fail("a value expected, found " + Describe(token_));
    }
    Advance();
    return value;
  }

  // Runs a handler; what it throws (any std::exception, an ImportError too, as the WXR reader
  // does) stops the reading with its message, one line, at the row's or statement's position.
  template <typename Call>
  void Notify(int line, int column, const Call& call) {
    try {
      call();
    } catch (const std::exception& error) {
      std::string what = error.what();
      std::replace(what.begin(), what.end(), '\n', ' ');
      lexer_.Fail(line, column, what);
    }
  }

  Lexer lexer_;
  const SqlDumpHandler& handler_;
  Token token_;
  SqlRow row_;
  bool seen_data_ = false;
  int statement_line_ = 1;
  int statement_column_ = 1;
};

}  // namespace

void ReadSqlDump(const std::string& path, const SqlDumpHandler& handler) {
  std::unique_ptr<FILE, decltype(&std::fclose)> file(std::fopen(path.c_str(), "rb"), &std::fclose);
  if (!file) throw ImportError(path, "cannot read the file");
  const Reader read = [&](char* buffer, std::size_t size) {
    const std::size_t got = std::fread(buffer, 1, size, file.get());
    if (std::ferror(file.get())) throw ImportError(path, "cannot read the file");
    return got;
  };
  DumpParser(path, read, handler).Run();
}

void ReadSqlDumpText(const std::string& name, std::string_view text,
                     const SqlDumpHandler& handler) {
  const Reader read = [&](char* buffer, std::size_t size) {
    const std::size_t got = std::min(size, text.size());
    std::memcpy(buffer, text.data(), got);
    text.remove_prefix(got);
    return got;
  };
  DumpParser(name, read, handler).Run();
}

}  // namespace broadsheet::import
