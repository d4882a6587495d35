// One line per request (time, request id, address, method, path, status, bytes, microseconds),
// written by a background thread so a slow disk never slows a response. Thread-safe.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

namespace spdlog {
class logger;
namespace details {
class thread_pool;
}
}  // namespace spdlog

namespace broadsheet::http {

struct AccessRecord {
  std::string_view request_id;
  std::string_view remote_address;
  std::string_view method;
  std::string_view target;
  int status = 0;
  std::size_t bytes = 0;
  std::int64_t micros = 0;
};

class AccessLog {
 public:
  // `destination`: a file path, "-" for stdout, or "off". Throws std::runtime_error when the
  // file cannot be opened.
  explicit AccessLog(const std::string& destination);
  ~AccessLog();

  void Record(const AccessRecord& record);
  // Writes out what is queued (at shutdown).
  void Flush();

 private:
  std::shared_ptr<spdlog::details::thread_pool> pool_;
  std::shared_ptr<spdlog::logger> logger_;
};

}  // namespace broadsheet::http
