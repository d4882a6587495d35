// Fuzz target for the site document (cli/site_document): ReadSiteDocument, what `broadsheet
// import` runs on a JSON file from anywhere. A refused document must be a CliError (one line,
// exit 2), never another exception or a crash. An accepted one is written back with
// WriteSiteDocument and must read again to exactly the same document: import after export
// loses nothing and changes nothing.
#include <string>

#include "cli/common.h"
#include "cli/site_document.h"
#include "fuzz_check.h"
#include "fuzz_targets.h"

namespace broadsheet::fuzz {

int FuzzSiteDocument(const std::uint8_t* data, std::size_t size) {
  store::SiteExport site;
  try {
    site = cli::ReadSiteDocument(std::string(AsText(data, size)));
  } catch (const cli::CliError&) {
    return 0;  // a refused document; anything else thrown escapes and counts as a crash
  }
  const std::string written = cli::WriteSiteDocument(site);
  std::string rewritten;
  try {
    rewritten = cli::WriteSiteDocument(cli::ReadSiteDocument(written));
  } catch (const cli::CliError& error) {
    std::fprintf(stderr, "%s\n", error.what());
    Require(false, "a document this build wrote reads back");
  }
  Require(rewritten == written, "reading a written document back changes nothing");
  return 0;
}

}  // namespace broadsheet::fuzz
