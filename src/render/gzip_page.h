// A cached page compressed once, for gzip responses that cost about what a plain one does.
// Each static segment of a SlottedPage (the text between slots) is compressed at build time as
// raw deflate ending on a full flush (byte-aligned, no back-references across it), so a
// response is the cached segments with each slot's live bytes between them as stored blocks,
// and the trailer's CRC-32 is combined from per-segment CRCs. Built once per cached page.
// Immutable after construction: thread-safe to write responses from many threads.
#pragma once

#include <boost/container/small_vector.hpp>

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "render/slotted_page.h"

namespace broadsheet::render {

class GzipPage {
 public:
  // One part of a gzip body: compressed bytes held by the GzipPage, or a range of the
  // request's own `live` bytes (an offset, not a view: `live` may move while it grows).
  struct Piece {
    std::string_view cached;  // non-empty for cached bytes
    std::size_t live_offset = 0;
    std::size_t live_size = 0;

    // The piece's bytes, given the `live` string the body was written with.
    std::string_view Bytes(std::string_view live) const {
      return cached.empty() ? live.substr(live_offset, live_size) : cached;
    }
  };

  // Compresses `page`'s segments; `page` is not referenced afterwards. Throws
  // std::runtime_error if zlib fails (it only does when out of memory).
  explicit GzipPage(const SlottedPage& page);

  // Writes one gzip body: appends the per-request bytes (gzip header, each slot's live bytes
  // wrapped in stored blocks, trailer) to `live`, calling fill(live, kind, article_id) at each
  // slot as SlottedPage::Fill does, and returns the body's pieces in order. `fill` must only
  // append. The body is piece.Bytes(live) over all pieces: send them as one gather write.
  // Cached pieces view this object: valid while it lives and is not moved.
  // Held inline up to a gather write's worth (http::Response::kMaxGatherPieces).
  using Pieces = boost::container::small_vector<Piece, 16>;
  template <typename FillSlot>
  Pieces WritePieces(std::string& live, FillSlot&& fill) const;

  // The whole gzip body in one string, for tests and callers that do not gather.
  template <typename FillSlot>
  std::string Write(FillSlot&& fill) const;

  // The compressed segments' bytes, for the page cache's accounting.
  std::size_t compressed_size() const { return compressed_.size(); }

 private:
  struct Segment {
    std::size_t offset = 0;    // of its compressed bytes in compressed_
    std::size_t size = 0;      // compressed bytes; 0 for an empty segment before a slot
    std::uint64_t length = 0;  // uncompressed bytes
    std::uint32_t crc = 0;     // CRC-32 of the uncompressed text
    unsigned long crc_op = 0;  // zlib's crc32_combine_gen(length), to append crc per request
  };

  // One response being written; in gzip_page.cpp so that zlib stays out of this header.
  class BodyWriter {
   public:
    // Appends the gzip header.
    BodyWriter(const GzipPage& page, std::string& live, Pieces& pieces);
    void AddSegment(std::size_t i);
    // Makes room for a stored block header; returns where it starts in `live`.
    std::size_t OpenSlot();
    // Wraps what was appended since OpenSlot in stored blocks (none if nothing was).
    void CloseSlot(std::size_t header_at);
    // Appends the trailer: CRC-32 and length.
    void Finish();

   private:
    void AddLive(std::size_t from);

    const GzipPage& page_;
    std::string& live_;
    Pieces& pieces_;
    unsigned long crc_ = 0;
    std::uint64_t length_ = 0;
  };

  std::string compressed_;  // every segment's deflate bytes, back to back
  std::vector<Segment> segments_;
  std::vector<SlottedPage::SlotRef> slots_;
};

template <typename FillSlot>
GzipPage::Pieces GzipPage::WritePieces(std::string& live, FillSlot&& fill) const {
  Pieces pieces;
  pieces.reserve(2 * segments_.size() + 1);
  BodyWriter writer(*this, live, pieces);
  for (std::size_t i = 0; i < slots_.size(); ++i) {
    writer.AddSegment(i);
    const std::size_t header_at = writer.OpenSlot();
    fill(live, slots_[i].kind, slots_[i].article_id);
    writer.CloseSlot(header_at);
  }
  writer.AddSegment(slots_.size());
  writer.Finish();
  return pieces;
}

template <typename FillSlot>
std::string GzipPage::Write(FillSlot&& fill) const {
  std::string live;
  const Pieces pieces = WritePieces(live, fill);
  std::string body;
  body.reserve(compressed_.size() + live.size());
  for (const Piece& piece : pieces) body.append(piece.Bytes(live));
  return body;
}

}  // namespace broadsheet::render
