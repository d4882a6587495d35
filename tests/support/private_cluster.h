// Test support: a PostgreSQL cluster of the test's own, started through scripts/start-postgres
// (the same helper scripts/test uses), for tests that stop and restart the database. Removed on
// destruction.
#pragma once

#include <string>

namespace broadsheet::testing {

class PrivateCluster {
 public:
  // Starts the cluster. Throws std::runtime_error when it does not start.
  PrivateCluster();
  ~PrivateCluster();
  PrivateCluster(const PrivateCluster&) = delete;
  PrivateCluster& operator=(const PrivateCluster&) = delete;

  const std::string& url() const { return url_; }
  // Stops the server (fast shutdown), keeping its data.
  void Stop();
  // Starts it again on the same port.
  void Start();

 private:
  std::string PgCtl(const std::string& arguments) const;

  std::string url_;
  std::string dir_;
  std::string port_;
};

}  // namespace broadsheet::testing
