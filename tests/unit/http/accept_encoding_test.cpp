#include "http/accept_encoding.h"

#include <gtest/gtest.h>

namespace broadsheet::http {
namespace {

constexpr AvailableCodings kBoth = {.gzip = true, .br = true};

ContentCoding Choose(std::string_view header, AvailableCodings available = kBoth) {
  return ChooseCoding(ParseAcceptEncoding(header), available);
}

TEST(AcceptEncoding, NoHeaderOrAnEmptyOneMeansIdentity) {
  const AcceptedCodings none = ParseAcceptEncoding("");
  EXPECT_GT(none.identity, 0);
  EXPECT_EQ(none.gzip, 0);
  EXPECT_EQ(none.br, 0);
  EXPECT_EQ(Choose(""), ContentCoding::kIdentity);
  EXPECT_EQ(Choose("  ,  "), ContentCoding::kIdentity);
}

TEST(AcceptEncoding, BrotliBeforeGzipWhenBothAreEquallyWelcome) {
  EXPECT_EQ(Choose("gzip, deflate, br, zstd"), ContentCoding::kBrotli);
  EXPECT_EQ(Choose("gzip, deflate, br", {.gzip = true}), ContentCoding::kGzip);
  EXPECT_EQ(Choose("gzip, deflate, br", {}), ContentCoding::kIdentity);
  EXPECT_EQ(Choose("gzip"), ContentCoding::kGzip);
  EXPECT_EQ(Choose("deflate"), ContentCoding::kIdentity);
}

TEST(AcceptEncoding, TokensAreCaseInsensitiveAndWhitespaceIsOptional) {
  EXPECT_EQ(Choose("GZIP"), ContentCoding::kGzip);
  EXPECT_EQ(Choose("x-gzip"), ContentCoding::kGzip);
  EXPECT_EQ(Choose(" Br ;\tQ = 1 "), ContentCoding::kBrotli);
  EXPECT_EQ(Choose("gzip;q=0.5,br;q=0.4"), ContentCoding::kGzip);
  // A coding name only matches whole: "gzipped" and "brotli" are other codings.
  EXPECT_EQ(Choose("gzipped, brotli"), ContentCoding::kIdentity);
}

TEST(AcceptEncoding, QZeroRefuses) {
  EXPECT_EQ(Choose("br;q=0, gzip"), ContentCoding::kGzip);
  EXPECT_EQ(Choose("br;q=0.000, gzip;q=0"), ContentCoding::kIdentity);
  EXPECT_EQ(ParseAcceptEncoding("identity;q=0").identity, 0);
  EXPECT_EQ(ParseAcceptEncoding("*;q=0").identity, 0);
  EXPECT_EQ(ParseAcceptEncoding("*;q=0, identity").identity, 1000);
  // Nothing acceptable: identity anyway, rather than no answer.
  EXPECT_EQ(Choose("identity;q=0", {}), ContentCoding::kIdentity);
  EXPECT_EQ(Choose("identity;q=0, gzip", {.br = true}), ContentCoding::kIdentity);
}

TEST(AcceptEncoding, WeightsPickTheClientsFavourite) {
  EXPECT_EQ(Choose("br;q=0.5, gzip;q=0.9"), ContentCoding::kGzip);
  EXPECT_EQ(Choose("identity;q=1, gzip;q=0.5"), ContentCoding::kIdentity);
  EXPECT_EQ(Choose("gzip;q=0.001"),
            ContentCoding::kGzip);  // any named coding beats unnamed identity
  const AcceptedCodings accepted = ParseAcceptEncoding("br;q=0.25, gzip;q=1.0");
  EXPECT_EQ(accepted.br, 250);
  EXPECT_EQ(accepted.gzip, 1000);
}

TEST(AcceptEncoding, StarCoversCodingsNotNamed) {
  EXPECT_EQ(Choose("*"), ContentCoding::kBrotli);
  EXPECT_EQ(Choose("*, br;q=0"), ContentCoding::kGzip);
  EXPECT_EQ(Choose("br;q=0, *;q=0.5"), ContentCoding::kGzip);
  EXPECT_EQ(Choose("*;q=0"), ContentCoding::kIdentity);
  EXPECT_EQ(Choose("*;q=0, gzip"), ContentCoding::kGzip);
}

TEST(AcceptEncoding, MalformedEntriesAreSkipped) {
  for (const char* header : {"gzip;q=2", "gzip;q=1.5", "gzip;q=0.1234", "gzip;q=", "gzip;q",
                             "gzip;q=abc", "gzip;q=.5", "g zip", "\"gzip\"", "gzip;q=-1"}) {
    EXPECT_EQ(ParseAcceptEncoding(header).gzip, 0) << header;
  }
  EXPECT_EQ(Choose("gzip;q=2, br"), ContentCoding::kBrotli);
  // Unknown parameters are ignored, and the first entry for a coding counts.
  EXPECT_EQ(ParseAcceptEncoding("gzip;level=9").gzip, 1000);
  EXPECT_EQ(ParseAcceptEncoding("gzip;q=0, gzip").gzip, 0);
}

TEST(AcceptEncoding, Names) {
  EXPECT_EQ(ContentCodingName(ContentCoding::kIdentity), "identity");
  EXPECT_EQ(ContentCodingName(ContentCoding::kGzip), "gzip");
  EXPECT_EQ(ContentCodingName(ContentCoding::kBrotli), "br");
}

}  // namespace
}  // namespace broadsheet::http
