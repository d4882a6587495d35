// `broadsheet import wordpress FILE.xml` (issue 14): a WordPress export read twice, first to
// validate it whole (a malformed file changes nothing), then to write it in batches of at most
// 1,000 rows, each with the old links that make a re-run skip it and old addresses redirect.
#pragma once

#include "import/import_report.h"
#include "store/store.h"

namespace broadsheet::import {

// Runs the import into `store` (nothing is written when options.dry_run). Throws ImportError
// ("FILE:LINE:COLUMN: what") when the file is not a well-formed WordPress export or a row in it
// is malformed; the store is unchanged then.
ImportReport ImportWordPress(store::Store& store, const ImportOptions& options);

}  // namespace broadsheet::import
