// Progress of a long command on stderr: a bar on a terminal, plain lines otherwise.
#pragma once

#include <fmt/core.h>
#include <unistd.h>

#include <cstdint>
#include <cstdio>
#include <string>

namespace broadsheet::cli {

class Progress {
 public:
  explicit Progress(const char* verb) : verb_(verb), terminal_(isatty(STDERR_FILENO) == 1) {}

  // Step `done` of `total`, then what it was.
  void Step(std::int64_t done, std::int64_t total, const std::string& what) {
    if (terminal_) {
      constexpr std::int64_t kWidth = 30;
      const std::int64_t filled = total ? done * kWidth / total : kWidth;
      fmt::print(stderr, "\r{} [{}{}] {:>3}% {:<40}", verb_, std::string(filled, '#'),
                 std::string(kWidth - filled, '.'), total ? done * 100 / total : 100, what);
      if (done == total) fmt::print(stderr, "\n");
    } else {
      fmt::print(stderr, "{}: {}\n", verb_, what);
    }
  }

  // A bar only: nothing when stderr is not a terminal (a log gets no line per item), and at
  // most one redraw per percent.
  void Bar(std::int64_t done, std::int64_t total) {
    if (!terminal_ || total <= 0) return;
    const std::int64_t percent = done * 100 / total;
    if (percent == shown_ && done != total) return;
    shown_ = percent;
    Step(done, total, std::to_string(done) + " of " + std::to_string(total));
  }

 private:
  const char* verb_;
  bool terminal_;
  std::int64_t shown_ = -1;
};

}  // namespace broadsheet::cli
