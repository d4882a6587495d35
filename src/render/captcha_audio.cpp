#include "render/captcha_audio.h"

#include <espeak-ng/espeak_ng.h>
#include <espeak-ng/speak_lib.h>

#include <algorithm>
#include <cstdint>
#include <cstdlib>
#include <mutex>
#include <stdexcept>
#include <string>
#include <vector>

#include "render/captcha_image.h"

namespace broadsheet::render {
namespace {

// Slower than espeak-ng's default 175 words per minute: the listener is copying characters.
constexpr int kWordsPerMinute = 130;
// Silence before the first character, so a player's start-up does not swallow it.
constexpr double kLeadInSeconds = 0.3;
// Every character starts a fixed beat after the previous one, an even rhythm that is easier
// to follow than espeak-ng's own sentence pauses; a long name ("double-u") still gets a gap.
constexpr double kSlotSeconds = 1.0;
constexpr double kMinGapSeconds = 0.35;
// Samples quieter than this at either end of a character are espeak-ng's padding, not speech.
constexpr int kSilenceLevel = 200;
// Kept on each side of the speech when trimming, so consonants are not clipped into a click.
constexpr double kTrimMarginSeconds = 0.01;

using Samples = std::vector<std::int16_t>;

// espeak-ng hands over audio in blocks; the `user_data` given to espeak_ng_Synthesize points at
// the Samples the current call is filling. Returning 0 tells espeak-ng to go on.
int CollectSamples(short* wav, int count, espeak_EVENT* events) {
  if (wav != nullptr && count > 0 && events != nullptr && events->user_data != nullptr) {
    auto* out = static_cast<Samples*>(events->user_data);
    out->insert(out->end(), wav, wav + count);
  }
  return 0;
}

// Drops espeak-ng's leading and trailing silence, keeping a few milliseconds of margin.
void Trim(Samples& samples, int sample_rate) {
  auto loud = [](std::int16_t s) { return std::abs(static_cast<int>(s)) > kSilenceLevel; };
  const auto first = std::find_if(samples.begin(), samples.end(), loud);
  if (first == samples.end()) {
    samples.clear();
    return;
  }
  const auto last = std::find_if(samples.rbegin(), samples.rend(), loud).base();
  const auto margin = static_cast<std::ptrdiff_t>(kTrimMarginSeconds * sample_rate);
  const auto begin = first - std::min(margin, first - samples.begin());
  const auto end = last + std::min(margin, samples.end() - last);
  samples = Samples(begin, end);
}

void Check(espeak_ng_STATUS status, const char* step) {
  if (status == ENS_OK) return;
  char message[256];
  espeak_ng_GetStatusCodeMessage(status, message, sizeof message);
  throw std::runtime_error(std::string("captcha audio: espeak-ng could not ") + step + ": " +
                           message);
}

// espeak-ng is one engine per process with global settings, so this wraps it: started once,
// used by one thread at a time.
class Speaker {
 public:
  struct Speech {
    Samples samples;
    int sample_rate = 0;
  };

  // The characters of `answer` spoken on an even beat, after a short lead-in.
  Speech Spell(std::string_view answer) {
    std::lock_guard<std::mutex> lock(mutex_);
    StartOnce();
    const auto slot = static_cast<std::size_t>(kSlotSeconds * sample_rate_);
    const auto min_gap = static_cast<std::size_t>(kMinGapSeconds * sample_rate_);
    Speech speech{Samples(static_cast<std::size_t>(kLeadInSeconds * sample_rate_), 0),
                  sample_rate_};
    for (char c : answer) {
      Samples sound = SpeakOne(c);
      Trim(sound, sample_rate_);
      speech.samples.insert(speech.samples.end(), sound.begin(), sound.end());
      const std::size_t gap = std::max(min_gap, slot > sound.size() ? slot - sound.size() : 0);
      speech.samples.insert(speech.samples.end(), gap, 0);
    }
    return speech;
  }

 private:
  // Requires mutex_. If start-up fails, the next call tries again.
  void StartOnce() {
    if (sample_rate_ != 0) return;
    // espeak_Initialize() would exit(1) when its data is missing; the espeak_ng_ calls
    // report a status instead, which becomes our exception.
    espeak_ng_InitializePath(nullptr);
    espeak_ng_ERROR_CONTEXT context = nullptr;
    const espeak_ng_STATUS status = espeak_ng_Initialize(&context);
    espeak_ng_ClearErrorContext(&context);
    Check(status, "initialise");
    Check(espeak_ng_InitializeOutput(ENOUTPUT_MODE_SYNCHRONOUS, 0, nullptr), "open its output");
    espeak_SetSynthCallback(&CollectSamples);
    Check(espeak_ng_SetVoiceByName("en"), "load the \"en\" voice");
    Check(espeak_ng_SetParameter(espeakRATE, kWordsPerMinute, 0), "set the rate");
    const int rate = espeak_ng_GetSampleRate();
    if (rate <= 0) throw std::runtime_error("captcha audio: espeak-ng reports no sample rate");
    sample_rate_ = rate;
  }

  // Requires mutex_. Speaks `c` alone as a sentence ("K."): on its own a letter is read by
  // its name, where in a run "A B" would be read as the article "a".
  static Samples SpeakOne(char c) {
    const char text[3] = {c, '.', '\0'};
    Samples samples;
    Check(espeak_ng_Synthesize(text, sizeof text, 0, POS_CHARACTER, 0, espeakCHARS_UTF8, nullptr,
                               &samples),
          "speak");
    Check(espeak_ng_Synchronize(), "finish speaking");
    return samples;
  }

  std::mutex mutex_;
  // Guarded by mutex_, as is every espeak-ng call.
  int sample_rate_ = 0;  // 0 until espeak-ng has started
};

void AppendU16(std::string& out, std::uint16_t value) {
  out.push_back(static_cast<char>(value & 0xFF));
  out.push_back(static_cast<char>(value >> 8));
}

void AppendU32(std::string& out, std::uint32_t value) {
  for (int shift = 0; shift < 32; shift += 8) out.push_back(static_cast<char>(value >> shift));
}

// A canonical 44-byte header (RIFF, "fmt " PCM, "data") followed by the samples, all
// little-endian whatever the host is.
std::string WavFile(const Samples& samples, int sample_rate) {
  const auto data_bytes = static_cast<std::uint32_t>(samples.size() * 2);
  std::string out;
  out.reserve(44 + data_bytes);
  out += "RIFF";
  AppendU32(out, 36 + data_bytes);
  out += "WAVEfmt ";
  AppendU32(out, 16);  // size of the fmt chunk
  AppendU16(out, 1);   // PCM
  AppendU16(out, 1);   // mono
  AppendU32(out, static_cast<std::uint32_t>(sample_rate));
  AppendU32(out, static_cast<std::uint32_t>(sample_rate) * 2);  // bytes per second
  AppendU16(out, 2);                                            // bytes per frame
  AppendU16(out, 16);                                           // bits per sample
  out += "data";
  AppendU32(out, data_bytes);
  for (std::int16_t sample : samples) AppendU16(out, static_cast<std::uint16_t>(sample));
  return out;
}

}  // namespace

std::string CaptchaWav(std::string_view answer) {
  for (char c : answer) {
    if (kCaptchaAlphabet.find(c) == std::string_view::npos) {
      throw std::invalid_argument(std::string("captcha audio: character not in alphabet: ") + c);
    }
  }
  // One engine per process: espeak-ng's state is global whatever we wrap it in.
  static Speaker speaker;
  const Speaker::Speech speech = speaker.Spell(answer);
  return WavFile(speech.samples, speech.sample_rate);
}

}  // namespace broadsheet::render
