// A mysqldump file (MariaDB / MySQL) read as a stream of statements that matter to an
// importer (issue 14, Joomla K2): each CREATE TABLE's column names, and each row of each
// INSERT INTO, with mysqldump's escapes, multi-row VALUES, NULL, numbers, _binary '...'
// strings, 0x hex literals and /*!...*/, -- and # comments. Everything else (DROP, LOCK,
// SET, ...) is skipped. Reads the file in chunks: memory does not grow with its size.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "import/wxr_reader.h"  // ImportError

namespace broadsheet::import {

// One value of a row: nullopt for NULL; numbers and strings as their text (strings
// unescaped: \' \" \\ \n \r \t \0 \Z \b and '' become the bytes they stand for; a hex
// literal or _binary string becomes its bytes; so does a bit literal, b'0101' → "\x05", as
// MariaDB stores it; \% and \_ keep their backslash, as MariaDB has them outside LIKE; a
// number is its text as written, sign included: "-1.5", "1e10"; TRUE and FALSE are "1", "0").
using SqlValue = std::optional<std::string>;

struct SqlRow {
  std::string table;  // without backquotes
  // The column names when the INSERT names them ("INSERT INTO `t` (`a`, `b`) VALUES"), else
  // empty (then the CREATE TABLE's order applies, or a documented schema's).
  std::vector<std::string> columns;
  std::vector<SqlValue> values;
  int line = 0;    // where the row's '(' is, for messages (1-based)
  int column = 0;  // 1-based, in characters (a UTF-8 sequence counts one)
};

// Called as the file is read. Either may throw (any std::exception): the reading stops with an
// ImportError of its message at the row's position (or the CREATE TABLE's).
struct SqlDumpHandler {
  // A CREATE TABLE: the table and its columns in order (keys and constraints left out).
  std::function<void(const std::string& table, const std::vector<std::string>& columns)>
      create_table;
  std::function<void(const SqlRow& row)> row;
};

// Reads the dump at `path`. Throws ImportError "FILE:LINE:COLUMN: what" when it cannot be
// read, is not SQL of this kind (a string or comment left open at the end, a VALUES row
// cut short, a byte sequence no statement can hold), holds a value larger than 16 MB, or a
// handler throws (its message, with the position of the row or statement being read).
// A file whose statements before its first CREATE or INSERT are not ones mysqldump writes
// (DROP, LOCK, UNLOCK, SET, USE, ALTER, START, BEGIN, COMMIT, DELIMITER, CHANGE, STOP) is
// "not a MySQL/MariaDB dump" (a pg_dump's SELECT, a text file); one of only white space is
// "an empty file". "The file ends inside ..." errors give where that string, comment, row or
// statement began.
void ReadSqlDump(const std::string& path, const SqlDumpHandler& handler);
// The same for a dump in memory, named `name` in messages (tests, fuzzing).
void ReadSqlDumpText(const std::string& name, std::string_view text, const SqlDumpHandler& handler);

}  // namespace broadsheet::import
