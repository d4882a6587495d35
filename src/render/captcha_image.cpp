#include "render/captcha_image.h"

#include <gd.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdint>
#include <memory>
#include <mutex>
#include <numbers>
#include <stdexcept>
#include <string>
#include <vector>

namespace broadsheet::render {
namespace {

constexpr int kWidth = kCaptchaWidth;
constexpr int kHeight = kCaptchaHeight;
// Keeps rotated glyphs and the wave from pushing ink off the edge.
constexpr int kMargin = 6;
// Absolute path: libgd's font search would otherwise depend on GDFONTPATH and the cwd.
constexpr const char* kFontPath = "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf";
// zlib level 1: encoding is most of the cost of an image. Level 3 saved 7% of the bytes
// (13.1 vs 14.0 KB) for about 10% more time; level 9 is 5x slower.
constexpr int kPngLevel = 1;

// splitmix64: tiny, fast and fully determined by the seed, which is all a drawing needs.
// The answer's secrecy comes from whoever picks the answer, not from this generator.
// Draws are taken one per statement: the order of function arguments is unspecified, and
// the same seed must give the same picture whichever compiler built us.
class Rng {
 public:
  explicit Rng(std::uint64_t seed) : state_(seed) {}

  std::uint64_t Next() {
    std::uint64_t z = (state_ += 0x9E3779B97F4A7C15ULL);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
  }
  // Uniform integer in [lo, hi]; the modulo bias is irrelevant for pixel jitter.
  int Int(int lo, int hi) {
    return lo + static_cast<int>(Next() % static_cast<std::uint64_t>(hi - lo + 1));
  }
  // Uniform real in [lo, hi).
  double Real(double lo, double hi) {
    return lo + (hi - lo) * static_cast<double>(Next() >> 11) * 0x1.0p-53;
  }

 private:
  std::uint64_t state_;
};

struct ImageDeleter {
  void operator()(gdImagePtr image) const { gdImageDestroy(image); }
};
using Image = std::unique_ptr<gdImage, ImageDeleter>;

struct GdFree {
  void operator()(void* bytes) const { gdFree(bytes); }
};

Image NewImage() {
  Image image(gdImageCreateTrueColor(kWidth, kHeight));
  if (!image) throw std::runtime_error("captcha: gdImageCreateTrueColor failed");
  return image;
}

struct Rgb {
  int r, g, b;
};

int Pack(Rgb c) { return gdTrueColor(c.r, c.g, c.b); }

// Moves `c` towards `to` by `t` in [0, 1].
Rgb Mix(Rgb c, Rgb to, double t) {
  auto lerp = [t](int a, int b) { return static_cast<int>(std::lround(a + (b - a) * t)); };
  return {lerp(c.r, to.r), lerp(c.g, to.g), lerp(c.b, to.b)};
}

// Dark ink with one channel lifted, so characters differ in hue but all stay far darker than
// the background (luminance about 20-80 of 255).
Rgb InkColour(Rng& rng) {
  Rgb c{rng.Int(10, 50), rng.Int(10, 50), rng.Int(10, 50)};
  switch (rng.Int(0, 3)) {
    case 0:
      c.r += rng.Int(40, 90);
      break;
    case 1:
      c.g += rng.Int(20, 50);
      break;
    case 2:
      c.b += rng.Int(50, 110);
      break;
    default:
      break;  // near black
  }
  return c;
}

// A light wash that runs from one tint to another across the width.
void PaintBackground(gdImagePtr image, Rng& rng, Rgb left, Rgb right) {
  for (int x = 0; x < kWidth; ++x) {
    const int colour = Pack(Mix(left, right, static_cast<double>(x) / (kWidth - 1)));
    for (int y = 0; y < kHeight; ++y) gdImageTrueColorPixel(image, x, y) = colour;
  }
  // Mid-tone speckle behind the text: it survives the wave and breaks flat-background
  // thresholding without ever reaching glyph darkness.
  for (int i = 0; i < 220; ++i) {
    const int grey = rng.Int(150, 205);
    const Rgb c{grey + rng.Int(-20, 20), grey + rng.Int(-20, 20), grey + rng.Int(-20, 20)};
    const int x = rng.Int(0, kWidth - 1);
    const int y = rng.Int(0, kHeight - 1);
    gdImageSetPixel(image, x, y, Pack(c));
  }
}

// Glyphs are rasterised by FreeType once, at kReferenceSize, and every image then scales and
// rotates these coverage maps itself. FreeType's hinter made each gdImageStringFT call cost
// about 0.25 ms (0.4 ms with the measuring call), so six glyphs alone blew the 2 ms budget;
// a bilinear blit of a cached map costs a few microseconds.
constexpr double kReferenceSize = 32.0;  // points; at least the largest size drawn
constexpr int kGlyphPad = 2;             // blank border so bilinear edges fade to zero

struct GlyphMask {
  int width = 0;
  int height = 0;
  std::vector<std::uint8_t> coverage;  // row-major, 0 = background, 255 = full ink
};

GlyphMask RasteriseGlyph(char c) {
  const char text[2] = {c, '\0'};
  const int black = gdTrueColor(0, 0, 0);
  int box[8];
  // A null image makes libgd only measure; it returns an error string, never throws.
  if (const char* error =
          gdImageStringFT(nullptr, box, black, kFontPath, kReferenceSize, 0.0, 0, 0, text)) {
    throw std::runtime_error(std::string("captcha font ") + kFontPath + ": " + error);
  }
  GlyphMask mask;
  mask.width = box[2] - box[0] + 1 + 2 * kGlyphPad;
  mask.height = box[1] - box[5] + 1 + 2 * kGlyphPad;
  Image canvas(gdImageCreateTrueColor(mask.width, mask.height));
  if (!canvas) throw std::runtime_error("captcha: gdImageCreateTrueColor failed");
  gdImageFilledRectangle(canvas.get(), 0, 0, mask.width - 1, mask.height - 1,
                         gdTrueColor(255, 255, 255));
  if (const char* error = gdImageStringFT(canvas.get(), box, black, kFontPath, kReferenceSize, 0.0,
                                          kGlyphPad - box[0], kGlyphPad - box[5], text)) {
    throw std::runtime_error(std::string("captcha font ") + kFontPath + ": " + error);
  }
  mask.coverage.resize(static_cast<std::size_t>(mask.width) * mask.height);
  for (int y = 0; y < mask.height; ++y) {
    for (int x = 0; x < mask.width; ++x) {
      // Black antialiased on white: how far red fell from 255 is the ink coverage.
      const int red = gdTrueColorGetRed(gdImageTrueColorPixel(canvas.get(), x, y));
      mask.coverage[static_cast<std::size_t>(y) * mask.width + x] =
          static_cast<std::uint8_t>(255 - red);
    }
  }
  return mask;
}

using GlyphSet = std::array<GlyphMask, kCaptchaAlphabet.size()>;

// Built on first use and immutable afterwards, so threads share it without locking. The
// once-flag also covers gdFontCacheSetup, which libgd needs before threads use FreeType.
const GlyphSet& Glyphs() {
  static std::once_flag once;
  static GlyphSet glyphs;
  // If the font is missing the exception leaves the flag unset and the next call retries.
  std::call_once(once, [] {
    if (gdFontCacheSetup() != 0) throw std::runtime_error("captcha: gdFontCacheSetup failed");
    for (std::size_t i = 0; i < kCaptchaAlphabet.size(); ++i) {
      glyphs[i] = RasteriseGlyph(kCaptchaAlphabet[i]);
    }
  });
  return glyphs;
}

const GlyphMask& GlyphFor(const GlyphSet& glyphs, char c) {
  const std::size_t index = kCaptchaAlphabet.find(c);
  if (index == std::string_view::npos) {
    throw std::invalid_argument(std::string("captcha: character not in alphabet: ") + c);
  }
  return glyphs[index];
}

// Coverage at a fractional position in the mask, 0 outside it.
int CoverageAt(const GlyphMask& mask, double x, double y) {
  if (x < 0 || y < 0 || x >= mask.width - 1 || y >= mask.height - 1) return 0;
  const int x0 = static_cast<int>(x);
  const int y0 = static_cast<int>(y);
  const int fx = static_cast<int>((x - x0) * 256);
  const int fy = static_cast<int>((y - y0) * 256);
  const std::uint8_t* row = &mask.coverage[static_cast<std::size_t>(y0) * mask.width + x0];
  const int top = row[0] * (256 - fx) + row[1] * fx;
  const int bottom = row[mask.width] * (256 - fx) + row[mask.width + 1] * fx;
  return (top * (256 - fy) + bottom * fy) >> 16;
}

// Moves a glyph's centre so that `reach` either side stays within the margins; a glyph too big
// for that is centred instead.
double KeepInside(double centre, double reach, int extent) {
  const double low = kMargin + reach;
  const double high = extent - kMargin - reach;
  return low <= high ? std::clamp(centre, low, high) : extent / 2.0;
}

// Blends `mask`, scaled by `scale` and turned by `angle` (radians, counter-clockwise), in `ink`
// onto `image` with the mask's centre at (centre_x, centre_y), kept inside the margins.
void DrawGlyph(gdImagePtr image, const GlyphMask& mask, double scale, double angle, Rgb ink,
               double centre_x, double centre_y) {
  const double cos_a = std::cos(angle);
  const double sin_a = std::sin(angle);
  const double half_w = mask.width / 2.0;
  const double half_h = mask.height / 2.0;
  const double reach_x = scale * (half_w * std::abs(cos_a) + half_h * std::abs(sin_a));
  const double reach_y = scale * (half_w * std::abs(sin_a) + half_h * std::abs(cos_a));
  centre_x = KeepInside(centre_x, reach_x, kWidth);
  centre_y = KeepInside(centre_y, reach_y, kHeight);
  const int x_begin = std::max(0, static_cast<int>(centre_x - reach_x));
  const int x_end = std::min(kWidth - 1, static_cast<int>(centre_x + reach_x) + 1);
  const int y_begin = std::max(0, static_cast<int>(centre_y - reach_y));
  const int y_end = std::min(kHeight - 1, static_cast<int>(centre_y + reach_y) + 1);
  for (int y = y_begin; y <= y_end; ++y) {
    for (int x = x_begin; x <= x_end; ++x) {
      // Map the image pixel back into the mask: the inverse of rotate-then-scale.
      const double u = x - centre_x;
      const double v = y - centre_y;
      const double mx = half_w + (u * cos_a - v * sin_a) / scale;
      const double my = half_h + (u * sin_a + v * cos_a) / scale;
      const int alpha = CoverageAt(mask, mx, my);
      if (alpha == 0) continue;
      int& pixel = gdImageTrueColorPixel(image, x, y);
      const Rgb under{gdTrueColorGetRed(pixel), gdTrueColorGetGreen(pixel),
                      gdTrueColorGetBlue(pixel)};
      pixel = Pack(Mix(under, ink, alpha / 255.0));
    }
  }
}

// Each character gets an equal slot; it is centred in it with jitter, at its own size and
// angle. Sizes shrink with the answer's length so six characters fit as well as five.
void DrawAnswer(gdImagePtr image, Rng& rng, const GlyphSet& glyphs, std::string_view answer) {
  if (answer.empty()) return;
  const double slot = static_cast<double>(kWidth - 2 * kMargin) / answer.size();
  const double top_size = std::clamp(slot * 0.86, 12.0, 30.0);
  for (std::size_t i = 0; i < answer.size(); ++i) {
    const GlyphMask& mask = GlyphFor(glyphs, answer[i]);
    // A narrow size range: a glyph much smaller than its neighbours reads as lower case (9 as g).
    const double size = rng.Real(top_size - 2.5, top_size);
    const double angle = rng.Real(-0.38, 0.38);  // about +-22 degrees
    const Rgb ink = InkColour(rng);
    const double centre_x = kMargin + slot * (static_cast<double>(i) + 0.5) + rng.Real(-3, 3);
    const double centre_y = kHeight / 2.0 + rng.Real(-3, 3);
    DrawGlyph(image, mask, size / kReferenceSize, angle, ink, centre_x, centre_y);
  }
}

// Bilinear blend of the four pixels around (x, y); the caller keeps (x, y) inside the image.
int Sample(gdImagePtr image, double x, double y) {
  const int x0 = static_cast<int>(x);
  const int y0 = static_cast<int>(y);
  const int x1 = std::min(x0 + 1, kWidth - 1);
  const int y1 = std::min(y0 + 1, kHeight - 1);
  const int fx = static_cast<int>((x - x0) * 256);
  const int fy = static_cast<int>((y - y0) * 256);
  const int p00 = gdImageTrueColorPixel(image, x0, y0);
  const int p10 = gdImageTrueColorPixel(image, x1, y0);
  const int p01 = gdImageTrueColorPixel(image, x0, y1);
  const int p11 = gdImageTrueColorPixel(image, x1, y1);
  int out = 0;
  for (int shift = 0; shift <= 16; shift += 8) {
    const int top = ((p00 >> shift) & 0xFF) * (256 - fx) + ((p10 >> shift) & 0xFF) * fx;
    const int bottom = ((p01 >> shift) & 0xFF) * (256 - fx) + ((p11 >> shift) & 0xFF) * fx;
    out |= (((top * (256 - fy) + bottom * fy) >> 16) & 0xFF) << shift;
  }
  return out;
}

// Shifts rows sideways and columns up and down along two sine waves, so the glyphs bend and
// no straight baseline is left for a segmenter to find.
Image Warp(gdImagePtr source, Rng& rng) {
  Image target = NewImage();
  const double amp_x = rng.Real(1.5, 3.0);
  const double amp_y = rng.Real(1.5, 3.0);
  const double freq_x = 2 * std::numbers::pi / rng.Real(45, 70);
  const double freq_y = 2 * std::numbers::pi / rng.Real(90, 140);
  const double phase_x = rng.Real(0, 2 * std::numbers::pi);
  const double phase_y = rng.Real(0, 2 * std::numbers::pi);
  double shift_x[kHeight];
  double shift_y[kWidth];
  for (int y = 0; y < kHeight; ++y) shift_x[y] = amp_x * std::sin(freq_x * y + phase_x);
  for (int x = 0; x < kWidth; ++x) shift_y[x] = amp_y * std::sin(freq_y * x + phase_y);
  for (int y = 0; y < kHeight; ++y) {
    for (int x = 0; x < kWidth; ++x) {
      const double sx = std::clamp(x + shift_x[y], 0.0, kWidth - 1.0);
      const double sy = std::clamp(y + shift_y[x], 0.0, kHeight - 1.0);
      gdImageTrueColorPixel(target.get(), x, y) = Sample(source, sx, sy);
    }
  }
  return target;
}

// Two thick wavy strokes across the whole width, drawn before the text so they join the
// glyphs for a segmenter but can never paint over one and hide a stroke (the top of a 9
// hidden under a line turned it into a g). In the inks' hues but lighter, so colour alone
// does not separate them, and a dark bar cannot turn C into G.
void DrawCurves(gdImagePtr image, Rng& rng, Rgb background) {
  gdImageSetThickness(image, 2);
  for (int i = 0; i < 2; ++i) {
    const int colour = Pack(Mix(InkColour(rng), background, rng.Real(0.35, 0.5)));
    const double base = rng.Real(kHeight * 0.3, kHeight * 0.7);
    const double amp = rng.Real(6, 14);
    const double freq = 2 * std::numbers::pi / rng.Real(80, 180);
    const double phase = rng.Real(0, 2 * std::numbers::pi);
    int last_x = 0;
    int last_y = static_cast<int>(base + amp * std::sin(phase));
    for (int x = 8; x < kWidth + 8; x += 8) {
      const int y = static_cast<int>(base + amp * std::sin(freq * x + phase));
      gdImageLine(image, last_x, last_y, x, y, colour);
      last_x = x;
      last_y = y;
    }
  }
  gdImageSetThickness(image, 1);
}

// Thin straight scratches and dots over the finished picture, unbent by the wave. One pixel
// wide, so where they cross a glyph they nick it rather than hide a stroke.
void DrawScratches(gdImagePtr image, Rng& rng, Rgb background) {
  for (int i = 0; i < 2; ++i) {
    const int colour = Pack(Mix(InkColour(rng), background, 0.45));
    const int x1 = rng.Int(0, kWidth / 3);
    const int y1 = rng.Int(0, kHeight - 1);
    const int x2 = rng.Int(kWidth * 2 / 3, kWidth - 1);
    const int y2 = rng.Int(0, kHeight - 1);
    gdImageLine(image, x1, y1, x2, y2, colour);
  }
  for (int i = 0; i < 160; ++i) {
    const int colour = Pack(Mix(InkColour(rng), background, rng.Real(0.2, 0.6)));
    const int x = rng.Int(0, kWidth - 1);
    const int y = rng.Int(0, kHeight - 1);
    gdImageSetPixel(image, x, y, colour);
  }
}

}  // namespace

std::string CaptchaPng(std::string_view answer, std::uint64_t seed) {
  const GlyphSet& glyphs = Glyphs();
  Rng rng(seed);
  const Rgb left{rng.Int(225, 250), rng.Int(225, 250), rng.Int(225, 250)};
  const Rgb right{rng.Int(225, 250), rng.Int(225, 250), rng.Int(225, 250)};
  const Rgb middle = Mix(left, right, 0.5);
  Image flat = NewImage();
  PaintBackground(flat.get(), rng, left, right);
  DrawCurves(flat.get(), rng, middle);
  DrawAnswer(flat.get(), rng, glyphs, answer);
  Image image = Warp(flat.get(), rng);
  DrawScratches(image.get(), rng, middle);

  int size = 0;
  std::unique_ptr<void, GdFree> png(gdImagePngPtrEx(image.get(), &size, kPngLevel));
  if (!png || size <= 0) throw std::runtime_error("captcha: PNG encoding failed");
  return std::string(static_cast<const char*>(png.get()), static_cast<std::size_t>(size));
}

}  // namespace broadsheet::render
