// multipart/form-data bodies (RFC 7578 over RFC 2046), parsed from a body already in memory,
// for forms that upload files. Pure functions of untrusted input: a malformed body is a value
// (an error text), never an exception. Linear in the body's size; thread-safe.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace broadsheet::http {

// Every limit is checked while scanning, so an oversized input is refused after reading at
// most the limit, never after reading all of it.
struct MultipartLimits {
  // A form with a file field and a few text fields; more parts is a client gone wrong.
  std::size_t max_parts = 16;
  // All header lines of one part together, CRLFs included; browsers send about 150 bytes.
  std::size_t max_part_header_bytes = 4096;
  // The field name, as our own forms choose it.
  std::size_t max_name_bytes = 100;
  // Common file systems' limit on one file name.
  std::size_t max_filename_bytes = 255;
};

struct MultipartPart {
  std::string name;
  std::optional<std::string> filename;  // present for file fields (and may be empty there)
  std::string content_type;             // the lower-cased media type alone; empty if not sent
  std::string_view body;                // points into the parsed body
};

struct MultipartForm {
  std::vector<MultipartPart> parts;  // in body order

  // The first part named `name`, or nullptr. The pointer is valid while `parts` is unchanged.
  const MultipartPart* Find(std::string_view name) const;
  // How many parts are named `name`.
  std::size_t Count(std::string_view name) const;
};

struct MultipartParse {
  MultipartForm form;  // empty when `error` is set
  std::string error;   // empty when the body parsed
};

// The boundary of a "multipart/form-data; boundary=..." Content-Type (a token or a quoted
// string; 1..70 characters of RFC 2046's set, not ending in a space), or nullopt for any other
// media type or a missing, repeated or invalid boundary.
std::optional<std::string> MultipartBoundary(std::string_view content_type);

// Splits `body` into parts at `boundary`. A preamble before the first delimiter and an epilogue
// after the close delimiter are ignored. Each part needs a Content-Disposition of form-data
// with a non-empty name; Content-Type is recorded, other part headers are ignored.
// Requires: `boundary` is what MultipartBoundary returned. The parts' bodies point into `body`
// and are valid as long as it is.
MultipartParse ParseMultipart(std::string_view body, std::string_view boundary,
                              const MultipartLimits& limits = {});

}  // namespace broadsheet::http
