// `broadsheet import wordpress FILE` and `import k2 DUMP` (issue 14): another CMS's site moved in,
// added to what the store holds. The report goes to stdout, the progress bar to stderr.
#include <fmt/core.h>

#include <cstdio>
#include <fstream>

#include "cli/commands.h"
#include "cli/progress.h"
#include "import/k2_import.h"
#include "import/wordpress_import.h"
#include "import/wxr_reader.h"
#include "news/calendar.h"
#include "site/media_upload.h"
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
  const media::MediaDirectory media_files(config.MediaDir());
  media::ReencodeLimits limits;
  limits.max_pixels = config.Int("media.max_pixels");
  const auto max_bytes = static_cast<std::size_t>(config.Int("media.max_upload_bytes"));
  // A picture from the old site's uploads, stored as an upload through the back office is.
  const auto store_picture =
      [&](const std::string& path,
          const std::string& alt) -> std::variant<std::int64_t, std::string> {
    std::ifstream file(path, std::ios::binary);
    if (!file) return std::string("no such file");
    std::string bytes(max_bytes + 1, '\0');
    file.read(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    bytes.resize(static_cast<std::size_t>(file.gcount()));
    if (bytes.size() > max_bytes) return std::string("larger than [media] max_upload_bytes");
    store::MediaRow details;
    details.alt = alt;
    details.original_name = path.substr(path.rfind('/') + 1);
    details.uploaded_at = news::UnixNow();
    const auto stored = site::StoreUpload(*store, media_files, bytes, details, limits);
    if (const auto* refusal = std::get_if<std::string>(&stored)) return *refusal;
    return std::get<store::MediaAdded>(stored).id;
  };
  const import::ImportOptions import_options{
      .file = options.file,
      .source = options.source,
      .pages_category = options.pages_category,
      .prefix = options.prefix,
      .media_dir = options.media_dir,
      .store_picture = store_picture,
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
