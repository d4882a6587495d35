#include "media/jpeg_metadata.h"

#include <stdexcept>

namespace broadsheet::media {
namespace {

constexpr unsigned kSos = 0xda;
constexpr unsigned kCom = 0xfe;
constexpr unsigned kApp0 = 0xe0;
constexpr unsigned kApp15 = 0xef;

unsigned Byte(std::string_view bytes, std::size_t at) {
  return static_cast<unsigned char>(bytes[at]);
}

[[noreturn]] void Broken(const char* what) {
  throw std::runtime_error(std::string("JPEG metadata: ") + what);
}

// True for the segments we drop. APP0 stays only as the JFIF header ("JFIF\0"), which
// decoders use for the pixel aspect; an APP0 "JFXX" thumbnail goes.
bool IsMetadata(unsigned marker, std::string_view payload) {
  if (marker == kCom) return true;
  if (marker < kApp0 || marker > kApp15) return false;
  return marker != kApp0 || !payload.starts_with(std::string_view("JFIF\0", 5));
}

}  // namespace

std::string StripJpegMetadata(std::string_view jpeg) {
  if (!jpeg.starts_with("\xff\xd8")) Broken("no SOI");
  std::string out(jpeg.substr(0, 2));
  std::size_t at = 2;
  for (;;) {
    if (at + 2 > jpeg.size() || Byte(jpeg, at) != 0xff) Broken("no marker where one belongs");
    const unsigned marker = Byte(jpeg, at + 1);
    if (marker == 0xff) {  // a fill byte; the marker follows
      ++at;
      continue;
    }
    if (marker == 0x01 || (marker >= 0xd0 && marker <= 0xd9)) Broken("a stray standalone marker");
    if (at + 4 > jpeg.size()) Broken("a segment is cut short");
    const std::size_t length = Byte(jpeg, at + 2) << 8 | Byte(jpeg, at + 3);
    if (length < 2 || at + 2 + length > jpeg.size()) Broken("a segment overruns the file");
    // Scan data follows. libgd writes baseline JPEGs, one scan, so nothing after it is metadata.
    if (marker == kSos) break;
    if (!IsMetadata(marker, jpeg.substr(at + 4, length - 2))) {
      out += jpeg.substr(at, 2 + length);
    }
    at += 2 + length;
  }
  out += jpeg.substr(at);
  return out;
}

}  // namespace broadsheet::media
