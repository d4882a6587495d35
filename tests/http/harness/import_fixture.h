// For the importers' tests (issue 14): the committed fixtures (tests/fixtures/import/,
// docs/IMPORT.md) and where a 301 leads.
#pragma once

#include <signal.h>

#include <chrono>
#include <functional>
#include <string>
#include <thread>
#include <vector>

#include "http/harness/http_client.h"
#include "http/harness/test_site.h"
#include "http/harness/tool_output.h"

namespace broadsheet::testing {

inline std::string ImportFixture(const std::string& name) {
  return std::string(BROADSHEET_SOURCE_DIR) + "/tests/fixtures/import/" + name;
}

// The path of a 301's Location (the server writes absolute addresses on its own origin).
inline std::string LocationPath(const HttpResponse& response) {
  std::string location = response.Header("location");
  const auto scheme = location.find("://");
  if (scheme != std::string::npos) location = location.substr(location.find('/', scheme + 3));
  return location;
}

// Starts `broadsheet import ARGS` on `site` in the background, one row a batch and 400 ms
// between batches, and kills it with SIGKILL as soon as `far_enough` holds (polled for up to a
// minute, so a loaded machine only makes it wait longer). False when it could not be killed.
inline bool KillImportMidway(const TestSite& site, const std::vector<std::string>& args,
                             const std::function<bool()>& far_enough) {
  std::string command = ShellQuoted(BROADSHEET_BINARY) + " import";
  for (const std::string& arg : args) command += " " + ShellQuoted(arg);
  for (const std::string& arg : site.StoreArgs()) command += " " + ShellQuoted(arg);
  command += " --set import.batch_rows=1 --set import.pause_ms=400 >/dev/null 2>&1 & echo $!";
  const pid_t pid = static_cast<pid_t>(std::stol(RunTool(command).out));
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
  while (!far_enough() && std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  return ::kill(pid, SIGKILL) == 0;
}

}  // namespace broadsheet::testing
