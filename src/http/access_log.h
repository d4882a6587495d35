// One line per request (time, request id, address, method, target, status, bytes,
// microseconds). Security-code tokens in targets are cut short (a logged token could be
// replayed by whoever reads the log before it expires), and addresses can be written as their
// keyed hash ([log] addresses = hashed). A request appends its line to a buffer under a short lock;
// a background thread writes the buffer out every 200 ms, so a slow disk never slows a response and
// a busy server makes one write() per interval instead of a wake-up per line. Thread-safe.
#pragma once

#include <condition_variable>
#include <cstdint>
#include <cstdio>
#include <functional>
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
  // Turns an address into what the log shows instead (its keyed hash).
  using AddressHasher = std::function<std::string(std::string_view address)>;

  // `destination`: a file path (appended to), "-" for stdout, or "off". `hasher` empty: raw
  // addresses. Throws std::runtime_error when the file cannot be opened.
  explicit AccessLog(const std::string& destination, AddressHasher hasher = {});
  ~AccessLog();
  AccessLog(const AccessLog&) = delete;
  AccessLog& operator=(const AccessLog&) = delete;

  void Record(const AccessRecord& record);
  // Writes out everything recorded so far (at shutdown).
  void Flush();

 private:
  void Run();
  void WriteOut(std::unique_lock<std::mutex>& lock);

  const AddressHasher hasher_;
  std::FILE* file_ = nullptr;
  bool owns_file_ = false;
  std::thread writer_;
  std::mutex mutex_;
  std::condition_variable wake_;
  std::string pending_;         // guarded by mutex_
  std::string spare_;           // guarded by mutex_: the written batch, emptied, for reuse
  std::uint64_t dropped_ = 0;   // guarded by mutex_: lines lost while the disk fell behind
  bool stopping_ = false;       // guarded by mutex_
};

// `target` with the value of every query parameter whose name ends in "token" cut to its
// first 8 characters and "...": enough to match a log line, too little to use.
std::string RedactTokens(std::string_view target);

}  // namespace broadsheet::http
