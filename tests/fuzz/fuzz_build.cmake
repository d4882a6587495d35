# The clang fuzz build's hook: scripts/fuzz passes it as CMAKE_PROJECT_broadsheet_INCLUDE, so
# CMake runs it right after the top-level project(). It puts libFuzzer and sanitizer flags on
# all code, leaves the normal tests out (no GTest, Chromium or PostgreSQL needed) and defines
# the fuzz_<target> binaries once the top-level file has defined the libraries.
set(BROADSHEET_TESTS OFF)     # option() keeps a variable set before it (policy CMP0077)
set(BROADSHEET_POSTGRES OFF)  # no target needs libpq: fewer files to compile
add_compile_options(-fsanitize=fuzzer-no-link,address,undefined -fno-sanitize-recover=undefined
  -fno-omit-frame-pointer -O1)
add_link_options(-fsanitize=address,undefined)
# -Werror stays on; only g++'s -Wno-restrict (from broadsheet_warnings) is unknown to clang.
add_compile_options(-Wno-unknown-warning-option)
include(${CMAKE_CURRENT_LIST_DIR}/fuzz_targets.cmake)
cmake_language(DEFER CALL broadsheet_libfuzzer_binaries)
