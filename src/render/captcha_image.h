// The picture half of the comment form's "Security code": draws the answer as a small PNG that
// a person reads at a glance and a naive OCR does not. The answer itself is chosen and checked
// elsewhere; this file only draws. Thread-safe.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace broadsheet::render {

// Characters an answer is drawn from. Look-alikes are left out: 0/O, 1/I/L, and Q and E/F,
// whose tails and bars vanish under a noise line.
inline constexpr std::string_view kCaptchaAlphabet = "ABCDGHJKMNPRSTUVWXYZ23456789";

// Pixel size of every image, for the <img> tag's width and height.
inline constexpr int kCaptchaWidth = 200;
inline constexpr int kCaptchaHeight = 70;

// Draws `answer` as a PNG a person can read and a naive OCR cannot: each character in
// DejaVu Sans Bold at its own size, angle and baseline, a wave distortion, noise lines and
// dots. `seed` drives every random choice, so the same (answer, seed) gives the same bytes.
// Returns the PNG file's bytes, kCaptchaWidth x kCaptchaHeight truecolor; drawn for 5 or 6
// characters (longer answers get smaller glyphs). Thread-safe; the first call rasterises
// the alphabet once (a few ms).
// Throws std::invalid_argument if a character is not in kCaptchaAlphabet, and
// std::runtime_error if the font is missing or libgd fails.
std::string CaptchaPng(std::string_view answer, std::uint64_t seed);

}  // namespace broadsheet::render
