// Small helpers the fuzz targets share: Require() for a property that must hold (it aborts, so
// libFuzzer records the input as a crash and the replay test fails), the fixed site key every
// target uses (so the committed seeds minted under it keep opening), and input splitting.
// Header-only; used only by tests/fuzz.
#pragma once

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <functional>
#include <string_view>
#include <utility>

#include "security/site_key.h"

namespace broadsheet::fuzz {

// Aborts with `what` on stderr when `holds` is false. abort() rather than an exception: no
// parser under test may catch it, and both libFuzzer and CTest see a crash.
inline void Require(bool holds, const char* what) {
  if (holds) return;
  std::fprintf(stderr, "fuzz property violated: %s\n", what);
  std::abort();
}

inline std::string_view AsText(const std::uint8_t* data, std::size_t size) {
  return {reinterpret_cast<const char*>(data), size};
}

// Splits at the first '\n': {before, after}; {text, ""} when there is none. Targets that take
// two inputs read the first line as one and the rest as the other, so seeds stay readable.
inline std::pair<std::string_view, std::string_view> SplitLine(std::string_view text) {
  const auto newline = text.find('\n');
  if (newline == std::string_view::npos) return {text, {}};
  return {text.substr(0, newline), text.substr(newline + 1)};
}

// True when `part` points into `whole` (a view the parser returned into its input).
inline bool IsInside(std::string_view part, std::string_view whole) {
  // std::less gives a total order even for pointers into different objects.
  const std::less_equal<const char*> not_after;
  return not_after(whole.data(), part.data()) &&
         not_after(part.data() + part.size(), whole.data() + whole.size());
}

// The key every target's secrets derive from: fixed, so seeds minted under it stay valid.
inline security::SiteKey FuzzSiteKey() {
  security::SiteKey::Bytes bytes{};
  for (std::size_t i = 0; i < bytes.size(); ++i) bytes[i] = static_cast<std::uint8_t>(i * 7 + 1);
  return security::SiteKey::FromBytes(bytes);
}

}  // namespace broadsheet::fuzz
