// Static files in the coding the client asks for: what is served is decompressed with zlib and
// brotli's own decoders and compared with the file on disk.
#include "site/static_files.h"

#include <brotli/decode.h>
#include <gtest/gtest.h>
#include <zlib.h>

#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <optional>
#include <random>
#include <string>
#include <string_view>
#include <vector>

#include "support/gunzip.h"

namespace broadsheet::site {
namespace {

namespace fs = std::filesystem;

using testing::Gunzip;

std::optional<std::string> Unbrotli(const std::string& body) {
  std::string out(1 << 20, '\0');
  std::size_t size = out.size();
  if (BrotliDecoderDecompress(body.size(), reinterpret_cast<const std::uint8_t*>(body.data()),
                              &size, reinterpret_cast<std::uint8_t*>(out.data())) !=
      BROTLI_DECODER_RESULT_SUCCESS) {
    return std::nullopt;
  }
  out.resize(size);
  return out;
}

class StaticFilesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string pattern = (fs::temp_directory_path() / "bs-static-XXXXXX").string();
    ASSERT_NE(::mkdtemp(pattern.data()), nullptr);
    dir_ = pattern;
    for (int i = 0; i < 200; ++i) {
      css_ += ".card-" + std::to_string(i) + " { margin: 0 auto; padding: 1rem; color: #333; }\n";
    }
    std::mt19937 random(7);
    for (int i = 0; i < 4000; ++i) noise_.push_back(static_cast<char>(random()));
    Write("css/site.css", css_);
    Write("js/app.js", "function go() { return 1; }\n" + css_);
    Write("tiny.txt", "ok\n");    // too small for compression to save anything
    Write("noise.json", noise_);  // a text type that does not compress
    Write("logo.png", css_);      // compressible bytes, but not a text type
    Write("font.woff2", css_);
    files_.emplace(dir_.string());
  }
  void TearDown() override { fs::remove_all(dir_); }

  void Write(const std::string& relative, const std::string& content) {
    fs::create_directories((dir_ / relative).parent_path());
    std::ofstream(dir_ / relative, std::ios::binary) << content;
  }

  http::Response Get(std::string path, std::vector<std::string_view> accept_encoding = {}) {
    path_ = std::move(path);
    http::Request request;
    request.method = http::Method::kGet;
    request.path = path_;
    for (std::string_view line : accept_encoding)
      request.headers.emplace_back("Accept-Encoding", line);
    return files_->Serve(request);
  }

  fs::path dir_;
  std::string css_;
  std::string noise_;
  std::string path_;
  std::optional<StaticFiles> files_;
};

TEST_F(StaticFilesTest, BrotliWhenTheClientTakesIt) {
  const http::Response response = Get("/static/css/site.css", {"gzip, deflate, br"});
  EXPECT_EQ(response.status, 200);
  EXPECT_EQ(response.Header("Content-Encoding"), "br");
  EXPECT_EQ(response.Header("Vary"), "Accept-Encoding");
  EXPECT_EQ(response.Header("Content-Type"), "text/css; charset=utf-8");
  EXPECT_LT(response.body.size(), css_.size() / 4);
  EXPECT_EQ(Unbrotli(response.body), css_);
}

TEST_F(StaticFilesTest, GzipWhenBrotliIsNotTakenOrRefused) {
  for (std::string_view header : {"gzip", "GZip, deflate", "br;q=0, gzip", "*, br;q=0"}) {
    const http::Response response = Get("/static/js/app.js", {header});
    EXPECT_EQ(response.Header("Content-Encoding"), "gzip") << header;
    EXPECT_EQ(response.Header("Vary"), "Accept-Encoding") << header;
    EXPECT_EQ(Gunzip(response.body), "function go() { return 1; }\n" + css_) << header;
  }
}

TEST_F(StaticFilesTest, PlainWithoutAcceptEncodingOrWhenEveryCodingIsRefused) {
  for (const auto& lines : std::vector<std::vector<std::string_view>>{
           {}, {""}, {"identity"}, {"deflate"}, {"gzip;q=0, br;q=0"}, {"*;q=0"}}) {
    const http::Response response = Get("/static/css/site.css", lines);
    EXPECT_EQ(response.Header("Content-Encoding"), "");
    EXPECT_EQ(response.Header("Vary"), "Accept-Encoding");  // a cache must not reuse it for br
    EXPECT_EQ(response.body, css_);
  }
}

TEST_F(StaticFilesTest, EveryLineOfTheHeaderCounts) {
  const http::Response response = Get("/static/css/site.css", {"identity", "br"});
  EXPECT_EQ(response.Header("Content-Encoding"), "br");
}

TEST_F(StaticFilesTest, ValidatorsAndCachingAreTheSameInEveryCoding) {
  const http::Response plain = Get("/static/css/site.css");
  const http::Response br = Get("/static/css/site.css", {"br"});
  EXPECT_FALSE(plain.Header("ETag").empty());
  EXPECT_EQ(br.Header("ETag"), plain.Header("ETag"));
  EXPECT_EQ(br.Header("Cache-Control"), "public, max-age=31536000, immutable");
  EXPECT_EQ(br.Header("Cache-Control"), plain.Header("Cache-Control"));

  http::Request conditional;
  conditional.method = http::Method::kGet;
  conditional.path = "/static/css/site.css";
  const std::string etag(plain.Header("ETag"));
  conditional.headers = {{"If-None-Match", etag}, {"Accept-Encoding", "br"}};
  const http::Response not_modified = files_->Serve(conditional);
  EXPECT_EQ(not_modified.status, 304);
  EXPECT_EQ(not_modified.Header("Vary"), "Accept-Encoding");
  EXPECT_EQ(not_modified.Header("ETag"), etag);
  EXPECT_TRUE(not_modified.body.empty());
}

TEST_F(StaticFilesTest, TextThatDoesNotShrinkIsSentPlainButStillVaries) {
  for (const char* path : {"/static/tiny.txt", "/static/noise.json"}) {
    const http::Response response = Get(path, {"gzip, br"});
    EXPECT_EQ(response.Header("Content-Encoding"), "") << path;
    EXPECT_EQ(response.Header("Vary"), "Accept-Encoding") << path;
  }
  EXPECT_EQ(Get("/static/tiny.txt", {"br"}).body, "ok\n");
  EXPECT_EQ(Get("/static/noise.json", {"br"}).body, noise_);
  EXPECT_EQ(Get("/static/noise.json").Header("Content-Type"), "application/json");
}

TEST_F(StaticFilesTest, ImagesAndFontsAreNeverCompressed) {
  for (const char* path : {"/static/logo.png", "/static/font.woff2"}) {
    const http::Response response = Get(path, {"gzip, br"});
    EXPECT_EQ(response.status, 200) << path;
    EXPECT_EQ(response.Header("Content-Encoding"), "") << path;
    EXPECT_EQ(response.Header("Vary"), "") << path;
    EXPECT_EQ(response.body, css_) << path;
  }
}

TEST_F(StaticFilesTest, UnknownFileIsNotFound) {
  EXPECT_EQ(Get("/static/missing.css", {"br"}).status, 404);
}

}  // namespace
}  // namespace broadsheet::site
