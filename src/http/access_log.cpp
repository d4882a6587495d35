#include "http/access_log.h"

#include <spdlog/async.h>
#include <spdlog/sinks/basic_file_sink.h>
#include <spdlog/sinks/stdout_sinks.h>
#include <spdlog/spdlog.h>

namespace broadsheet::http {
namespace {

// Lines queued for the writer thread. When the disk falls this far behind, the oldest waiting
// lines are dropped rather than stalling requests: the log is for operators, not accounting.
constexpr std::size_t kQueuedLines = 64 * 1024;

}  // namespace

AccessLog::AccessLog(const std::string& destination) {
  if (destination == "off") return;
  auto pool = std::make_shared<spdlog::details::thread_pool>(kQueuedLines, 1);
  spdlog::sink_ptr sink;
  if (destination == "-") {
    sink = std::make_shared<spdlog::sinks::stdout_sink_mt>();
  } else {
    try {
      sink = std::make_shared<spdlog::sinks::basic_file_sink_mt>(destination);
    } catch (const spdlog::spdlog_ex& error) {
      throw std::runtime_error("cannot open access log " + destination + ": " + error.what());
    }
  }
  logger_ = std::make_shared<spdlog::async_logger>(
      "access", std::move(sink), pool, spdlog::async_overflow_policy::overrun_oldest);
  logger_->set_pattern("%Y-%m-%dT%H:%M:%S.%e%z %v");
  // The pool must outlive the logger; async_logger holds a weak pointer, so keep it here.
  pool_ = std::move(pool);
}

AccessLog::~AccessLog() { Flush(); }

void AccessLog::Record(const AccessRecord& r) {
  if (!logger_) return;
  logger_->info("{} {} {} {} {} {} {}us", r.request_id, r.remote_address, r.method, r.target,
                r.status, r.bytes, r.micros);
}

void AccessLog::Flush() {
  if (logger_) logger_->flush();
}

}  // namespace broadsheet::http
