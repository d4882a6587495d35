#!/usr/bin/env bash
# The security code's costs: microseconds to mint and to verify a sealed token, milliseconds of
# CPU per PNG and per WAV (bench/captcha_bench.cpp, Google Benchmark, Release build). Targets
# from issue 5: a token under 20 µs both ways, an image under 2 ms. There is no baseline on this
# machine to compare with. Not a test: it gates nothing.
#
#   bench/captcha.sh [MIN_TIME_SECONDS=1]
set -euo pipefail
cd "$(dirname "$0")/.."
min_time=${1:-1}
scripts/install-deps
export CCACHE_DIR="${CCACHE_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/ccache}"
export CCACHE_BASEDIR="$PWD" CCACHE_NOHASHDIR=true
cmake -S . -B build/release -DCMAKE_BUILD_TYPE=Release -DBROADSHEET_TESTS=OFF -DBROADSHEET_BENCH=ON >/dev/null
cmake --build build/release --target captcha_bench -j "$(nproc)" >/dev/null
build/release/bench/captcha_bench --benchmark_min_time="$min_time" 2>&1 | grep -v "WARNING"
