// The libFuzzer entry point of one fuzz binary: tests/fuzz/CMakeLists.txt compiles this file
// once per target with BROADSHEET_FUZZ_FUNCTION set to that target's function. Built only by
// the clang fuzz build (scripts/fuzz); the g++ build replays the corpus through fuzz_replay.
#include <cstddef>
#include <cstdint>

#include "fuzz_targets.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  return broadsheet::fuzz::BROADSHEET_FUZZ_FUNCTION(data, size);
}
