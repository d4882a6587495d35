// The response a handler returns: status, headers, body. The server adds Date, Content-Length
// and Connection. Not thread-safe (one request, one thread).
#pragma once

#include <boost/container/small_vector.hpp>

#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace broadsheet::http {

struct Response {
  int status = 200;
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;
  bool close = false;  // close the connection after sending

  // A body sent by reference (a gather write, no copy of a cached page per request): when
  // `pieces` is not empty it is the body, in order, each piece either text that `keeps_alive`
  // owns (`shared`) or, when `shared` is empty, the range [offset, offset + size) of `body`
  // (the live numbers, written per request).
  struct BodyPiece {
    std::string_view shared;
    std::size_t offset = 0;
    std::size_t size = 0;
  };
  // The most pieces the server sends as a gather write; a body in more is copied into one
  // buffer first (Asio writes at most 64 buffers per system call, and many small ones cost
  // more to hand to the kernel than a copy of the page).
  static constexpr std::size_t kMaxGatherPieces = 16;
  // Held in the response itself up to a gather write's worth: no allocation for them.
  boost::container::small_vector<BodyPiece, kMaxGatherPieces> pieces;
  std::shared_ptr<const void> keeps_alive;
  // Header lines prepared once ("Name: value\r\n" each), sent before `headers`. Must outlive
  // the response (a constant, or text `keeps_alive` owns) and never name a default header.
  std::string_view prepared_headers;

  // When set, the answer is not this response but what `deferred` returns, run on the
  // server's worker pool (http/worker_pool.h) instead of the I/O thread; a full pool answers
  // 503 with Retry-After. It may capture only what it owns: the request is gone by then.
  std::function<Response()> deferred;

  // The body's length, from `pieces` when there are any.
  std::size_t BodySize() const;
  // One piece's bytes.
  std::string_view PieceBytes(const BodyPiece& piece) const {
    return piece.shared.empty() ? std::string_view(body).substr(piece.offset, piece.size)
                                : piece.shared;
  }
  // Appends the body as it is sent to `out`.
  void AppendBody(std::string& out) const;
  // Copies `pieces` into `body` (for callers that need the body as one string).
  void FlattenBody();

  // Adds a header, or replaces the value of one with the same name.
  void SetHeader(std::string_view name, std::string_view value);
  std::string_view Header(std::string_view name) const;

  static Response Html(int status, std::string body);
  static Response Text(int status, std::string body);
  static Response Redirect(int status, std::string_view location);
  static Response Deferred(std::function<Response()> work);
};

// Strings kept from responses this thread sent, so a page's live numbers are written into
// capacity that already exists rather than a new allocation per request. TakeSpareString
// gives an empty string (new when none is kept); GiveBackSpareString keeps a few, of modest
// size, for the next caller on the same thread.
std::string TakeSpareString();
void GiveBackSpareString(std::string text);

// The reason phrase for a status ("Not Found").
std::string_view ReasonPhrase(int status);

}  // namespace broadsheet::http
