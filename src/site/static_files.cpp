#include "site/static_files.h"

#include <brotli/encode.h>
#include <zlib.h>

#include <cstdint>
#include <filesystem>
#include <fstream>
#include <functional>
#include <limits>
#include <sstream>
#include <stdexcept>

#include "http/accept_encoding.h"

namespace broadsheet::site {
namespace {

// A compressed copy is kept only if it is at most 90% of the file: a smaller saving is not
// worth the memory of another copy and the client's decoding.
constexpr std::size_t kKeepPercent = 90;

std::string ContentType(const std::filesystem::path& path) {
  const std::string extension = path.extension().string();
  if (extension == ".css") return "text/css; charset=utf-8";
  if (extension == ".js") return "text/javascript; charset=utf-8";
  if (extension == ".svg") return "image/svg+xml";
  if (extension == ".png") return "image/png";
  if (extension == ".ico") return "image/x-icon";
  if (extension == ".woff2") return "font/woff2";
  if (extension == ".txt") return "text/plain; charset=utf-8";
  if (extension == ".json") return "application/json";
  if (extension == ".html") return "text/html; charset=utf-8";
  return "application/octet-stream";
}

// Text types; images and fonts are compressed formats already.
bool IsCompressible(const std::filesystem::path& path) {
  const std::string extension = path.extension().string();
  return extension == ".css" || extension == ".js" || extension == ".svg" || extension == ".json" ||
         extension == ".txt" || extension == ".html";
}

// A failure to compress (zlib or brotli out of memory) leaves the file to be sent plain, so
// both compressors answer "nothing" rather than throw.
std::string Gzip(const std::string& content) {
  if (content.size() > std::numeric_limits<uInt>::max()) return {};
  z_stream stream{};
  // 15 + 16: a 32 KiB window with the gzip wrapper; level 9 and memLevel 9, since it runs once.
  if (deflateInit2(&stream, Z_BEST_COMPRESSION, Z_DEFLATED, 15 + 16, 9, Z_DEFAULT_STRATEGY) !=
      Z_OK) {
    return {};
  }
  std::string out(deflateBound(&stream, content.size()), '\0');
  stream.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(content.data()));
  stream.avail_in = static_cast<uInt>(content.size());
  stream.next_out = reinterpret_cast<Bytef*>(out.data());
  stream.avail_out = static_cast<uInt>(out.size());
  const int rc = deflate(&stream, Z_FINISH);  // deflateBound makes one call enough
  out.resize(stream.total_out);
  deflateEnd(&stream);
  return rc == Z_STREAM_END ? out : std::string();
}

std::string Brotli(const std::string& content) {
  std::size_t size = BrotliEncoderMaxCompressedSize(content.size());
  if (size == 0) return {};
  std::string out(size, '\0');
  if (!BrotliEncoderCompress(BROTLI_MAX_QUALITY, BROTLI_DEFAULT_WINDOW, BROTLI_MODE_TEXT,
                             content.size(), reinterpret_cast<const std::uint8_t*>(content.data()),
                             &size, reinterpret_cast<std::uint8_t*>(out.data()))) {
    return {};
  }
  out.resize(size);
  return out;
}

// `compressed`, or nothing when it does not save enough of `content`.
std::string IfWorthIt(std::string compressed, const std::string& content) {
  if (compressed.empty() || compressed.size() * 100 > content.size() * kKeepPercent) return {};
  return compressed;
}

std::string HexHash(const std::string& content) {
  char text[24];
  std::snprintf(text, sizeof text, "%08zx", std::hash<std::string>{}(content) & 0xffffffffu);
  return text;
}

}  // namespace

StaticFiles::StaticFiles(const std::string& folder) {
  namespace fs = std::filesystem;
  std::error_code error;
  for (auto it = fs::recursive_directory_iterator(folder, error);
       !error && it != fs::recursive_directory_iterator(); it.increment(error)) {
    if (!it->is_regular_file()) continue;
    std::ifstream file(it->path(), std::ios::binary);
    std::stringstream content;
    content << file.rdbuf();
    File entry{content.str(), ContentType(it->path()), ""};
    entry.version = HexHash(entry.content);
    entry.compressible = IsCompressible(it->path());
    if (entry.compressible) {
      entry.gzip = IfWorthIt(Gzip(entry.content), entry.content);
      entry.br = IfWorthIt(Brotli(entry.content), entry.content);
    }
    files_.emplace(fs::relative(it->path(), folder).generic_string(), std::move(entry));
  }
  if (error) throw std::runtime_error("cannot read static files in " + folder + ": " + error.message());
}

std::string StaticFiles::VersionedUrl(const std::string& relative_path) const {
  const auto it = files_.find(relative_path);
  if (it == files_.end()) return "/static/" + relative_path;
  return "/static/" + relative_path + "?v=" + it->second.version;
}

http::Response StaticFiles::Serve(const http::Request& request) const {
  constexpr std::string_view kPrefix = "/static/";
  const std::string_view relative = std::string_view(request.path).substr(kPrefix.size());
  // Only names read at start are served, so no path can reach outside the folder.
  const auto it = files_.find(relative);
  if (it == files_.end()) return http::Response::Text(404, "No such file.\n");
  const File& file = it->second;
  http::Response response;
  response.SetHeader("Content-Type", file.content_type);
  response.SetHeader("Cache-Control", "public, max-age=31536000, immutable");
  response.SetHeader("ETag", "\"" + file.version + "\"");
  // On every answer for a text file, 304 included (RFC 9110 §15.4.5), and on the plain one
  // too, so that no cache hands a compressed copy to a client that did not ask for it.
  if (file.compressible) response.SetHeader("Vary", "Accept-Encoding");
  if (request.Header("If-None-Match") == "\"" + file.version + "\"") {
    response.status = 304;
    return response;
  }
  const http::ContentCoding coding =
      http::ChooseCoding(http::ParseAcceptEncoding(request.HeaderLines("Accept-Encoding")),
                         {.gzip = !file.gzip.empty(), .br = !file.br.empty()});
  response.body = coding == http::ContentCoding::kBrotli ? file.br
                  : coding == http::ContentCoding::kGzip ? file.gzip
                                                         : file.content;
  if (coding != http::ContentCoding::kIdentity) {
    response.SetHeader("Content-Encoding", http::ContentCodingName(coding));
  }
  return response;
}

}  // namespace broadsheet::site
