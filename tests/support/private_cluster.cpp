#include "support/private_cluster.h"

#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <stdexcept>

namespace broadsheet::testing {
namespace {

std::string Capture(const std::string& command) {
  std::string output;
  FILE* pipe = popen(command.c_str(), "r");
  if (!pipe) throw std::runtime_error("cannot run " + command);
  char buffer[512];
  while (fgets(buffer, sizeof buffer, pipe)) output += buffer;
  if (pclose(pipe) != 0) throw std::runtime_error(command + " failed: " + output);
  return output;
}

std::string ValueOf(const std::string& output, const std::string& key) {
  const auto start = output.find(key + "=");
  if (start == std::string::npos) throw std::runtime_error("no " + key + " in: " + output);
  const auto end = output.find('\n', start);
  return output.substr(start + key.size() + 1, end - start - key.size() - 1);
}

}  // namespace

PrivateCluster::PrivateCluster() {
  const std::string output = Capture(std::string(BROADSHEET_SOURCE_DIR) + "/scripts/start-postgres");
  url_ = ValueOf(output, "BROADSHEET_TEST_POSTGRES_URL");
  dir_ = ValueOf(output, "BROADSHEET_TEST_POSTGRES_DIR");
  const auto colon = url_.rfind(':');
  port_ = url_.substr(colon + 1, url_.find('/', colon) - colon - 1);
}

PrivateCluster::~PrivateCluster() {
  std::system((std::string(BROADSHEET_SOURCE_DIR) + "/scripts/stop-postgres " + dir_).c_str());
}

std::string PrivateCluster::PgCtl(const std::string& arguments) const {
  const std::string as_owner = getuid() == 0 ? "runuser -u postgres -- " : "";
  return as_owner + "/usr/lib/postgresql/15/bin/pg_ctl -D " + dir_ + "/data " + arguments +
         " >/dev/null 2>&1";
}

void PrivateCluster::Stop() {
  if (std::system(PgCtl("-m fast -w stop").c_str()) != 0) {
    throw std::runtime_error("cannot stop the private cluster in " + dir_);
  }
}

void PrivateCluster::Start() {
  const std::string options = "-p " + port_ + " -c listen_addresses=127.0.0.1 -k " + dir_ +
                              " -c fsync=off -c full_page_writes=off";
  if (std::system(PgCtl("-l " + dir_ + "/server.log -w -t 60 -o \"" + options + "\" start").c_str()) != 0) {
    throw std::runtime_error("cannot restart the private cluster in " + dir_);
  }
}

}  // namespace broadsheet::testing
