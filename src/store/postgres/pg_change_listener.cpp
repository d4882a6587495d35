#include "store/postgres/pg_change_listener.h"

#include "store/change_notice.h"
#include "store/store.h"

namespace broadsheet::store::postgres {
namespace {

// How often the listener looks up from its socket to see whether it should stop, and how long
// it waits before reconnecting to a database that went away.
constexpr int kWakeMs = 200;
constexpr int kReconnectMs = 1000;

}  // namespace

PgChangeListener::PgChangeListener(PgSettings settings) : settings_(std::move(settings)) {
  thread_ = std::thread([this] { Run(); });
}

PgChangeListener::~PgChangeListener() {
  stopping_ = true;
  thread_.join();
}

void PgChangeListener::SetCallback(Store::ChangeCallback callback) {
  std::lock_guard lock(callback_mutex_);
  callback_ = std::move(callback);
}

void PgChangeListener::Notify(const ChangeNotice& notice) {
  std::lock_guard lock(callback_mutex_);
  if (callback_) callback_(notice);
}

void PgChangeListener::Run() {
  while (!stopping_) {
    try {
      PgConnection connection(settings_.url, settings_.connect_timeout_s, 0);
      connection.ExecScript("LISTEN broadsheet_content; LISTEN broadsheet_views");
      Notify(ChangeNotice{});  // whatever happened while we were not listening
      while (!stopping_) {
        const bool alive = connection.AwaitNotifications(
            kWakeMs, [this](std::string_view payload) { Notify(ParseChangeNotice(payload)); });
        if (!alive) break;  // lost: reconnect
      }
    } catch (const StoreError&) {
      // The database is away; the pollers report it. Try again shortly.
    }
    for (int waited = 0; waited < kReconnectMs && !stopping_; waited += kWakeMs) {
      std::this_thread::sleep_for(std::chrono::milliseconds(kWakeMs));
    }
  }
}

}  // namespace broadsheet::store::postgres
