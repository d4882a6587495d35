// The files under static/, read into memory at start and served under /static/ with a
// one-year immutable cache lifetime; links carry ?v=<content hash> so a changed file gets a
// new URL. Text files are also compressed at start (gzip and brotli, best levels) and sent in
// the coding the client prefers. Immutable after construction: thread-safe.
#pragma once

#include <map>
#include <string>

#include "http/request.h"
#include "http/response.h"

namespace broadsheet::site {

class StaticFiles {
 public:
  // Reads every regular file below `folder` and compresses the text ones. Throws
  // std::runtime_error if it cannot read them.
  explicit StaticFiles(const std::string& folder);

  // "/static/css/site.css?v=1a2b3c4d" for "css/site.css" (no ?v= for an unknown file).
  std::string VersionedUrl(const std::string& relative_path) const;

  // Answers GET /static/<relative path>: 200 with the file, or 404. A text file is sent
  // compressed when its Accept-Encoding allows (br, then gzip), with Vary: Accept-Encoding
  // either way.
  http::Response Serve(const http::Request& request) const;

 private:
  struct File {
    std::string content;
    std::string content_type;
    std::string version;
    bool compressible = false;  // a text type; its responses vary by Accept-Encoding
    std::string gzip;           // empty when not compressible or not worth it
    std::string br;             // likewise
  };
  std::map<std::string, File, std::less<>> files_;
};

}  // namespace broadsheet::site
