#include "http/access_log.h"

#include <fmt/compile.h>
#include <fmt/format.h>

#include <cerrno>
#include <cstring>
#include <ctime>
#include <stdexcept>
#include <utility>

namespace broadsheet::http {
namespace {

constexpr auto kWriteInterval = std::chrono::milliseconds(200);
// When the disk falls this far behind, new lines are dropped (and counted) rather than letting
// memory grow or requests wait: the access log is for operators, not accounting.
constexpr std::size_t kMaxPendingBytes = 16 * 1024 * 1024;

// "2026-11-25T21:07:00Z", formatted once per second per thread.
std::string_view UtcSecond() {
  thread_local std::time_t cached = 0;
  thread_local char text[32];
  const std::time_t now = std::time(nullptr);
  if (now != cached) {
    std::tm tm{};
    gmtime_r(&now, &tm);
    std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", &tm);
    cached = now;
  }
  return text;
}

// Characters of a token kept in the log.
constexpr std::size_t kTokenCharsLogged = 8;

}  // namespace

std::string RedactTokens(std::string_view target) {
  std::string out;
  const auto query = target.find('?');
  if (query == std::string_view::npos) return std::string(target);
  out.append(target.substr(0, query + 1));
  std::string_view rest = target.substr(query + 1);
  bool first = true;
  while (true) {
    const auto amp = rest.find('&');
    const std::string_view pair = rest.substr(0, amp);
    if (!first) out.push_back('&');
    first = false;
    const auto eq = pair.find('=');
    const std::string_view name = pair.substr(0, eq);
    if (eq != std::string_view::npos && name.ends_with("token") &&
        pair.size() - eq - 1 > kTokenCharsLogged) {
      out.append(pair.substr(0, eq + 1 + kTokenCharsLogged)).append("...");
    } else {
      out.append(pair);
    }
    if (amp == std::string_view::npos) break;
    rest = rest.substr(amp + 1);
  }
  return out;
}

AccessLog::AccessLog(const std::string& destination, AddressHasher hasher)
    : hasher_(std::move(hasher)) {
  if (destination == "off") return;
  if (destination == "-") {
    file_ = stdout;
  } else {
    file_ = std::fopen(destination.c_str(), "ae");
    if (!file_) {
      throw std::runtime_error("cannot open access log " + destination + ": " +
                               std::strerror(errno));
    }
    owns_file_ = true;
  }
  writer_ = std::thread([this] { Run(); });
}

AccessLog::~AccessLog() {
  if (writer_.joinable()) {
    {
      std::lock_guard lock(mutex_);
      stopping_ = true;
    }
    wake_.notify_all();
    writer_.join();
  }
  if (owns_file_) std::fclose(file_);
}

void AccessLog::Record(const AccessRecord& r) {
  if (!file_) return;
  // Formatted outside the lock; the lock covers only the append. The common target carries
  // no token and is written as it is.
  std::string redacted;
  std::string_view target = r.target;
  if (target.find("token=") != std::string_view::npos) target = redacted = RedactTokens(target);
  std::string hashed;
  std::string_view address = r.remote_address;
  if (hasher_) address = hashed = hasher_(address);
  // On the stack for a usual line, and the format compiled: no allocation, no parsing.
  fmt::memory_buffer line;
  fmt::format_to(std::back_inserter(line), FMT_COMPILE("{} {} {} {} {} {} {} {}us\n"), UtcSecond(),
                 r.request_id, address, r.method, target, r.status, r.bytes, r.micros);
  std::lock_guard lock(mutex_);
  if (pending_.size() + line.size() > kMaxPendingBytes) {
    ++dropped_;
    return;
  }
  pending_.append(line.data(), line.size());
}

void AccessLog::WriteOut(std::unique_lock<std::mutex>& lock) {
  // The buffers change places, so requests append into one that already has its capacity
  // rather than growing a new one (and copying it as it grows) after every write.
  std::string batch = std::exchange(pending_, std::move(spare_));
  const std::uint64_t dropped = std::exchange(dropped_, 0);
  lock.unlock();
  if (dropped) {
    const std::string note = fmt::format("{} access-log: {} lines dropped (disk behind)\n",
                                         UtcSecond(), dropped);
    std::fwrite(note.data(), 1, note.size(), file_);
  }
  if (!batch.empty()) std::fwrite(batch.data(), 1, batch.size(), file_);
  std::fflush(file_);
  lock.lock();
  batch.clear();
  if (batch.capacity() > spare_.capacity()) spare_ = std::move(batch);
}

void AccessLog::Flush() {
  if (!file_) return;
  std::unique_lock lock(mutex_);
  WriteOut(lock);
}

void AccessLog::Run() {
  std::unique_lock lock(mutex_);
  while (!stopping_) {
    wake_.wait_for(lock, kWriteInterval, [this] { return stopping_; });
    WriteOut(lock);
  }
  WriteOut(lock);
}

}  // namespace broadsheet::http
