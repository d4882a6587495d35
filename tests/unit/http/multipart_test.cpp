#include "http/multipart.h"

#include <gtest/gtest.h>

#include <chrono>
#include <string>

namespace broadsheet::http {
namespace {

constexpr std::string_view kBoundary = "----formBoundary7MA4YWxk";

std::string Delimiter() { return "--" + std::string(kBoundary); }

std::string TextPart(std::string_view name, std::string_view value) {
  return Delimiter() + "\r\nContent-Disposition: form-data; name=\"" + std::string(name) +
         "\"\r\n\r\n" + std::string(value) + "\r\n";
}

std::string Close() { return Delimiter() + "--\r\n"; }

TEST(MultipartBoundary, ReadsTokenAndQuotedBoundaries) {
  EXPECT_EQ(MultipartBoundary("multipart/form-data; boundary=----WebKitFormBoundaryx1"),
            "----WebKitFormBoundaryx1");
  EXPECT_EQ(MultipartBoundary("Multipart/Form-Data;BOUNDARY=\"a b:c\""), "a b:c");
  EXPECT_EQ(MultipartBoundary("multipart/form-data; charset=utf-8; boundary=\"x\\\"y\""),
            std::nullopt);  // '"' is not a boundary character
}

TEST(MultipartBoundary, RefusesOtherTypesAndBadBoundaries) {
  EXPECT_FALSE(MultipartBoundary("multipart/mixed; boundary=abc"));
  EXPECT_FALSE(MultipartBoundary("multipart/form-data"));
  EXPECT_FALSE(MultipartBoundary("multipart/form-data; boundary="));
  EXPECT_FALSE(MultipartBoundary("multipart/form-data; boundary=\"\""));
  EXPECT_FALSE(MultipartBoundary("multipart/form-data; boundary=\"ends in space \""));
  EXPECT_FALSE(MultipartBoundary("multipart/form-data; boundary=" + std::string(71, 'a')));
  EXPECT_TRUE(MultipartBoundary("multipart/form-data; boundary=" + std::string(70, 'a')));
  EXPECT_FALSE(MultipartBoundary("multipart/form-data; boundary=a; boundary=b"));
  EXPECT_FALSE(MultipartBoundary("multipart/form-data; boundary=\"unclosed"));
}

TEST(Multipart, ParsesATextFieldAndAFile) {
  const std::string body =
      TextPart("title", "Harbour reopens") + Delimiter() +
      "\r\ncontent-disposition: form-data; name=\"photo\"; filename=\"quay \\\"north\\\".jpg\""
      "\r\nContent-Type: Image/JPEG; x=1\r\n\r\nJPEGBYTES\r\n" +
      Close();
  const MultipartParse parsed = ParseMultipart(body, kBoundary);
  ASSERT_EQ(parsed.error, "");
  ASSERT_EQ(parsed.form.parts.size(), 2u);
  const MultipartPart* title = parsed.form.Find("title");
  ASSERT_NE(title, nullptr);
  EXPECT_EQ(title->body, "Harbour reopens");
  EXPECT_FALSE(title->filename);
  EXPECT_EQ(title->content_type, "");
  const MultipartPart* photo = parsed.form.Find("photo");
  ASSERT_NE(photo, nullptr);
  EXPECT_EQ(photo->filename, "quay \"north\".jpg");
  EXPECT_EQ(photo->content_type, "image/jpeg");
  EXPECT_EQ(photo->body, "JPEGBYTES");
  EXPECT_EQ(parsed.form.Count("photo"), 1u);
  EXPECT_EQ(parsed.form.Find("missing"), nullptr);
}

TEST(Multipart, ToleratesPreambleEpilogueAndTokenParameters) {
  const std::string body = "a preamble\r\n" + Delimiter() +
                           "  \r\nContent-Disposition: form-data;name=n;filename=a.txt\r\n\r\n"
                           "\r\n" +
                           Close() + "an epilogue";
  const MultipartParse parsed = ParseMultipart(body, kBoundary);
  ASSERT_EQ(parsed.error, "");
  ASSERT_EQ(parsed.form.parts.size(), 1u);
  EXPECT_EQ(parsed.form.parts[0].name, "n");
  EXPECT_EQ(parsed.form.parts[0].filename, "a.txt");
  EXPECT_EQ(parsed.form.parts[0].body, "");
}

TEST(Multipart, QuotedBoundaryFromTheHeaderWorks) {
  const auto boundary = MultipartBoundary("multipart/form-data; boundary=\"it's (a) b=c?\"");
  ASSERT_TRUE(boundary);
  const std::string body = "--" + *boundary +
                           "\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nx\r\n--" +
                           *boundary + "--";
  const MultipartParse parsed = ParseMultipart(body, *boundary);
  ASSERT_EQ(parsed.error, "");
  ASSERT_EQ(parsed.form.parts.size(), 1u);
  EXPECT_EQ(parsed.form.parts[0].body, "x");
}

TEST(Multipart, BinaryBodyKeepsCrLfAndBoundaryLookalikes) {
  std::string file("\x00\xff\r\n\r\n--", 8);
  file += std::string(kBoundary.substr(0, 10)) + "\r";      // "--" and a boundary prefix
  file += "--" + std::string(kBoundary) + "\r\n";           // the boundary without a CRLF before
  file += "\r\n--" + std::string(kBoundary) + "x\r\n\x01";  // followed by neither CRLF nor "--"
  const std::string body = Delimiter() +
                           "\r\nContent-Disposition: form-data; name=\"f\"; filename=\"b.bin\"\r\n"
                           "\r\n" +
                           file + "\r\n" + Close();
  const MultipartParse parsed = ParseMultipart(body, kBoundary);
  ASSERT_EQ(parsed.error, "");
  ASSERT_EQ(parsed.form.parts.size(), 1u);
  EXPECT_EQ(parsed.form.parts[0].body, file);
}

TEST(Multipart, RefusesTenThousandPartsQuickly) {
  std::string body;
  for (int i = 0; i < 10'000; ++i) body += TextPart("p", "v");
  body += Close();
  const auto start = std::chrono::steady_clock::now();
  const MultipartParse parsed = ParseMultipart(body, kBoundary);
  const auto took = std::chrono::steady_clock::now() - start;
  EXPECT_EQ(parsed.error, "the form has too many parts");
  EXPECT_TRUE(parsed.form.parts.empty());
  EXPECT_LT(took, std::chrono::milliseconds(200));
  body = TextPart("a", "1") + TextPart("b", "2") + TextPart("c", "3") + Close();
  EXPECT_EQ(ParseMultipart(body, kBoundary, {.max_parts = 3}).error, "");
  EXPECT_NE(ParseMultipart(body, kBoundary, {.max_parts = 2}).error, "");
}

TEST(Multipart, RefusesAMebibyteHeaderByTheLimit) {
  const std::string body = Delimiter() + "\r\nContent-Disposition: form-data; name=\"a\"\r\nX: " +
                           std::string(1 << 20, 'h') + "\r\n\r\nv\r\n" + Close();
  const auto start = std::chrono::steady_clock::now();
  EXPECT_EQ(ParseMultipart(body, kBoundary).error, "a part's headers are too long");
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::milliseconds(200));
  // Many short lines add up too.
  std::string lines;
  for (int i = 0; i < 1000; ++i) lines += "X-Line: 0123456789\r\n";
  EXPECT_EQ(ParseMultipart(Delimiter() + "\r\n" + lines + "\r\nv\r\n" + Close(), kBoundary).error,
            "a part's headers are too long");
}

TEST(Multipart, RefusesMissingDelimiters) {
  EXPECT_EQ(ParseMultipart("no boundary here", kBoundary).error,
            "the body does not start with the boundary");
  EXPECT_EQ(ParseMultipart(TextPart("a", "1"), kBoundary).error, "the body has no close delimiter");
  // A CRLF-less ending is not a delimiter.
  EXPECT_EQ(ParseMultipart(TextPart("a", "1") + Delimiter(), kBoundary).error,
            "the body has no close delimiter");
  EXPECT_EQ(
      ParseMultipart(Delimiter() + "\r\nContent-Disposition: form-data; name=a", kBoundary).error,
      "a part's headers never end");
}

TEST(Multipart, RefusesBadDispositions) {
  auto error_for = [](std::string_view header) {
    return ParseMultipart(Delimiter() + "\r\n" + std::string(header) + "\r\n\r\nv\r\n" + Close(),
                          kBoundary)
        .error;
  };
  EXPECT_EQ(error_for("Content-Type: text/plain"), "a part has no Content-Disposition");
  EXPECT_EQ(error_for("Content-Disposition: attachment; name=\"a\""),
            "a part's Content-Disposition is not form-data");
  EXPECT_EQ(error_for("Content-Disposition: form-data"), "a part has no field name");
  EXPECT_EQ(error_for("Content-Disposition: form-data; name=\"\""), "a part has no field name");
  EXPECT_EQ(error_for("Content-Disposition: form-data; name=\"a"),
            "a part's Content-Disposition is malformed");
  EXPECT_EQ(error_for("Content-Disposition: form-data; name=a; name=b"),
            "a part's Content-Disposition repeats a parameter");
  EXPECT_EQ(error_for("Content-Disposition form-data; name=a"), "a part header line has no ':'");
  EXPECT_EQ(error_for("Content-Disposition: form-data; name=a\r\n folded: x"),
            "a part header has an invalid name");
  EXPECT_EQ(error_for("Content-Disposition: form-data; name=\"a\x01\""),
            "a part header holds a control character");
  EXPECT_EQ(error_for("Content-Disposition: form-data; name=a; filename*=UTF-8''x"), "");
}

TEST(Multipart, RefusesLongNamesAndFileNames) {
  auto error_for = [](std::string_view parameters) {
    return ParseMultipart(Delimiter() + "\r\nContent-Disposition: form-data; " +
                              std::string(parameters) + "\r\n\r\nv\r\n" + Close(),
                          kBoundary)
        .error;
  };
  EXPECT_EQ(error_for("name=" + std::string(100, 'n')), "");
  EXPECT_EQ(error_for("name=" + std::string(101, 'n')), "a part's field name is too long");
  EXPECT_EQ(error_for("name=a; filename=" + std::string(255, 'f')), "");
  EXPECT_EQ(error_for("name=a; filename=" + std::string(256, 'f')),
            "a part's file name is too long");
}

}  // namespace
}  // namespace broadsheet::http
