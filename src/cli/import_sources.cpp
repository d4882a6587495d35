// `broadsheet import wordpress FILE` and `import k2 DUMP` (issue 14): another CMS's site moved in,
// added to what the store holds. The report goes to stdout, the progress bar to stderr.
#include <fmt/core.h>

#include <cstdio>

#include "cli/commands.h"
#include "cli/progress.h"
#include "import/k2_import.h"
#include "import/wordpress_import.h"
#include "import/wxr_reader.h"
#include "news/calendar.h"
#include "site/routes.h"

namespace broadsheet::cli {

namespace {

// Runs `run` (ImportWordPress or ImportK2) with the options and configuration, printing its
// report; a refused file is one line on stderr and exit 2 (CliError).
template <typename Run>
int RunSourceImport(const CommonOptions& common, const SourceImportOptions& options, Run run) {
  const config::Config config = LoadConfig(common);
  auto store = OpenConfiguredStore(config);
  Progress progress("import");
  const import::ImportOptions import_options{
      .file = options.file,
      .source = options.source,
      .pages_category = options.pages_category,
      .prefix = options.prefix,
      .now = news::UnixNow(),
      .dry_run = options.dry_run,
      .batch_rows = static_cast<int>(config.Int("import.batch_rows")),
      .pause_ms = static_cast<int>(config.Int("import.pause_ms")),
      .reserved = site::ReservedNames(),
      .progress = [&](std::int64_t done, std::int64_t total) { progress.Bar(done, total); }};
  import::ImportReport report;
  try {
    report = run(*store, import_options);
  } catch (const import::ImportError& error) {
    // Not a file of this kind, cut short, or with a malformed row: refused before anything
    // was written (the first pass reads the whole file).
    throw CliError(error.what());
  }
  const std::string text = import::FormatReport(report, options.dry_run);
  std::fwrite(text.data(), 1, text.size(), stdout);
  return 0;
}

}  // namespace

int RunImportWordPress(const CommonOptions& common, const SourceImportOptions& options) {
  return RunSourceImport(common, options, import::ImportWordPress);
}

int RunImportK2(const CommonOptions& common, const SourceImportOptions& options) {
  return RunSourceImport(common, options, import::ImportK2);
}

}  // namespace broadsheet::cli
