// The security code's costs on this machine: minting and verifying a sealed token (target:
// under 20 µs each way), drawing the PNG (target: under 2 ms) and speaking the WAV. Run by
// bench/captcha.sh; Google Benchmark reports CPU time per call.
#include <benchmark/benchmark.h>

#include <filesystem>
#include <string>

#include "render/captcha_audio.h"
#include "render/captcha_image.h"
#include "security/captcha_token.h"
#include "security/site_key.h"

namespace {

using broadsheet::security::CaptchaSealer;
using broadsheet::security::ChallengeKind;
using broadsheet::security::SiteKey;

const SiteKey& Key() {
  static const SiteKey key = [] {
    const auto path = std::filesystem::temp_directory_path() / "bs-bench-site.key";
    std::filesystem::remove(path);
    SiteKey::CreateIfMissing(path.string());
    return SiteKey::Load(path.string());
  }();
  return key;
}

void MintToken(benchmark::State& state) {
  const CaptchaSealer sealer(Key());
  std::int64_t now = 1'700'000'000'000;
  for (auto _ : state) {
    benchmark::DoNotOptimize(sealer.Mint(ChallengeKind::kImage, "K7MRT2",
                                         "0123456789abcdef0123456789abcdef", ++now, 600'000));
  }
}
BENCHMARK(MintToken);

void VerifyToken(benchmark::State& state) {
  const CaptchaSealer sealer(Key());
  const std::string token =
      sealer.Mint(ChallengeKind::kImage, "K7MRT2", "0123456789abcdef0123456789abcdef", 0, 600'000);
  for (auto _ : state) {
    const auto claims = sealer.Open(token);
    benchmark::DoNotOptimize(CaptchaSealer::AnswerMatches("k7mrt2", claims->answer));
  }
}
BENCHMARK(VerifyToken);

void DrawPng(benchmark::State& state) {
  std::uint64_t seed = 1;
  broadsheet::render::CaptchaPng("WX2HJN", 0);  // the one-time glyph cache, not per image
  for (auto _ : state) benchmark::DoNotOptimize(broadsheet::render::CaptchaPng("WX2HJN", ++seed));
}
BENCHMARK(DrawPng)->Unit(benchmark::kMillisecond);

void SpeakWav(benchmark::State& state) {
  broadsheet::render::CaptchaWav("K7M");  // starts espeak-ng once
  for (auto _ : state) benchmark::DoNotOptimize(broadsheet::render::CaptchaWav("WX2HJN"));
}
BENCHMARK(SpeakWav)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
