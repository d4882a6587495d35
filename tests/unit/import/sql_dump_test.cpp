#include "import/sql_dump.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <boost/json.hpp>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

namespace broadsheet::import {
namespace {

const std::string kFixtures = std::string(BROADSHEET_SOURCE_DIR) + "/tests/fixtures/import/";

// What a reading handed over, in order.
struct Dump {
  std::map<std::string, std::vector<std::string>> tables;  // create_table calls
  std::vector<SqlRow> rows;
  int create_calls = 0;

  SqlDumpHandler Handler() {
    SqlDumpHandler handler;
    handler.create_table = [this](const std::string& table, const std::vector<std::string>& c) {
      tables[table] = c;
      ++create_calls;
    };
    handler.row = [this](const SqlRow& row) { rows.push_back(row); };
    return handler;
  }
  std::map<std::string, int> RowsPerTable() const {
    std::map<std::string, int> counts;
    for (const SqlRow& row : rows) ++counts[row.table];
    return counts;
  }
  std::vector<const SqlRow*> RowsOf(const std::string& table) const {
    std::vector<const SqlRow*> out;
    for (const SqlRow& row : rows) {
      if (row.table == table) out.push_back(&row);
    }
    return out;
  }
};

Dump Read(std::string_view text) {
  Dump dump;
  ReadSqlDumpText("t.sql", text, dump.Handler());
  return dump;
}

Dump ReadFile(const std::string& path) {
  Dump dump;
  ReadSqlDump(path, dump.Handler());
  return dump;
}

// The message of the ImportError reading `text` throws, or "" when it reads.
std::string ErrorOf(std::string_view text, const SqlDumpHandler& handler = {}) {
  try {
    ReadSqlDumpText("t.sql", text, handler);
  } catch (const ImportError& error) {
    return error.what();
  }
  return "";
}

std::string FileErrorOf(const std::string& path) {
  try {
    ReadSqlDump(path, {});
  } catch (const ImportError& error) {
    return error.what();
  }
  return "";
}

std::string Hex(const std::string& bytes) {
  static constexpr char kDigits[] = "0123456789ABCDEF";
  std::string out;
  for (const unsigned char c : bytes) {
    out.push_back(kDigits[c >> 4]);
    out.push_back(kDigits[c & 15]);
  }
  return out;
}

std::string Slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

boost::json::value Json(const std::string& path) { return boost::json::parse(Slurp(path)); }

std::size_t Chars(const std::string& utf8) {
  std::size_t count = 0;
  for (const unsigned char c : utf8) count += (c & 0xC0) != 0x80;
  return count;
}

std::vector<SqlValue> Values(std::initializer_list<const char*> texts) {
  std::vector<SqlValue> out;
  for (const char* text : texts) out.push_back(text ? SqlValue(text) : std::nullopt);
  return out;
}

// ---- Values and their escapes

TEST(SqlDump, issue_0014_MultiRowValuesAndEscapes) {
  const Dump dump = Read(
      "INSERT INTO `t` VALUES (1,'it\\'s \\\"q\\\" \\\\ \\n\\r\\t\\Z\\b','a''b',NULL),"
      "(-2,-1.5,1e10,2.5E-3),\n(0x414243,x'4142',_binary 'bin\\'x',_utf8mb4'u'),"
      "(b'0101',b'100000001',\"dq \"\"x\"\" 'y'\",'raw\ttab\nline'),"
      "(N'nat','a' 'b',TRUE,'\\%\\_\\y');");
  ASSERT_EQ(dump.rows.size(), 5u);
  EXPECT_EQ(dump.rows[0].table, "t");
  EXPECT_TRUE(dump.rows[0].columns.empty());
  EXPECT_EQ(dump.rows[0].values, Values({"1", "it's \"q\" \\ \n\r\t\x1A\b", "a'b", nullptr}));
  EXPECT_EQ(dump.rows[1].values, Values({"-2", "-1.5", "1e10", "2.5E-3"}));
  EXPECT_EQ(dump.rows[2].values, Values({"ABC", "AB", "bin'x", "u"}));
  EXPECT_EQ(dump.rows[3].values, Values({"\x05", "\x01\x01", "dq \"x\" 'y'", "raw\ttab\nline"}));
  // \% and \_ keep their backslash, as in MariaDB outside LIKE; an unknown escape is the letter.
  EXPECT_EQ(dump.rows[4].values, Values({"nat", "ab", "1", "\\%\\_y"}));
  // \0 is a byte of the value, not its end.
  const Dump nul = Read("INSERT INTO t VALUES ('a\\0b', 0x00FF, 0x123);");
  EXPECT_EQ(nul.rows.at(0).values[0], std::string("a\0b", 3));
  EXPECT_EQ(nul.rows.at(0).values[1], std::string("\0\xFF", 2));
  EXPECT_EQ(nul.rows.at(0).values[2], std::string("\x01\x23", 2));  // odd digits: left-padded
}

TEST(SqlDump, issue_0014_InsertForms) {
  const Dump dump = Read(
      "INSERT INTO `t` (`a`,`b`) VALUES (1,'x');\n"
      "insert ignore into `db`.`t` values (2,'y');\n"
      "REPLACE INTO `t` VALUES (3,'z'),(4,'w');\n"
      "INSERT `t` VALUE ();\n"
      "INSERT INTO `t` VALUES (5,'v') ON DUPLICATE KEY UPDATE b='(;';\n"
      "INSERT INTO `we``ird` VALUES (6);\n");
  ASSERT_EQ(dump.rows.size(), 7u);
  EXPECT_EQ(dump.rows[0].columns, (std::vector<std::string>{"a", "b"}));
  EXPECT_EQ(dump.rows[1].table, "t");
  EXPECT_TRUE(dump.rows[1].columns.empty());
  EXPECT_EQ(dump.rows[3].values, Values({"4", "w"}));
  EXPECT_TRUE(dump.rows[4].values.empty());
  EXPECT_EQ(dump.rows[5].values, Values({"5", "v"}));
  EXPECT_EQ(dump.rows[6].table, "we`ird");
}

// ---- CREATE TABLE

TEST(SqlDump, issue_0014_CreateTableColumnsLeaveKeysOut) {
  const Dump dump = Read(
      "CREATE TABLE `db`.`t` (\n"
      "  `id` int(11) NOT NULL AUTO_INCREMENT,\n"
      "  `state` enum('a,b','c)') NOT NULL DEFAULT 'a,b',\n"
      "  `note` varchar(10) DEFAULT '(x, y); -- no' COMMENT 'it''s, (fine)',\n"
      "  `key` int DEFAULT NULL,\n"
      "  `price` decimal(10,2) DEFAULT -1.50,\n"
      "  `at` timestamp NOT NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE current_timestamp(),\n"
      "  PRIMARY KEY (`id`),\n"
      "  UNIQUE KEY `u` (`note`(5),`key`),\n"
      "  KEY `k` (`state`),\n"
      "  FULLTEXT KEY `f` (`note`),\n"
      "  CONSTRAINT `c` FOREIGN KEY (`key`) REFERENCES `o` (`id`) ON DELETE CASCADE,\n"
      "  CHECK (`price` > 0)\n"
      ") ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COMMENT='a;b';\n"
      "CREATE TABLE IF NOT EXISTS x (a int, b text);\n"
      "CREATE TABLE `copy` LIKE `t`;\n"
      "CREATE DATABASE /*!32312 IF NOT EXISTS*/ `db`;\n");
  EXPECT_EQ(dump.create_calls, 2);
  EXPECT_EQ(dump.tables.at("t"),
            (std::vector<std::string>{"id", "state", "note", "key", "price", "at"}));
  EXPECT_EQ(dump.tables.at("x"), (std::vector<std::string>{"a", "b"}));
}

// ---- Everything else is skipped, but lexed

TEST(SqlDump, issue_0014_SkippedStatementsAreLexed) {
  const Dump dump = Read(
      "/*M!999999\\- enable the sandbox mode */ \n"
      "-- a comment with a quote ' and a ;\n"
      "# another ' ;\n"
      "/*!40101 SET @x='*/ ;' */;\n"
      "/* plain comment ' ; */\n"
      "SET @a = 'it''s; (', @b = \"x;\";\n"
      "DROP TABLE IF EXISTS `t;`;\n"
      "LOCK TABLES `t` WRITE;\n"
      "/*!40000 ALTER TABLE `t` DISABLE KEYS */;\n"
      "SET @c=2--1;\n"
      "INSERT INTO `t` VALUES (1,'a--b',2);\n"
      "UNLOCK TABLES;\n"
      "DELIMITER ;;\n"
      "CREATE PROCEDURE p() BEGIN INSERT INTO t VALUES (a); SELECT ';;'; END ;;\n"
      "DELIMITER ;\n"
      "INSERT INTO `t` VALUES (2,'b',0);\n"
      "-- Dump completed");
  ASSERT_EQ(dump.rows.size(), 2u);
  EXPECT_EQ(dump.rows[0].values[1], "a--b");
  EXPECT_EQ(dump.rows[1].values[0], "2");
}

TEST(SqlDump, issue_0014_RowsKnowTheirLineAndColumn) {
  const Dump dump = Read("-- ünïcode\nINSERT INTO `t` VALUES\n(1,'a\nb'),(2,'é'),  (3)\n;");
  ASSERT_EQ(dump.rows.size(), 3u);
  EXPECT_EQ(dump.rows[0].line, 3);
  EXPECT_EQ(dump.rows[0].column, 1);
  EXPECT_EQ(dump.rows[1].line, 4);
  EXPECT_EQ(dump.rows[1].column, 5);
  EXPECT_EQ(dump.rows[2].column, 15);  // a column counts characters, not bytes
}

// ---- The real dumps (MariaDB 10.11's mysqldump)

TEST(SqlDump, issue_0014_FullDumpGivesTablesAndRows) {
  const Dump dump = ReadFile(kFixtures + "k2-2.11.sql");
  const auto expected = Json(kFixtures + "k2-2.11.expected.json");
  const auto& per_table = expected.at("rows_per_table").as_object();
  EXPECT_EQ(dump.tables.size(), per_table.size());
  const auto counts = dump.RowsPerTable();
  for (const auto& [table, count] : per_table) {
    const std::string name(table);
    EXPECT_TRUE(dump.tables.contains(name)) << name;
    EXPECT_EQ(counts.contains(name) ? counts.at(name) : 0, count.as_int64()) << name;
  }
  const std::vector<std::string> first{"id",        "title",     "alias",    "catid",
                                       "published", "introtext", "fulltext", "video"};
  const auto& items = dump.tables.at("jos_k2_items");
  ASSERT_EQ(items.size(), 36u);
  EXPECT_EQ(std::vector<std::string>(items.begin(), items.begin() + 8), first);
  EXPECT_EQ(items.back(), "language");
  for (const SqlRow& row : dump.rows) {
    EXPECT_EQ(row.values.size(), dump.tables.at(row.table).size()) << row.table << row.line;
  }
  // Each item as MariaDB holds it (introtext_chars was CHAR_LENGTH there).
  const auto column = [&](std::string_view name) {
    return std::find(items.begin(), items.end(), name) - items.begin();
  };
  const auto rows = dump.RowsOf("jos_k2_items");
  const auto& expected_items = expected.at("items").as_array();
  ASSERT_EQ(rows.size(), expected_items.size());
  for (std::size_t i = 0; i < rows.size(); ++i) {
    const auto& want = expected_items[i].as_object();
    const auto& values = rows[i]->values;
    EXPECT_EQ(values[column("id")], std::to_string(want.at("id").as_int64()));
    EXPECT_EQ(values[column("title")], std::string(want.at("title").as_string()));
    EXPECT_EQ(values[column("alias")], std::string(want.at("alias").as_string()));
    EXPECT_EQ(values[column("hits")], std::to_string(want.at("hits").as_int64()));
    EXPECT_EQ(Chars(*values[column("introtext")]), want.at("introtext_chars").as_int64());
    EXPECT_EQ(Chars(*values[column("fulltext")]), want.at("fulltext_chars").as_int64());
  }
}

TEST(SqlDump, issue_0014_DataOnlyDumpGivesTheSameRows) {
  const Dump full = ReadFile(kFixtures + "k2-2.11.sql");
  const Dump data = ReadFile(kFixtures + "k2-2.11-data-only.sql");
  EXPECT_EQ(data.create_calls, 0);
  ASSERT_EQ(data.rows.size(), full.rows.size());
  for (std::size_t i = 0; i < data.rows.size(); ++i) {
    EXPECT_EQ(data.rows[i].table, full.rows[i].table);
    EXPECT_EQ(data.rows[i].values, full.rows[i].values) << data.rows[i].line;
  }
}

TEST(SqlDump, issue_0014_EscapesAsMariaDBStoredThem) {
  const Dump dump = ReadFile(kFixtures + "edge/k2-escapes.sql");
  const auto expected = Json(kFixtures + "edge/k2-escapes.expected.json");
  for (const auto& [table, count] : expected.at("rows_per_table").as_object()) {
    EXPECT_EQ(dump.RowsPerTable()[std::string(table)], count.as_int64());
  }
  const auto& columns = dump.tables.at("jos_k2_items");
  const auto rows = dump.RowsOf("jos_k2_items");
  const auto& items = expected.at("items").as_array();
  ASSERT_EQ(rows.size(), items.size());
  int compared = 0;
  for (std::size_t i = 0; i < rows.size(); ++i) {
    for (const auto& [key, want] : items[i].as_object()) {
      const auto at = std::find(columns.begin(), columns.end(), std::string(key));
      ASSERT_NE(at, columns.end()) << key;
      const SqlValue& got = rows[i]->values.at(at - columns.begin());
      if (want.is_null()) {
        EXPECT_FALSE(got.has_value()) << key;
      } else if (want.is_int64()) {
        EXPECT_EQ(got, std::to_string(want.as_int64())) << key;
      } else {
        ASSERT_TRUE(got.has_value()) << key;
        EXPECT_EQ(Hex(*got), std::string(want.at("hex").as_string())) << i << " " << key;
        EXPECT_EQ(*got, std::string(want.at("text").as_string())) << key;
      }
      ++compared;
    }
  }
  EXPECT_EQ(compared, 36);
}

TEST(SqlDump, issue_0014_BadRowIsReportedWithItsPosition) {
  // The tokenizer does not count columns: the importer does, with the row's position.
  const Dump dump = ReadFile(kFixtures + "edge/k2-bad-row.sql");
  const auto rows = dump.RowsOf("jos_k2_items");
  ASSERT_EQ(rows.size(), 8u);
  EXPECT_EQ(rows[3]->values.size(), 35u);
  EXPECT_EQ(rows[3]->values[0], "4");
  EXPECT_EQ(rows[3]->line, 269);
  EXPECT_EQ(rows[3]->column, 1);
}

// ---- Refusals

TEST(SqlDump, issue_0014_TruncatedDumpNamesWhereTheStringBegan) {
  const std::string path = kFixtures + "edge/k2-truncated.sql";
  const std::string error = FileErrorOf(path);
  EXPECT_EQ(error, path + ":268:44: the file ends inside the string that starts here");
}

TEST(SqlDump, issue_0014_NotADumpIsRefused) {
  const std::string path = kFixtures + "edge/not-a-dump.sql";
  EXPECT_EQ(FileErrorOf(path),
            path + ":13:1: not a MySQL/MariaDB dump: a statement begins with \"SELECT\"");
  EXPECT_EQ(ErrorOf("Hello, world.\n"),
            "t.sql:1:1: not a MySQL/MariaDB dump: a statement begins with \"Hello\"");
  EXPECT_EQ(ErrorOf("\n<?xml version=\"1.0\"?>"),
            "t.sql:2:1: not a MySQL/MariaDB dump: a statement begins with '<'");
  EXPECT_EQ(ErrorOf("\x89PNG\r\n\x1a\n"),
            "t.sql:1:1: not a MySQL/MariaDB dump: a statement begins with \"?PNG\"");
  EXPECT_EQ(ErrorOf(std::string_view("SET a=1;\0", 9)),
            "t.sql:1:9: not SQL: a control byte 0x00 outside a string");
  EXPECT_EQ(ErrorOf(""), "t.sql:1:1: an empty file, not a dump");
  EXPECT_EQ(ErrorOf("\n  \n"), "t.sql:3:1: an empty file, not a dump");
  EXPECT_EQ(ErrorOf("-- only a comment\n"), "");  // a dump of no tables
  EXPECT_EQ(FileErrorOf(kFixtures + "no-such.sql"),
            kFixtures + "no-such.sql: cannot read the file");
}

TEST(SqlDump, issue_0014_MalformedInputNamesThePosition) {
  EXPECT_EQ(ErrorOf("INSERT INTO t VALUES (1,'ab"),
            "t.sql:1:25: the file ends inside the string that starts here");
  EXPECT_EQ(ErrorOf("SET a=1; /* open"),
            "t.sql:1:10: the file ends inside the comment that starts here");
  EXPECT_EQ(ErrorOf("INSERT INTO `t"),
            "t.sql:1:13: the file ends inside the quoted name that starts here");
  EXPECT_EQ(ErrorOf("SET a=1;\nDROP TABLE t"),
            "t.sql:2:1: the file ends inside the statement that starts here (no ';')");
  EXPECT_EQ(ErrorOf("INSERT INTO t VALUES (1,2),\n (3,4"),
            "t.sql:2:2: the file ends inside the row that starts here");
  EXPECT_EQ(ErrorOf("INSERT INTO t VALUES (1,2)"),
            "t.sql:1:1: the file ends inside the INSERT that starts here (no ';')");
  EXPECT_EQ(ErrorOf("INSERT INTO t VALUES (1,2;"),
            "t.sql:1:26: ',' or ')' expected after a value, found the end of the statement");
  EXPECT_EQ(ErrorOf("INSERT INTO t VALUES (1,),(2);"),
            "t.sql:1:25: a value expected after ',', found ')'");
  EXPECT_EQ(ErrorOf("INSERT INTO t VALUES (1)(2);"),
            "t.sql:1:25: ',' or ';' expected after a row, found '('");
  EXPECT_EQ(ErrorOf("INSERT INTO t VALUES (now());"),
            "t.sql:1:23: a value expected, found \"now\"");
  EXPECT_EQ(ErrorOf("INSERT INTO t VALUES (CURRENT_DATE);"),
            "t.sql:1:23: a value expected, found \"CURRENT_DATE\"");
  EXPECT_EQ(ErrorOf("INSERT INTO t SELECT * FROM u;"),
            "t.sql:1:15: only INSERT ... VALUES is read; found \"SELECT\" after the table");
  EXPECT_EQ(ErrorOf("INSERT INTO t VALUES (x'4G');"),
            "t.sql:1:26: a hex literal with a non-hex digit");
  EXPECT_EQ(ErrorOf("CREATE TABLE t (a int, b enum('x';"),
            "t.sql:1:34: a CREATE TABLE whose column list is not closed, at the end of the "
            "statement");
}

TEST(SqlDump, issue_0014_ValueOver16MegabytesIsRefused) {
  const std::string big(16 * 1024 * 1024, 'a');
  EXPECT_EQ(Read("INSERT INTO t VALUES ('" + big + "');").rows.at(0).values[0]->size(), big.size());
  EXPECT_EQ(ErrorOf("INSERT INTO t VALUES (1,\n'" + big + "b');"),
            "t.sql:2:1: a value longer than 16 MB");
  // Skipped statements keep no strings, so they have no such limit.
  EXPECT_EQ(ErrorOf("SET @a='" + big + "b';"), "");
}

TEST(SqlDump, issue_0014_HandlerErrorsGetTheRowsPosition) {
  SqlDumpHandler handler;
  handler.row = [](const SqlRow& row) {
    if (row.values.at(0) == "2") throw std::runtime_error("item 2 is\nbroken");
  };
  EXPECT_EQ(ErrorOf("INSERT INTO t VALUES\n(1),\n  (2);", handler), "t.sql:3:3: item 2 is broken");
  handler.create_table = [](const std::string&, const std::vector<std::string>&) {
    throw std::runtime_error("no thanks");
  };
  EXPECT_EQ(ErrorOf("SET a=1;\n CREATE TABLE t (a int);", handler), "t.sql:2:2: no thanks");
}

// ---- Streaming

// Rows whose escapes, doubled quotes, comments and literals fall on every offset of the 64 KiB
// chunk boundary: each run shifts the file by one more byte.
TEST(SqlDump, issue_0014_ChunkBoundariesFallAnywhere) {
  const std::string row =
      "('q\\'d\\\"b\\\\n\\n0\\0z\\Z','a''b',\"c\"\"d\",0x414243,_binary 'x\\'y',-1.5e-3,NULL,"
      "b'01000001',x'4a4B') /* c;' */ -- c'\n,";
  const std::vector<SqlValue> want =
      Values({"q'd\"b\\n\n0", "a'b", "c\"d", "ABC", "x'y", "-1.5e-3", nullptr, "A", "JK"});
  const std::size_t rows = 65536 / row.size() + 2;
  for (std::size_t shift = 0; shift < row.size(); ++shift) {
    std::string text = "-- " + std::string(shift, 'p') + "\nINSERT INTO `t` VALUES ";
    for (std::size_t i = 0; i < rows; ++i) text += row;
    text.back() = ';';
    const Dump dump = Read(text);
    ASSERT_EQ(dump.rows.size(), rows);
    for (const SqlRow& got : dump.rows) {
      std::vector<SqlValue> expected = want;
      expected[0]->insert(9, "\0z\x1A", 3);
      ASSERT_EQ(got.values, expected) << "shift " << shift << " line " << got.line;
    }
    EXPECT_EQ(dump.rows.back().line, static_cast<int>(2 + (rows - 1)));
  }
}

TEST(SqlDump, issue_0014_TenMegabyteDumpIsRead) {
  const std::string path =
      (std::filesystem::temp_directory_path() / ("sql_dump_test_" + std::to_string(getpid())))
          .string();
  std::size_t written = 0;
  int rows = 0;
  {
    std::ofstream out(path, std::ios::binary);
    out << "/*M!999999\\- enable the sandbox mode */ \nCREATE TABLE `t` (`id` int, `body` text);\n";
    const std::string body(1000, 'x');
    while (written < 10 * 1024 * 1024) {
      out << "INSERT INTO `t` VALUES ";
      for (int i = 0; i < 100; ++i) {
        const std::string line = "(" + std::to_string(++rows) + ",'" + body + "\\n')";
        out << line << (i == 99 ? ";\n" : ",\n");
        written += line.size() + 2;
      }
    }
  }
  int seen = 0;
  SqlDumpHandler handler;
  handler.row = [&](const SqlRow& row) {
    ++seen;
    ASSERT_EQ(row.values.size(), 2u);
    ASSERT_EQ(row.values[1]->size(), 1001u);
  };
  ReadSqlDump(path, handler);
  std::filesystem::remove(path);
  EXPECT_EQ(seen, rows);
}

}  // namespace
}  // namespace broadsheet::import
