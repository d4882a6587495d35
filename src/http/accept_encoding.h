// Which content codings a client accepts, read from its Accept-Encoding header (RFC 9110
// §12.5.3), and which one to send. Used by static files and page responses. Pure functions of
// untrusted input.
#pragma once

#include <string_view>

namespace broadsheet::http {

enum class ContentCoding { kIdentity, kGzip, kBrotli };

// The client's weight for each coding we can send, in thousandths (q=0.5 is 500); 0 refuses.
struct AcceptedCodings {
  // Identity is acceptable unless refused, but below any coding the client names.
  int identity = 1;
  int gzip = 0;
  int br = 0;
};

// Parses an Accept-Encoding value (every line of it joined with ", "). Codings are
// case-insensitive tokens with an optional ";q=" weight; "x-gzip" is gzip; "*" gives its weight
// to every coding not named; the first entry for a coding counts; malformed entries are
// skipped. An empty value (or no header) accepts identity only.
AcceptedCodings ParseAcceptEncoding(std::string_view header);

// Which codings of a response exist besides identity.
struct AvailableCodings {
  bool gzip = false;
  bool br = false;
};

// The coding to send: of identity and those `available`, the one with the client's highest
// weight, br before gzip before identity on a tie. Identity when nothing is acceptable (the
// client may still take it; RFC 9110 lets the server ignore the header rather than fail).
ContentCoding ChooseCoding(const AcceptedCodings& accepted, AvailableCodings available);

// "identity", "gzip", "br": the Content-Encoding value.
std::string_view ContentCodingName(ContentCoding coding);

}  // namespace broadsheet::http
