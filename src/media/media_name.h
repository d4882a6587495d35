// Content addressing for uploaded images: the hash that names an upload and the file names of
// its variants, which the /media/ route parses back. Pure functions; thread-safe.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace broadsheet::media {

// 32 lower-case hex characters: BLAKE2b with a 128-bit output over `bytes`. The same upload
// always gets the same name, so a second upload of it stores nothing new.
std::string ContentHash(std::string_view bytes);

// "{hash}-{width}.{extension}", for example "0f3a...e9-960.webp".
std::string VariantFileName(std::string_view hash, int width, std::string_view extension);

struct VariantName {
  std::string hash;
  int width = 0;
  std::string extension;
};

// The parts of a name VariantFileName could have made: 32 lower-case hex, '-', a width of 1 to
// 5 digits without a leading zero, '.', then "webp" or "jpg", and nothing else. nullopt for any
// other text, so a name that passes can be joined to a directory safely.
std::optional<VariantName> ParseVariantFileName(std::string_view file_name);

}  // namespace broadsheet::media
