// Test harness: a real `broadsheet` process. ServerProcess starts `broadsheet serve` on
// 127.0.0.1:0 with its own data dir, learns the port from --port-file, and stops it by pid
// (SIGTERM, or SIGKILL for crash tests). RunCli runs any subcommand and captures its output.
#pragma once

#include <sys/types.h>

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace broadsheet::testing {

// A fresh directory under $TMPDIR, removed with everything in it on destruction.
class TempDir {
 public:
  TempDir();
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const std::string& path() const { return path_; }
  std::string File(const std::string& name) const { return path_ + "/" + name; }

 private:
  std::string path_;
};

struct CliResult {
  int exit_code = -1;
  std::string out;
  std::string err;
};

// Runs `broadsheet ARGS...` to completion, with `input` on its stdin (else /dev/null).
CliResult RunCli(const std::vector<std::string>& args,
                 const std::optional<std::string>& input = std::nullopt);

// Starts ARGS (argv[0] a path) with stdout and stderr appended to `log_path`. Returns the pid.
pid_t SpawnProcess(const std::vector<std::string>& args, const std::string& log_path);

// A loopback port that was free a moment ago (bind to port 0, read it, close).
std::uint16_t FreeLoopbackPort();

class ServerProcess {
 public:
  // Starts `broadsheet serve STORE_ARGS... --listen 127.0.0.1:0 --port-file ... EXTRA...`
  // (STORE_ARGS: "--data DIR [--store URL]", see TestSite::StoreArgs) and waits (up to 60 s)
  // until it has written its port. Fails the test if it does not.
  ServerProcess(const std::vector<std::string>& store_args,
                const std::vector<std::string>& extra_args, bool wait_until_started = true);
  // The same on the SQLite store in `data_dir`.
  ServerProcess(const std::string& data_dir, const std::vector<std::string>& extra_args)
      : ServerProcess(std::vector<std::string>{"--data", data_dir}, extra_args) {}
  ~ServerProcess();
  ServerProcess(const ServerProcess&) = delete;
  ServerProcess& operator=(const ServerProcess&) = delete;

  std::uint16_t port() const { return port_; }
  bool started() const { return port_ != 0; }
  // Waits up to `deadline` for the server to write its port; false if it did not (or exited).
  bool WaitUntilStarted(std::chrono::milliseconds deadline);
  // True while the process has not exited.
  bool Running();
  // SIGTERM, then waits for exit. Returns the exit code (or 128+signal).
  int Stop();
  // SIGKILL, then waits.
  void Kill();
  // The server's stderr and stdout so far (for failure messages).
  std::string Log() const;

 private:
  int Wait();

  std::string log_path_;
  std::string port_file_;
  pid_t pid_ = -1;
  std::uint16_t port_ = 0;
};

// Polls `condition` every 50 ms until it holds or `deadline` passes. Returns whether it held.
template <typename Condition>
bool PollUntil(Condition&& condition, std::chrono::milliseconds deadline) {
  const auto until = std::chrono::steady_clock::now() + deadline;
  while (true) {
    if (condition()) return true;
    if (std::chrono::steady_clock::now() > until) return false;
    struct timespec pause = {0, 50 * 1000 * 1000};
    nanosleep(&pause, nullptr);
  }
}

}  // namespace broadsheet::testing
