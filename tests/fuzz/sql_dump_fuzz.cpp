// Fuzz target for the mysqldump reader (import/sql_dump): ReadSqlDumpText, what `broadsheet
// import k2` runs on a .sql file from anywhere. A refused dump must be an ImportError naming
// the file and a position (one line, exit 2), never another exception or a crash; what an
// accepted one hands over stays within the reader's limits, and reading the same bytes again
// hands over exactly the same tables and rows.
#include <string>
#include <vector>

#include "fuzz_check.h"
#include "fuzz_targets.h"
#include "import/sql_dump.h"

namespace broadsheet::fuzz {
namespace {

struct Reading {
  std::vector<std::pair<std::string, std::vector<std::string>>> tables;
  std::vector<import::SqlRow> rows;
  std::string error;
};

Reading Read(std::string_view text) {
  Reading reading;
  import::SqlDumpHandler handler;
  handler.create_table = [&](const std::string& table, const std::vector<std::string>& columns) {
    Require(columns.size() <= 4096, "at most 4,096 columns a table");
    reading.tables.emplace_back(table, columns);
  };
  handler.row = [&](const import::SqlRow& row) {
    Require(row.line >= 1 && row.column >= 1, "a row knows its line and column");
    Require(row.values.size() <= 4096, "at most 4,096 values a row");
    std::size_t bytes = 0;
    for (const import::SqlValue& value : row.values) {
      if (!value) continue;
      Require(value->size() <= 16 * 1024 * 1024, "a value is at most 16 MB");
      bytes += value->size();
    }
    Require(bytes <= 64 * 1024 * 1024, "a row is at most 64 MB");
    reading.rows.push_back(row);
  };
  try {
    import::ReadSqlDumpText("fuzz.sql", text, handler);
  } catch (const import::ImportError& error) {
    reading.error = error.what();
    Require(reading.error.starts_with("fuzz.sql:"), "a refusal names the file");
    Require(reading.error.find('\n') == std::string::npos, "a refusal is one line");
  }  // anything else thrown escapes and counts as a crash
  return reading;
}

bool SameRows(const std::vector<import::SqlRow>& a, const std::vector<import::SqlRow>& b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (a[i].table != b[i].table || a[i].columns != b[i].columns || a[i].values != b[i].values ||
        a[i].line != b[i].line || a[i].column != b[i].column) {
      return false;
    }
  }
  return true;
}

}  // namespace

int FuzzSqlDump(const std::uint8_t* data, std::size_t size) {
  const std::string_view text = AsText(data, size);
  const Reading first = Read(text);
  const Reading second = Read(text);
  Require(first.error == second.error, "reading the same bytes twice fails the same way");
  Require(first.tables == second.tables, "reading the same bytes twice gives the same tables");
  Require(SameRows(first.rows, second.rows), "reading the same bytes twice gives the same rows");
  return 0;
}

}  // namespace broadsheet::fuzz
