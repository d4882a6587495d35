// Parses a request target ("/news/12-title?page=2") into a decoded path and raw query.
// Pure functions of untrusted input: every malformed input is a value, never a crash.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace broadsheet::http {

struct ParsedTarget {
  std::string path;   // decoded
  std::string query;  // raw
};

// nullopt (answer 400) when the target is not origin-form, has invalid or NUL/control
// percent-escapes, or contains "." / ".." segments (no path tricks reach a handler).
std::optional<ParsedTarget> ParseTarget(std::string_view target);
// The same into strings the caller keeps (their capacity reused, request after request).
// False where ParseTarget gives nullopt; the strings then hold nothing useful.
bool ParseTargetInto(std::string_view target, std::string& path, std::string& query);

// Decodes %XX (and '+' as space when `plus_is_space`). nullopt on a bad escape.
std::optional<std::string> PercentDecode(std::string_view text, bool plus_is_space);
// The same into `out`. False on a bad escape.
bool PercentDecodeInto(std::string_view text, bool plus_is_space, std::string& out);

}  // namespace broadsheet::http
