// The JSON document `broadsheet export` writes and `import` reads: the whole site, records
// sorted by id, timestamps as UTC ISO 8601 ("2026-11-25T21:59:52Z", null for never), one
// record per line so diffs stay readable. Pure functions; thread-safe.
#pragma once

#include <string>

#include "store/site_export.h"

namespace broadsheet::cli {

std::string WriteSiteDocument(const store::SiteExport& site);

// Parses and validates a document (types, ids, references, slugs, days). Article bodies are
// rendered again from their Markdown, never taken from the file. Throws CliError naming the
// first problem.
store::SiteExport ReadSiteDocument(const std::string& text);

}  // namespace broadsheet::cli
