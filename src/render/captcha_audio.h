// The spoken half of the comment form's "Security code", for readers who cannot see the
// picture: espeak-ng reads the answer out one character at a time. Thread-safe; espeak-ng
// keeps global state, so calls take turns behind a mutex inside.
#pragma once

#include <string>
#include <string_view>

namespace broadsheet::render {

// Speaks the characters of `answer` one by one ("K. 7. M."), as a WAV file: RIFF/WAVE, 16-bit
// mono PCM at espeak-ng's rate (22050 Hz). Each character gets a slot of at least one second,
// so a listener can write it down before the next. espeak-ng is initialised on first use.
// Throws std::invalid_argument if a character is not in kCaptchaAlphabet (captcha_image.h),
// and std::runtime_error when espeak-ng cannot start or fails to speak.
std::string CaptchaWav(std::string_view answer);

}  // namespace broadsheet::render
