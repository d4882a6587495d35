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

std::vector<std::string> LastDays(std::int64_t unix_seconds, int count) {
  std::vector<std::string> days;
  for (int back = count - 1; back >= 0; --back) {
    days.push_back(LocalDayBefore(unix_seconds, back));
  }
  return days;
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

std::optional<std::int64_t> ParseRfc3339(std::string_view text) {
  // YYYY-MM-DDTHH:MM:SS, then an optional fraction, then Z or +HH:MM / -HH:MM.
  if (text.size() < 20 || text.size() > 40) return std::nullopt;
  const auto digits = [&](std::size_t at, std::size_t count) -> int {
    int value = 0;
    for (std::size_t i = at; i < at + count; ++i) {
      if (text[i] < '0' || text[i] > '9') return -1;
      value = value * 10 + (text[i] - '0');
    }
    return value;
  };
  const int year = digits(0, 4), month = digits(5, 2), day = digits(8, 2);
  const int hour = digits(11, 2), minute = digits(14, 2), second = digits(17, 2);
  if (text[4] != '-' || text[7] != '-' || (text[10] != 'T' && text[10] != 't') || text[13] != ':' ||
      text[16] != ':' || year < 1970 || month < 1 || month > 12 || day < 1 || day > 31 ||
      hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 60) {
    return std::nullopt;
  }
  std::size_t at = 19;
  if (text[at] == '.') {
    ++at;
    const std::size_t start = at;
    while (at < text.size() && text[at] >= '0' && text[at] <= '9') ++at;
    if (at == start) return std::nullopt;
  }
  int offset_seconds = 0;
  if (at < text.size() && (text[at] == 'Z' || text[at] == 'z')) {
    ++at;
  } else if (at + 6 == text.size() && (text[at] == '+' || text[at] == '-') && text[at + 3] == ':') {
    const int offset_hours = digits(at + 1, 2), offset_minutes = digits(at + 4, 2);
    if (offset_hours < 0 || offset_hours > 23 || offset_minutes < 0 || offset_minutes > 59) {
      return std::nullopt;
    }
    offset_seconds = (offset_hours * 60 + offset_minutes) * 60 * (text[at] == '-' ? -1 : 1);
    at += 6;
  } else {
    return std::nullopt;
  }
  if (at != text.size()) return std::nullopt;
  std::tm tm{};
  tm.tm_year = year - 1900;
  tm.tm_mon = month - 1;
  tm.tm_mday = day;
  tm.tm_hour = hour;
  tm.tm_min = minute;
  tm.tm_sec = second;
  return static_cast<std::int64_t>(timegm(&tm)) - offset_seconds;
}

std::string LocalDateTimeInput(std::int64_t unix_seconds) {
  const std::tm tm = LocalTime(unix_seconds);
  char buffer[64];
  std::snprintf(buffer, sizeof buffer, "%04d-%02d-%02dT%02d:%02d", tm.tm_year + 1900, tm.tm_mon + 1,
                tm.tm_mday, tm.tm_hour, tm.tm_min);
  return buffer;
}

std::optional<std::int64_t> ParseLocalDateTime(std::string_view text) {
  // "YYYY-MM-DDTHH:MM", optionally ":SS" (what <input type="datetime-local"> sends).
  if (text.size() != 16 && text.size() != 19) return std::nullopt;
  const auto number = [&](std::size_t at, std::size_t digits) -> int {
    int value = 0;
    for (std::size_t i = at; i < at + digits; ++i) {
      if (text[i] < '0' || text[i] > '9') return -1;
      value = value * 10 + (text[i] - '0');
    }
    return value;
  };
  if (text[4] != '-' || text[7] != '-' || (text[10] != 'T' && text[10] != ' ') || text[13] != ':' ||
      (text.size() == 19 && text[16] != ':')) {
    return std::nullopt;
  }
  std::tm tm{};
  tm.tm_year = number(0, 4) - 1900;
  tm.tm_mon = number(5, 2) - 1;
  tm.tm_mday = number(8, 2);
  tm.tm_hour = number(11, 2);
  tm.tm_min = number(14, 2);
  tm.tm_sec = text.size() == 19 ? number(17, 2) : 0;
  if (tm.tm_year < 70 || tm.tm_year > 8099 || tm.tm_mon < 0 || tm.tm_mon > 11 || tm.tm_mday < 1 ||
      tm.tm_mday > 31 || tm.tm_hour < 0 || tm.tm_hour > 23 || tm.tm_min < 0 || tm.tm_min > 59 ||
      tm.tm_sec < 0 || tm.tm_sec > 59) {
    return std::nullopt;
  }
  const int day = tm.tm_mday;
  tm.tm_isdst = -1;
  const std::time_t t = std::mktime(&tm);
  if (t == static_cast<std::time_t>(-1) || tm.tm_mday != day) return std::nullopt;  // 31 Feb
  return static_cast<std::int64_t>(t);
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

LocalMonth LocalMonthOf(std::int64_t unix_seconds) {
  const std::tm tm = LocalTime(unix_seconds);
  return {tm.tm_year + 1900, tm.tm_mon + 1};
}

std::pair<std::int64_t, std::int64_t> LocalMonthRange(const LocalMonth& month) {
  // Local midnight on the first of the month; mktime finds the offset (and DST) in force.
  const auto first_second = [](int year, int month_of_year) {
    std::tm tm{};
    tm.tm_year = year - 1900;
    tm.tm_mon = month_of_year - 1;
    tm.tm_mday = 1;
    tm.tm_isdst = -1;
    return static_cast<std::int64_t>(std::mktime(&tm));
  };
  const bool december = month.month == 12;
  return {first_second(month.year, month.month),
          first_second(december ? month.year + 1 : month.year, december ? 1 : month.month + 1)};
}

std::string MonthName(const LocalMonth& month) {
  static constexpr const char* kNames[] = {"January",   "February", "March",    "April",
                                           "May",       "June",     "July",     "August",
                                           "September", "October",  "November", "December"};
  if (month.month < 1 || month.month > 12) return std::to_string(month.year);
  return std::string(kNames[month.month - 1]) + " " + std::to_string(month.year);
}

}  // namespace broadsheet::news
