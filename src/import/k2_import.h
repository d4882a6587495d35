// `broadsheet import k2 DUMP.sql` (issue 14): a Joomla 3 site with K2 2.11 moved in from a
// mysqldump of its database. The dump is read three times: to check it whole (a malformed
// dump changes nothing) and learn its small tables (categories, tags, ratings, users), then
// to write the items, then their comments, which mysqldump writes before the items (tables
// come in alphabetical order), in batches of at most 1,000 rows with their old links.
#pragma once

#include "import/import_report.h"
#include "store/store.h"

namespace broadsheet::import {

// Runs the import into `store` (nothing is written when options.dry_run). The source is
// options.source, else the database the dump's header names. Throws ImportError
// ("FILE:LINE:COLUMN: what") when the file is not a dump of a K2 site or a row in it is
// malformed; the store is unchanged then.
ImportReport ImportK2(store::Store& store, const ImportOptions& options);

}  // namespace broadsheet::import
