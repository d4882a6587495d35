#include "http/harness/server_process.h"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <thread>

namespace broadsheet::testing {
namespace {

// The build's broadsheet, or BROADSHEET_TEST_BINARY when set: a new test can then be run
// against an older binary to show that it fails there (issue 9's "fails before the fix").
std::string BinaryUnderTest() {
  const char* other = std::getenv("BROADSHEET_TEST_BINARY");
  return other && *other ? other : BROADSHEET_BINARY;
}

std::string Slurp(const std::string& path) {
  std::ifstream file(path, std::ios::binary);
  std::stringstream text;
  text << file.rdbuf();
  return text.str();
}

// fork + exec with stdout and stderr sent to files. Returns the child's pid.
pid_t Spawn(const std::vector<std::string>& args, const std::string& out_path,
            const std::string& err_path, const std::string& in_path = "/dev/null") {
  std::vector<char*> argv;
  for (const std::string& arg : args) argv.push_back(const_cast<char*>(arg.c_str()));
  argv.push_back(nullptr);
  const pid_t pid = fork();
  if (pid == 0) {
    const int out = open(out_path.c_str(), O_WRONLY | O_CREAT | O_APPEND, 0644);
    const int err = open(err_path.c_str(), O_WRONLY | O_CREAT | O_APPEND, 0644);
    const int in = open(in_path.c_str(), O_RDONLY);
    dup2(in, 0);
    dup2(out, 1);
    dup2(err, 2);
    execv(argv[0], argv.data());
    _exit(127);
  }
  return pid;
}

int ExitCode(int status) {
  if (WIFEXITED(status)) return WEXITSTATUS(status);
  if (WIFSIGNALED(status)) return 128 + WTERMSIG(status);
  return -1;
}

}  // namespace

TempDir::TempDir() {
  const char* base = std::getenv("TMPDIR");
  std::string pattern = std::string(base && *base ? base : "/tmp") + "/broadsheet-test-XXXXXX";
  if (!mkdtemp(pattern.data())) throw std::runtime_error("mkdtemp failed");
  path_ = pattern;
}

TempDir::~TempDir() {
  std::error_code ignored;
  std::filesystem::remove_all(path_, ignored);
}

CliResult RunCli(const std::vector<std::string>& args, const std::optional<std::string>& input) {
  TempDir output;
  std::vector<std::string> full = {BinaryUnderTest()};
  full.insert(full.end(), args.begin(), args.end());
  std::string in_path = "/dev/null";
  if (input) {
    in_path = output.File("in");
    std::ofstream(in_path) << *input;
  }
  const pid_t pid = Spawn(full, output.File("out"), output.File("err"), in_path);
  int status = 0;
  waitpid(pid, &status, 0);
  return {ExitCode(status), Slurp(output.File("out")), Slurp(output.File("err"))};
}

pid_t SpawnProcess(const std::vector<std::string>& args, const std::string& log_path) {
  return Spawn(args, log_path, log_path);
}

std::uint16_t FreeLoopbackPort() {
  const int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  address.sin_port = 0;
  bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof address);
  socklen_t length = sizeof address;
  getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length);
  close(fd);
  return ntohs(address.sin_port);
}

ServerProcess::ServerProcess(const std::vector<std::string>& store_args,
                             const std::vector<std::string>& extra_args,
                             bool wait_until_started) {
  static int counter = 0;
  const std::string tag = std::to_string(getpid()) + "-" + std::to_string(++counter);
  const std::string port_file = std::filesystem::temp_directory_path().string() +
                                "/broadsheet-port-" + tag;
  log_path_ = std::filesystem::temp_directory_path().string() + "/broadsheet-log-" + tag;
  port_file_ = port_file;
  std::filesystem::remove(port_file);
  std::vector<std::string> args = {BinaryUnderTest(), "serve"};
  args.insert(args.end(), store_args.begin(), store_args.end());
  for (const char* arg : {"--listen", "127.0.0.1:0", "--threads", "2", "--port-file"}) {
    args.push_back(arg);
  }
  args.push_back(port_file);
  args.insert(args.end(), extra_args.begin(), extra_args.end());
  pid_ = Spawn(args, log_path_, log_path_);
  if (!wait_until_started) return;
  // Generous: a sanitizer build on a loaded two-core machine starts slowly.
  const bool up = WaitUntilStarted(std::chrono::seconds(60));
  EXPECT_TRUE(up) << "server did not start:\n" << Log();
}

bool ServerProcess::Running() {
  if (pid_ <= 0) return false;
  int status = 0;
  if (waitpid(pid_, &status, WNOHANG) == pid_) {
    pid_ = -1;
    return false;
  }
  return true;
}

bool ServerProcess::WaitUntilStarted(std::chrono::milliseconds deadline) {
  PollUntil(
      [&] {
        if (!Running()) return true;  // exited: give up
        std::ifstream file(port_file_);
        int port = 0;
        if (file >> port && port > 0) {
          port_ = static_cast<std::uint16_t>(port);
          return true;
        }
        return false;
      },
      deadline);
  return port_ != 0;
}

ServerProcess::~ServerProcess() {
  if (pid_ > 0) Stop();
  std::filesystem::remove(log_path_);
  std::filesystem::remove(port_file_);
}

int ServerProcess::Wait() {
  int status = 0;
  waitpid(pid_, &status, 0);
  pid_ = -1;
  return ExitCode(status);
}

int ServerProcess::Stop() {
  if (pid_ <= 0) return -1;
  kill(pid_, SIGTERM);
  return Wait();
}

void ServerProcess::Kill() {
  if (pid_ <= 0) return;
  kill(pid_, SIGKILL);
  Wait();
}

std::string ServerProcess::Log() const { return Slurp(log_path_); }

}  // namespace broadsheet::testing
