// Runs one of the test tools (a Python checker, the Nu Html Checker) on a file and returns
// what it printed and its exit code: the discovery tests (issue 13) check feeds and pages with
// real parsers rather than string searches.
#pragma once

#include <sys/wait.h>

#include <cstdio>
#include <string>

namespace broadsheet::testing {

struct ToolOutput {
  int exit_code = -1;
  std::string out;  // stdout and stderr together
};

// `command` is run by /bin/sh; quote its file arguments with ShellQuoted.
inline ToolOutput RunTool(const std::string& command) {
  ToolOutput result;
  FILE* pipe = popen((command + " 2>&1").c_str(), "r");
  if (pipe == nullptr) return result;
  char buffer[4096];
  for (std::size_t n; (n = fread(buffer, 1, sizeof buffer, pipe)) > 0;)
    result.out.append(buffer, n);
  const int status = pclose(pipe);
  result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return result;
}

inline std::string ShellQuoted(const std::string& text) {
  std::string quoted = "'";
  for (const char c : text) quoted += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return quoted + "'";
}

}  // namespace broadsheet::testing
