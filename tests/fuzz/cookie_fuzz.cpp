// Fuzz target for cookies: CookieValue on a Cookie header, then ReaderCookies::Verify on the
// value it finds, as every request with a bs_reader cookie does. The input's first line is a
// cookie name to look up besides bs_reader, the rest the header. Checks that a value is a piece
// of the header and that only a well-formed, correctly signed id verifies.
#include <sodium.h>

#include <string>
#include <string_view>

#include "fuzz_check.h"
#include "fuzz_targets.h"
#include "http/cookies.h"
#include "security/reader_cookie.h"

namespace broadsheet::fuzz {
namespace {

// Built once: libFuzzer calls the target millions of times in one process.
const security::ReaderCookies& Cookies() {
  static const security::ReaderCookies cookies = [] {
    Require(sodium_init() >= 0, "libsodium initialises");
    return security::ReaderCookies(FuzzSiteKey());
  }();
  return cookies;
}

void CheckLookup(std::string_view header, std::string_view name) {
  const auto value = http::CookieValue(header, name);
  if (!value) return;
  Require(IsInside(*value, header), "a cookie value is a piece of the header");
  Require(value->find(';') == std::string_view::npos, "a cookie value holds no ';'");
  Require(value->empty() || value->back() != ' ', "a cookie value has no trailing space");
  const std::size_t at = static_cast<std::size_t>(value->data() - header.data());
  Require(at > name.size() && header[at - 1] == '=' &&
              header.substr(at - 1 - name.size(), name.size()) == name,
          "a cookie value follows its name and '='");

  if (const auto id = Cookies().Verify(*value)) {
    Require(id->size() == 22 && value->starts_with(*id + "."),
            "a verified id is the 22-character part before the dot");
  }
}

}  // namespace

int FuzzCookie(const std::uint8_t* data, std::size_t size) {
  const auto [name, header] = SplitLine(AsText(data, size));
  CheckLookup(header, name);
  CheckLookup(header, security::kReaderCookieName);
  // The whole input as a cookie value: the fuzzer mutates real values in the seeds directly.
  const std::string_view whole = AsText(data, size);
  if (const auto id = Cookies().Verify(whole)) {
    Require(id->size() == 22, "a verified id has 22 characters");
    // Any one byte changed, anywhere, and the MAC no longer matches.
    std::string tampered(whole);
    tampered[static_cast<unsigned char>(whole.back()) % tampered.size()] ^= 0x01;
    Require(!Cookies().Verify(tampered), "a tampered value does not verify");
  }
  return 0;
}

}  // namespace broadsheet::fuzz
