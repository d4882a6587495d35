#include "news/calendar.h"

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <filesystem>

namespace broadsheet::news {
namespace {

std::tm LocalTime(std::int64_t unix_seconds) {
  const std::time_t t = static_cast<std::time_t>(unix_seconds);
  std::tm tm{};
  localtime_r(&t, &tm);
  return tm;
}

std::string FormatDay(const std::tm& tm) {
  char buffer[48];
  std::snprintf(buffer, sizeof buffer, "%04d-%02d-%02d", tm.tm_year + 1900, tm.tm_mon + 1,
                tm.tm_mday);
  return buffer;
}

}  // namespace

bool SetProcessTimeZone(const std::string& zone_name) {
  if (zone_name.empty() || zone_name.find("..") != std::string::npos) return false;
  if (zone_name != "UTC" && !std::filesystem::exists("/usr/share/zoneinfo/" + zone_name)) {
    return false;
  }
  setenv("TZ", zone_name.c_str(), 1);
  tzset();
  return true;
}

std::string LocalDay(std::int64_t unix_seconds) { return FormatDay(LocalTime(unix_seconds)); }

std::string LocalDayBefore(std::int64_t unix_seconds, int days) {
  // Step back by calendar days with mktime, which handles month ends and DST changes.
  std::tm tm = LocalTime(unix_seconds);
  tm.tm_mday -= days;
  tm.tm_hour = 12;  // noon: never falls into a DST gap
  tm.tm_isdst = -1;
  const std::time_t t = std::mktime(&tm);
  return FormatDay(LocalTime(t));
}

std::string HumanDate(std::int64_t unix_seconds) {
  static constexpr const char* kMonths[] = {"January", "February", "March",     "April",
                                            "May",     "June",     "July",      "August",
                                            "September", "October", "November", "December"};
  const std::tm tm = LocalTime(unix_seconds);
  return std::to_string(tm.tm_mday) + " " + kMonths[tm.tm_mon] + " " +
         std::to_string(tm.tm_year + 1900);
}

std::string IsoTimestamp(std::int64_t unix_seconds) {
  const std::tm tm = LocalTime(unix_seconds);
  char buffer[96];
  const long offset_minutes = tm.tm_gmtoff / 60;
  std::snprintf(buffer, sizeof buffer, "%04d-%02d-%02dT%02d:%02d:%02d%c%02ld:%02ld",
                tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec,
                offset_minutes < 0 ? '-' : '+', std::labs(offset_minutes) / 60,
                std::labs(offset_minutes) % 60);
  return buffer;
}

std::int64_t UnixNowMs() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

std::int64_t UnixNow() {
  return std::chrono::duration_cast<std::chrono::seconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

}  // namespace broadsheet::news
