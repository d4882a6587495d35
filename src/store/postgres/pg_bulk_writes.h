// For a transaction that writes many rows (a site import, an import batch). The triggers that
// move the content version once per row (migration 15) wait while it holds them: every move
// in one transaction adds a version of the same row that the next move walks past, so n rows
// cost n squared. The transaction then moves the version once, and every node hears of it.
#pragma once

#include "store/postgres/pg_connection.h"

namespace broadsheet::store::postgres {

// Until the transaction ends.
inline void HoldContentVersionMoves(PgConnection& connection) {
  connection.ExecScript("SET LOCAL broadsheet.bulk_writes = 'on'");
}

// Every node drops what it cached and reads again (LISTEN broadsheet_content).
inline void MoveContentVersion(PgConnection& connection) {
  connection.Exec("UPDATE site_meta SET value = value + 1 WHERE key = 'content_version'");
  connection.Exec("SELECT pg_notify('broadsheet_content', '')");
}

}  // namespace broadsheet::store::postgres
