#!/usr/bin/env bash
# What pictures cost (issue 11): media::Reencode of a 12 MP phone photo, the same photo stored
# on its side (Exif orientation 6), and a 2 MP picture, each into WebP and JPEG at 480, 960 and
# 1600 pixels wide (bench/media_bench.cpp). It runs on the worker pool, never on an I/O thread;
# the figure says how many uploads a core finishes a second. No baseline runs on this machine
# (WordPress's image sizes are made by PHP's GD or Imagick, not installed here); it gates
# nothing.
#
#   bench/media.sh
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps
export CCACHE_DIR="${CCACHE_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/ccache}"
export CCACHE_BASEDIR="$PWD" CCACHE_NOHASHDIR=true
cmake -S . -B build/release -DCMAKE_BUILD_TYPE=Release -DBROADSHEET_TESTS=OFF -DBROADSHEET_BENCH=ON >/dev/null
cmake --build build/release -j "$(nproc)" --target media_bench >/dev/null
echo "== media::Reencode (Release, one thread)"
build/release/bench/media_bench --benchmark_min_time=2 2>&1 | grep -v WARNING
