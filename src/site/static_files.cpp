#include "site/static_files.h"

#include <filesystem>
#include <fstream>
#include <functional>
#include <sstream>
#include <stdexcept>

namespace broadsheet::site {
namespace {

std::string ContentType(const std::filesystem::path& path) {
  const std::string extension = path.extension().string();
  if (extension == ".css") return "text/css; charset=utf-8";
  if (extension == ".js") return "text/javascript; charset=utf-8";
  if (extension == ".svg") return "image/svg+xml";
  if (extension == ".png") return "image/png";
  if (extension == ".ico") return "image/x-icon";
  if (extension == ".woff2") return "font/woff2";
  if (extension == ".txt") return "text/plain; charset=utf-8";
  return "application/octet-stream";
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
  http::Response response;
  response.SetHeader("Content-Type", it->second.content_type);
  response.SetHeader("Cache-Control", "public, max-age=31536000, immutable");
  response.SetHeader("ETag", "\"" + it->second.version + "\"");
  if (request.Header("If-None-Match") == "\"" + it->second.version + "\"") {
    response.status = 304;
    return response;
  }
  response.body = it->second.content;
  return response;
}

}  // namespace broadsheet::site
