// Calendar days and human dates in the site's time zone. The zone is the process's TZ, set
// once by `serve` before any thread starts (libstdc++ 12 has no std::chrono time zones), so
// these functions are thread-safe afterwards (localtime_r).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace broadsheet::news {

// Sets the process time zone (an IANA name such as "Europe/Berlin", or "UTC"). Returns false
// when no such zone is installed. Requires: no other thread is running.
bool SetProcessTimeZone(const std::string& zone_name);

// "YYYY-MM-DD" of the local day that contains `unix_seconds`.
std::string LocalDay(std::int64_t unix_seconds);

// The local day `days` before the one that contains `unix_seconds` ("this week" = today - 6).
std::string LocalDayBefore(std::int64_t unix_seconds, int days);

// The `count` local days that end with today (the day containing `unix_seconds`), oldest
// first: the x axis of "views per day for the last 30 days".
std::vector<std::string> LastDays(std::int64_t unix_seconds, int count);

// "25 November 2026" and "2026-11-25T21:07:00+01:00".
std::string HumanDate(std::int64_t unix_seconds);
std::string IsoTimestamp(std::int64_t unix_seconds);
// An RFC 3339 time ("2026-11-25T21:07:00Z", "...+01:00", fractions of a second ignored) as
// unix seconds; nullopt for anything else.
std::optional<std::int64_t> ParseRfc3339(std::string_view text);

std::int64_t UnixNow();

// A calendar month of the site's zone (archive pages, issue 13).
struct LocalMonth {
  int year = 0;
  int month = 0;  // 1..12
  friend bool operator==(const LocalMonth&, const LocalMonth&) = default;
};
// The month that contains `unix_seconds`.
LocalMonth LocalMonthOf(std::int64_t unix_seconds);
// The month's first second and the next month's first second: [from, until).
std::pair<std::int64_t, std::int64_t> LocalMonthRange(const LocalMonth& month);
// "November 2026".
std::string MonthName(const LocalMonth& month);
// "YYYY-MM-DDTHH:MM" in the site's zone (the value of an <input type="datetime-local">), and
// back: nullopt for anything that is not such a time.
std::string LocalDateTimeInput(std::int64_t unix_seconds);
std::optional<std::int64_t> ParseLocalDateTime(std::string_view text);
// The same in milliseconds (security code issue and expiry times).
std::int64_t UnixNowMs();

}  // namespace broadsheet::news
