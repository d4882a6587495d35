#include <gd.h>
#include <gtest/gtest.h>

#include <cmath>
#include <cstdint>
#include <memory>
#include <stdexcept>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include "render/captcha_audio.h"
#include "render/captcha_image.h"

namespace broadsheet::render {
namespace {

// A 5- and a 6-character answer, the two lengths the comment form uses.
constexpr std::string_view kFive = "K7MR3";
constexpr std::string_view kSix = "WX2HJN";

struct ImageDeleter {
  void operator()(gdImagePtr image) const { gdImageDestroy(image); }
};

std::unique_ptr<gdImage, ImageDeleter> DecodePng(const std::string& png) {
  return std::unique_ptr<gdImage, ImageDeleter>(
      gdImageCreateFromPngPtr(static_cast<int>(png.size()), const_cast<char*>(png.data())));
}

// Share of pixels whose luminance (Rec. 601 weights) is below the midpoint.
double DarkShare(gdImagePtr image) {
  int dark = 0;
  for (int y = 0; y < gdImageSY(image); ++y) {
    for (int x = 0; x < gdImageSX(image); ++x) {
      const int pixel = gdImageGetTrueColorPixel(image, x, y);
      const double luminance = 0.299 * gdTrueColorGetRed(pixel) +
                               0.587 * gdTrueColorGetGreen(pixel) +
                               0.114 * gdTrueColorGetBlue(pixel);
      if (luminance < 128) ++dark;
    }
  }
  return static_cast<double>(dark) / (gdImageSX(image) * gdImageSY(image));
}

TEST(CaptchaImage, AlphabetLeavesOutLookAlikes) {
  for (char c : std::string_view("0O1ILQEF")) {
    EXPECT_EQ(kCaptchaAlphabet.find(c), std::string_view::npos) << c;
  }
  EXPECT_EQ(kCaptchaAlphabet.size(), 28u);
}

TEST(CaptchaImage, IsAValidPngWithABoundedShareOfDarkPixels) {
  for (std::string_view answer :
       {kFive, kSix, std::string_view("MWAV48"), std::string_view("TCU5Y")}) {
    for (std::uint64_t seed : {1u, 42u, 977u}) {
      const std::string png = CaptchaPng(answer, seed);
      ASSERT_GE(png.size(), 8u);
      EXPECT_EQ(png.substr(0, 8), std::string("\x89PNG\r\n\x1a\n", 8));
      const auto image = DecodePng(png);
      ASSERT_NE(image, nullptr) << answer << " seed " << seed;
      EXPECT_EQ(gdImageSX(image.get()), kCaptchaWidth);
      EXPECT_EQ(gdImageSY(image.get()), kCaptchaHeight);
      const double dark = DarkShare(image.get());
      EXPECT_GE(dark, 0.03) << answer << " seed " << seed;
      EXPECT_LE(dark, 0.40) << answer << " seed " << seed;
    }
  }
}

TEST(CaptchaImage, SameAnswerAndSeedGiveIdenticalBytes) {
  EXPECT_EQ(CaptchaPng(kFive, 7), CaptchaPng(kFive, 7));
  EXPECT_EQ(CaptchaPng(kSix, 123456789), CaptchaPng(kSix, 123456789));
}

TEST(CaptchaImage, DifferentAnswersOrSeedsGiveDifferentBytes) {
  EXPECT_NE(CaptchaPng(kFive, 7), CaptchaPng("K7MR4", 7));
  EXPECT_NE(CaptchaPng(kFive, 7), CaptchaPng(kFive, 8));
}

TEST(CaptchaImage, ThreadsDrawTheSameBytesAsOneThread) {
  const std::string expected = CaptchaPng(kSix, 99);
  std::vector<std::string> drawn(4);
  std::vector<std::thread> threads;
  for (std::string& out : drawn) {
    threads.emplace_back([&out] { out = CaptchaPng(kSix, 99); });
  }
  for (std::thread& thread : threads) thread.join();
  for (const std::string& png : drawn) EXPECT_EQ(png, expected);
}

TEST(CaptchaImage, RejectsCharactersOutsideTheAlphabet) {
  EXPECT_THROW(CaptchaPng("K7MR0", 1), std::invalid_argument);
  EXPECT_THROW(CaptchaPng("k7mr3", 1), std::invalid_argument);
}

// The fields of a canonical 44-byte WAV header, read little-endian.
struct WavHeader {
  std::string riff, wave, fmt, data;
  std::uint32_t riff_size = 0, fmt_size = 0, sample_rate = 0, byte_rate = 0, data_size = 0;
  std::uint16_t format = 0, channels = 0, block_align = 0, bits = 0;
};

std::uint32_t ReadLe(const std::string& bytes, std::size_t at, int width) {
  std::uint32_t value = 0;
  for (int i = width - 1; i >= 0; --i) {
    value = (value << 8) | static_cast<unsigned char>(bytes[at + static_cast<std::size_t>(i)]);
  }
  return value;
}

WavHeader ReadHeader(const std::string& wav) {
  WavHeader h;
  h.riff = wav.substr(0, 4);
  h.riff_size = ReadLe(wav, 4, 4);
  h.wave = wav.substr(8, 4);
  h.fmt = wav.substr(12, 4);
  h.fmt_size = ReadLe(wav, 16, 4);
  h.format = static_cast<std::uint16_t>(ReadLe(wav, 20, 2));
  h.channels = static_cast<std::uint16_t>(ReadLe(wav, 22, 2));
  h.sample_rate = ReadLe(wav, 24, 4);
  h.byte_rate = ReadLe(wav, 28, 4);
  h.block_align = static_cast<std::uint16_t>(ReadLe(wav, 32, 2));
  h.bits = static_cast<std::uint16_t>(ReadLe(wav, 34, 2));
  h.data = wav.substr(36, 4);
  h.data_size = ReadLe(wav, 40, 4);
  return h;
}

double Rms(const std::string& wav) {
  const std::size_t count = (wav.size() - 44) / 2;
  double sum = 0;
  for (std::size_t i = 0; i < count; ++i) {
    const auto sample = static_cast<std::int16_t>(ReadLe(wav, 44 + 2 * i, 2));
    sum += static_cast<double>(sample) * sample;
  }
  return count == 0 ? 0 : std::sqrt(sum / static_cast<double>(count));
}

TEST(CaptchaAudio, IsAMonoSixteenBitPcmWaveWithConsistentSizes) {
  for (std::string_view answer : {kFive, kSix}) {
    const std::string wav = CaptchaWav(answer);
    ASSERT_GT(wav.size(), 44u);
    const WavHeader h = ReadHeader(wav);
    EXPECT_EQ(h.riff, "RIFF");
    EXPECT_EQ(h.riff_size, wav.size() - 8);
    EXPECT_EQ(h.wave, "WAVE");
    EXPECT_EQ(h.fmt, "fmt ");
    EXPECT_EQ(h.fmt_size, 16u);
    EXPECT_EQ(h.format, 1u);  // PCM
    EXPECT_EQ(h.channels, 1u);
    EXPECT_EQ(h.bits, 16u);
    EXPECT_EQ(h.block_align, 2u);
    EXPECT_GT(h.sample_rate, 0u);
    EXPECT_EQ(h.byte_rate, h.sample_rate * 2);
    EXPECT_EQ(h.data, "data");
    EXPECT_EQ(h.data_size, wav.size() - 44);
  }
}

TEST(CaptchaAudio, IsAudibleAndGivesEachCharacterBetweenPointThreeAndOnePointFiveSeconds) {
  for (std::string_view answer : {kFive, kSix}) {
    const std::string wav = CaptchaWav(answer);
    ASSERT_GT(wav.size(), 44u);
    const WavHeader h = ReadHeader(wav);
    ASSERT_GT(h.sample_rate, 0u);
    EXPECT_GT(Rms(wav), 300.0) << answer;
    const double seconds = static_cast<double>(h.data_size) / 2 / h.sample_rate;
    const double per_character = seconds / static_cast<double>(answer.size());
    EXPECT_GE(per_character, 0.3) << answer;
    EXPECT_LE(per_character, 1.5) << answer;
  }
}

TEST(CaptchaAudio, RejectsCharactersOutsideTheAlphabet) {
  EXPECT_THROW(CaptchaWav("K7MR0"), std::invalid_argument);
}

}  // namespace
}  // namespace broadsheet::render
