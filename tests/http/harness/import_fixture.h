// For the importers' tests (issue 14): the committed fixtures (tests/fixtures/import/,
// docs/IMPORT.md) and where a 301 leads.
#pragma once

#include <string>

#include "http/harness/http_client.h"

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

}  // namespace broadsheet::testing
