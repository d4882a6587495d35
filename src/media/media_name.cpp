#include "media/media_name.h"

#include <sodium.h>

#include <algorithm>
#include <array>
#include <stdexcept>

namespace broadsheet::media {
namespace {

constexpr std::size_t kHashBytes = 16;  // crypto_generichash_BYTES_MIN; plenty for naming
constexpr std::size_t kHashHexChars = 2 * kHashBytes;
constexpr std::size_t kMaxWidthDigits = 5;

bool IsLowerHex(char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'); }
bool IsDigit(char c) { return c >= '0' && c <= '9'; }

}  // namespace

std::string ContentHash(std::string_view bytes) {
  if (sodium_init() < 0) throw std::runtime_error("libsodium failed to initialise");
  std::array<unsigned char, kHashBytes> hash{};
  crypto_generichash(hash.data(), hash.size(), reinterpret_cast<const unsigned char*>(bytes.data()),
                     bytes.size(), nullptr, 0);
  std::array<char, kHashHexChars + 1> hex{};
  sodium_bin2hex(hex.data(), hex.size(), hash.data(), hash.size());
  return {hex.data(), kHashHexChars};
}

std::string VariantFileName(std::string_view hash, int width, std::string_view extension) {
  return std::string(hash) + '-' + std::to_string(width) + '.' + std::string(extension);
}

std::optional<VariantName> ParseVariantFileName(std::string_view file_name) {
  if (file_name.size() < kHashHexChars + 1 || file_name[kHashHexChars] != '-') return std::nullopt;
  const std::string_view hash = file_name.substr(0, kHashHexChars);
  if (!std::all_of(hash.begin(), hash.end(), IsLowerHex)) return std::nullopt;
  const std::string_view rest = file_name.substr(kHashHexChars + 1);
  const std::size_t dot = rest.find('.');
  if (dot == std::string_view::npos) return std::nullopt;
  const std::string_view digits = rest.substr(0, dot);
  const std::string_view extension = rest.substr(dot + 1);
  if (digits.empty() || digits.size() > kMaxWidthDigits || digits.front() == '0' ||
      !std::all_of(digits.begin(), digits.end(), IsDigit)) {
    return std::nullopt;
  }
  if (extension != "webp" && extension != "jpg") return std::nullopt;
  int width = 0;
  for (const char c : digits) width = width * 10 + (c - '0');  // at most 99999: no overflow
  return VariantName{std::string(hash), width, std::string(extension)};
}

}  // namespace broadsheet::media
