// SQL text that only the program's own constants can make (issue 9: no injection by
// construction). A Sql is built from a string literal or a constexpr fragment by a consteval
// constructor, so text read at run time (a request, a file) does not compile as SQL; values
// travel separately as bound parameters. Fragments may be joined with `+` (both sides are Sql
// already). The statement preparers of both stores take only Sql. Immutable: thread-safe.
#pragma once

#include <memory>
#include <string>
#include <string_view>

namespace broadsheet::store {

class Sql {
 public:
  // Requires: `constant` is a constant expression (a literal or a constexpr const char*).
  consteval Sql(const char* constant) : constant_(constant) {}  // NOLINT: implicit on purpose

  // Two constant fragments joined: still nothing but constants.
  friend Sql operator+(const Sql& left, const Sql& right) {
    Sql joined{Joined{}};
    joined.joined_ =
        std::make_shared<const std::string>(std::string(left.view()) + std::string(right.view()));
    return joined;
  }

  std::string_view view() const { return joined_ ? std::string_view(*joined_) : constant_; }
  const char* c_str() const { return joined_ ? joined_->c_str() : constant_; }
  std::string str() const { return std::string(view()); }

 private:
  struct Joined {};
  explicit Sql(Joined) : constant_("") {}

  const char* constant_;
  std::shared_ptr<const std::string> joined_;  // set only by operator+
};

}  // namespace broadsheet::store
