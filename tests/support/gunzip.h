// Test support: what a gzip stream inflates to, with zlib, for the tests of gzip pages and
// precompressed static files. Header-only; the test binary links zlib.
#pragma once

#include <zlib.h>

#include <optional>
#include <string>
#include <string_view>

namespace broadsheet::testing {

// The text a complete gzip stream inflates to, or nullopt if inflate reports an error (a bad
// CRC or ISIZE included), stops before the end, or leaves bytes over.
inline std::optional<std::string> Gunzip(std::string_view body) {
  z_stream stream{};
  if (inflateInit2(&stream, 16 + MAX_WBITS) != Z_OK) return std::nullopt;
  stream.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(body.data()));
  stream.avail_in = static_cast<uInt>(body.size());
  std::string out;
  int status = Z_OK;
  while (status == Z_OK) {
    char buffer[16384];
    stream.next_out = reinterpret_cast<Bytef*>(buffer);
    stream.avail_out = sizeof buffer;
    status = inflate(&stream, Z_NO_FLUSH);
    out.append(buffer, sizeof buffer - stream.avail_out);
  }
  const bool complete = status == Z_STREAM_END && stream.avail_in == 0;
  inflateEnd(&stream);
  if (!complete) return std::nullopt;
  return out;
}

}  // namespace broadsheet::testing
