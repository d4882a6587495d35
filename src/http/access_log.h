// One line per request (time, request id, address, method, target, status, bytes,
// microseconds). A request appends its line to a buffer under a short lock; a background
// thread writes the buffer out every 200 ms, so a slow disk never slows a response and a busy
// server makes one write() per interval instead of a wake-up per line. Thread-safe.
#pragma once

#include <condition_variable>
#include <cstdint>
#include <cstdio>
#include <mutex>
#include <string>
#include <string_view>
#include <thread>

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
  // `destination`: a file path (appended to), "-" for stdout, or "off". Throws
  // std::runtime_error when the file cannot be opened.
  explicit AccessLog(const std::string& destination);
  ~AccessLog();
  AccessLog(const AccessLog&) = delete;
  AccessLog& operator=(const AccessLog&) = delete;

  void Record(const AccessRecord& record);
  // Writes out everything recorded so far (at shutdown).
  void Flush();

 private:
  void Run();
  void WriteOut(std::unique_lock<std::mutex>& lock);

  std::FILE* file_ = nullptr;
  bool owns_file_ = false;
  std::thread writer_;
  std::mutex mutex_;
  std::condition_variable wake_;
  std::string pending_;         // guarded by mutex_
  std::uint64_t dropped_ = 0;   // guarded by mutex_: lines lost while the disk fell behind
  bool stopping_ = false;       // guarded by mutex_
};

}  // namespace broadsheet::http
