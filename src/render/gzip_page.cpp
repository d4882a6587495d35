#include "render/gzip_page.h"

#include <zlib.h>

#include <algorithm>
#include <limits>
#include <stdexcept>

namespace broadsheet::render {
namespace {

// Level 6 is zlib's default: level 9 gains a percent or two on HTML for twice the time, and
// pages are compressed on every cache fill.
constexpr int kLevel = 6;
constexpr int kRawDeflate = -15;  // negative: no zlib wrapper, the gzip one is ours
constexpr int kMemLevel = 8;
constexpr std::size_t kOutputStep = 16 * 1024;
// zlib counts input in 32-bit uInt; larger segments are fed in chunks.
constexpr std::size_t kMaxInputChunk = std::size_t{1} << 30;

// ID1 ID2, CM=deflate, no flags, MTIME=0 (none: the page is generated), XFL=0, OS=3 (Unix).
constexpr char kGzipHeader[10] = {'\x1f', '\x8b', '\x08', 0, 0, 0, 0, 0, 0, '\x03'};
constexpr std::size_t kStoredHeaderSize = 5;    // BFINAL/BTYPE byte, LEN, NLEN
constexpr std::size_t kMaxStoredBlock = 65535;  // LEN is 16 bits

// One raw deflate stream across all of a page's segments; each segment ends on a full flush.
class Deflater {
 public:
  Deflater() {
    if (deflateInit2(&stream_, kLevel, Z_DEFLATED, kRawDeflate, kMemLevel, Z_DEFAULT_STRATEGY) !=
        Z_OK) {
      throw std::runtime_error("gzip page: deflateInit2 failed");
    }
  }
  ~Deflater() { deflateEnd(&stream_); }
  Deflater(const Deflater&) = delete;
  Deflater& operator=(const Deflater&) = delete;

  std::size_t Bound(std::size_t length) { return deflateBound(&stream_, length); }

  // Appends `text` compressed to `out`, ending with `flush` (Z_FULL_FLUSH or Z_FINISH).
  void Compress(std::string_view text, int flush, std::string& out) {
    std::size_t done = 0;
    do {
      const std::size_t chunk = std::min(text.size() - done, kMaxInputChunk);
      stream_.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(text.data() + done));
      stream_.avail_in = static_cast<uInt>(chunk);
      done += chunk;
      const int mode = done == text.size() ? flush : Z_NO_FLUSH;
      int rc = Z_OK;
      do {
        const std::size_t at = out.size();
        out.resize(at + kOutputStep);
        stream_.next_out = reinterpret_cast<Bytef*>(out.data() + at);
        stream_.avail_out = static_cast<uInt>(kOutputStep);
        rc = deflate(&stream_, mode);
        out.resize(at + kOutputStep - stream_.avail_out);
        // Z_BUF_ERROR only means no progress was possible this call; it is not fatal.
        if (rc == Z_STREAM_ERROR) throw std::runtime_error("gzip page: deflate failed");
      } while (mode == Z_FINISH ? rc != Z_STREAM_END : stream_.avail_out == 0);
    } while (done < text.size());
  }

 private:
  z_stream stream_{};
};

void AppendLittleEndian32(std::string& out, std::uint32_t value) {
  for (int shift = 0; shift < 32; shift += 8) out.push_back(static_cast<char>(value >> shift));
}

// A non-final stored block's header, BFINAL=0 and BTYPE=00 in the first byte (the rest of
// that byte is padding to the byte boundary), then LEN and NLEN.
void WriteStoredHeader(char* at, std::size_t length) {
  const auto len = static_cast<std::uint16_t>(length);
  const auto nlen = static_cast<std::uint16_t>(~len);
  at[0] = 0;
  at[1] = static_cast<char>(len & 0xff);
  at[2] = static_cast<char>(len >> 8);
  at[3] = static_cast<char>(nlen & 0xff);
  at[4] = static_cast<char>(nlen >> 8);
}

}  // namespace

GzipPage::GzipPage(const SlottedPage& page) : slots_(page.slots()) {
  const std::size_t count = slots_.size() + 1;
  Deflater deflater;
  // Each full flush adds at most an empty stored block (5 bytes) and a partial byte.
  compressed_.reserve(deflater.Bound(page.text_size()) + count * 6);
  segments_.reserve(count);
  for (std::size_t i = 0; i < count; ++i) {
    const std::string_view text = page.Segment(i);
    const bool last = i + 1 == count;
    Segment segment;
    segment.offset = compressed_.size();
    // An empty segment before a slot needs no bytes: the stream is already byte-aligned there
    // (after the header, a previous flush or a stored block). The last always ends the stream.
    if (!text.empty() || last) deflater.Compress(text, last ? Z_FINISH : Z_FULL_FLUSH, compressed_);
    segment.size = compressed_.size() - segment.offset;
    segment.length = text.size();
    segment.crc = static_cast<std::uint32_t>(
        crc32_z(0, reinterpret_cast<const Bytef*>(text.data()), text.size()));
    segment.crc_op = crc32_combine_gen(static_cast<z_off_t>(text.size()));
    segments_.push_back(segment);
  }
  compressed_.shrink_to_fit();
}

GzipPage::BodyWriter::BodyWriter(const GzipPage& page, std::string& live, Pieces& pieces)
    : page_(page), live_(live), pieces_(pieces) {
  // Header, trailer, and a stored block header plus a typical live number per slot.
  live_.reserve(live_.size() + sizeof kGzipHeader + 8 + page.slots_.size() * 48);
  const std::size_t from = live_.size();
  live_.append(kGzipHeader, sizeof kGzipHeader);
  AddLive(from);
}

void GzipPage::BodyWriter::AddSegment(std::size_t i) {
  const Segment& segment = page_.segments_[i];
  crc_ = crc32_combine_op(crc_, segment.crc, segment.crc_op);
  length_ += segment.length;
  if (segment.size == 0) return;
  pieces_.push_back(
      {.cached = std::string_view(page_.compressed_).substr(segment.offset, segment.size)});
}

std::size_t GzipPage::BodyWriter::OpenSlot() {
  const std::size_t header_at = live_.size();
  live_.append(kStoredHeaderSize, '\0');
  return header_at;
}

void GzipPage::BodyWriter::CloseSlot(std::size_t header_at) {
  const std::size_t data_at = header_at + kStoredHeaderSize;
  const std::size_t length = live_.size() - data_at;
  if (length == 0) {
    live_.resize(header_at);  // an empty slot adds nothing, not even an empty block
    return;
  }
  crc_ = crc32_z(crc_, reinterpret_cast<const Bytef*>(live_.data() + data_at), length);
  length_ += length;
  if (length <= kMaxStoredBlock) {
    WriteStoredHeader(live_.data() + header_at, length);
  } else {
    // Rare (a slot holds a number or a notice): re-lay the bytes as several blocks.
    const std::string data = live_.substr(data_at);
    live_.resize(header_at);
    for (std::size_t from = 0; from < data.size(); from += kMaxStoredBlock) {
      const std::size_t block = std::min(data.size() - from, kMaxStoredBlock);
      const std::size_t at = live_.size();
      live_.append(kStoredHeaderSize, '\0');
      WriteStoredHeader(live_.data() + at, block);
      live_.append(data, from, block);
    }
  }
  AddLive(header_at);
}

void GzipPage::BodyWriter::Finish() {
  const std::size_t from = live_.size();
  AppendLittleEndian32(live_, static_cast<std::uint32_t>(crc_));
  AppendLittleEndian32(live_, static_cast<std::uint32_t>(length_));  // ISIZE is mod 2^32
  AddLive(from);
}

void GzipPage::BodyWriter::AddLive(std::size_t from) {
  const std::size_t size = live_.size() - from;
  if (size == 0) return;
  // Bytes right after a live piece (an empty segment between them) join it: fewer buffers.
  if (!pieces_.empty() && pieces_.back().cached.empty() &&
      pieces_.back().live_offset + pieces_.back().live_size == from) {
    pieces_.back().live_size += size;
    return;
  }
  pieces_.push_back({.live_offset = from, .live_size = size});
}

}  // namespace broadsheet::render
