#include "store/sqlite/sqlite_search_rank.h"

#include <sqlite3.h>

#include <array>

#include "store/store.h"

namespace broadsheet::store::sqlite {
namespace {

constexpr int kMaxColumns = 8;
// bm25's usual parameters: how fast repeated matches saturate, how much length counts.
constexpr double kSaturation = 1.2;
constexpr double kLengthWeight = 0.75;

void SearchRank(const Fts5ExtensionApi* api, Fts5Context* fts, sqlite3_context* result, int argc,
                sqlite3_value** weights) {
  const int columns = api->xColumnCount(fts);
  if (columns > kMaxColumns) {
    sqlite3_result_error(result, "search_rank: too many columns", -1);
    return;
  }
  sqlite3_int64 rows = 0;
  if (api->xRowCount(fts, &rows) != SQLITE_OK || rows == 0) rows = 1;
  std::array<double, kMaxColumns> average_length{};
  for (int c = 0; c < columns; ++c) {
    sqlite3_int64 total = 0;
    if (api->xColumnTotalSize(fts, c, &total) != SQLITE_OK) total = 0;
    average_length[c] = static_cast<double>(total) / static_cast<double>(rows);
  }
  // Matches per phrase and column, from the row's list of matches.
  const int phrases = api->xPhraseCount(fts);
  int instances = 0;
  if (api->xInstCount(fts, &instances) != SQLITE_OK) {
    sqlite3_result_error(result, "search_rank: cannot read matches", -1);
    return;
  }
  double score = 0;
  for (int phrase = 0; phrase < phrases; ++phrase) {
    std::array<int, kMaxColumns> frequency{};
    for (int i = 0; i < instances; ++i) {
      int inst_phrase = 0, column = 0, offset = 0;
      if (api->xInst(fts, i, &inst_phrase, &column, &offset) != SQLITE_OK) continue;
      if (inst_phrase == phrase && column < kMaxColumns) ++frequency[column];
    }
    for (int c = 0; c < columns; ++c) {
      if (frequency[c] == 0) continue;
      int length = 0;
      if (api->xColumnSize(fts, c, &length) != SQLITE_OK) length = 0;
      const double weight = c < argc ? sqlite3_value_double(weights[c]) : 1.0;
      const double relative_length =
          average_length[c] > 0 ? static_cast<double>(length) / average_length[c] : 1.0;
      score += weight * frequency[c] * (kSaturation + 1) /
               (frequency[c] + kSaturation * (1 - kLengthWeight + kLengthWeight * relative_length));
    }
  }
  sqlite3_result_double(result, -score);
}

fts5_api* Fts5Api(sqlite3* db) {
  fts5_api* api = nullptr;
  sqlite3_stmt* statement = nullptr;
  if (sqlite3_prepare_v2(db, "SELECT fts5(?1)", -1, &statement, nullptr) != SQLITE_OK)
    return nullptr;
  sqlite3_bind_pointer(statement, 1, static_cast<void*>(&api), "fts5_api_ptr", nullptr);
  sqlite3_step(statement);
  sqlite3_finalize(statement);
  return api;
}

}  // namespace

void RegisterSearchRank(sqlite3* db) {
  fts5_api* api = Fts5Api(db);
  if (api == nullptr ||
      api->xCreateFunction(api, "search_rank", nullptr, SearchRank, nullptr) != SQLITE_OK)
    throw StoreError("sqlite: cannot register the search ranking (is FTS5 built in?)");
}

}  // namespace broadsheet::store::sqlite
