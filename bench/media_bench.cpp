// What an upload costs the worker pool (issue 11): media::Reencode on a phone-sized photo
// (12 MP JPEG, the common camera size), a 2 MP picture, and the same 12 MP photo stored on its
// side with an Exif orientation (the turn is an extra pass over the pixels). The pictures are
// made in memory with libgd from a smooth gradient and some noise, which compress like
// photographs do. Run by bench/media.sh; wall time per upload, variants included.
#include <benchmark/benchmark.h>
#include <gd.h>

#include <memory>
#include <random>
#include <string>

#include "media/image_encoder.h"

namespace {

// A JPEG of `width` × `height`: a gradient with noise on top.
std::string Photo(int width, int height) {
  const std::unique_ptr<gdImage, decltype(&gdImageDestroy)> image(
      gdImageCreateTrueColor(width, height), gdImageDestroy);
  std::mt19937 random(11);
  for (int y = 0; y < height; ++y) {
    for (int x = 0; x < width; ++x) {
      const int noise = static_cast<int>(random() % 24);
      gdImageSetPixel(image.get(), x, y,
                      gdTrueColor((x * 200 / width + noise) % 256, (y * 180 / height + noise) % 256,
                                  (120 + noise) % 256));
    }
  }
  int size = 0;
  void* bytes = gdImageJpegPtr(image.get(), &size, 90);
  std::string jpeg(static_cast<const char*>(bytes), static_cast<std::size_t>(size));
  gdFree(bytes);
  return jpeg;
}

// `jpeg` with an Exif segment saying "turn right" (orientation 6) after SOI.
std::string OnItsSide(const std::string& jpeg) {
  const std::string tiff = std::string("II\x2a\0\x08\0\0\0", 8) + std::string("\1\0", 2) +
                           std::string("\x12\x01\x03\0\1\0\0\0\6\0\0\0", 12) + std::string(4, '\0');
  const std::string payload = std::string("Exif\0\0", 6) + tiff;
  const std::size_t length = payload.size() + 2;
  const std::string segment = std::string("\xFF\xE1", 2) + static_cast<char>(length >> 8) +
                              static_cast<char>(length & 255) + payload;
  return jpeg.substr(0, 2) + segment + jpeg.substr(2);
}

void Reencode(benchmark::State& state, const std::string& upload) {
  for (auto _ : state) benchmark::DoNotOptimize(broadsheet::media::Reencode(upload));
  state.counters["upload_kB"] = static_cast<double>(upload.size()) / 1024;
}

void Photo12Mp(benchmark::State& state) {
  static const std::string photo = Photo(4000, 3000);
  Reencode(state, photo);
}
BENCHMARK(Photo12Mp)->Unit(benchmark::kMillisecond)->UseRealTime();

void Photo12MpOnItsSide(benchmark::State& state) {
  static const std::string photo = OnItsSide(Photo(4000, 3000));
  Reencode(state, photo);
}
BENCHMARK(Photo12MpOnItsSide)->Unit(benchmark::kMillisecond)->UseRealTime();

void Picture2Mp(benchmark::State& state) {
  static const std::string photo = Photo(1920, 1080);
  Reencode(state, photo);
}
BENCHMARK(Picture2Mp)->Unit(benchmark::kMillisecond)->UseRealTime();

}  // namespace

BENCHMARK_MAIN();
