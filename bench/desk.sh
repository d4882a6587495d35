#!/usr/bin/env bash
# The back office's costs (issue 10): the argon2id sign-in hash and its neighbours
# (bench/password_bench.cpp, Google Benchmark), then, against a Release `serve --demo` at the
# default interactive cost, the round trips an editor makes all day: signing in (one at a time,
# and 8 at once against the 2-hash limit), saving an article (POST, then the editor page it
# redirects to) and the live preview (bench/desk_round_trips.mjs). No baseline runs on this
# machine (WordPress and Ghost are not installed); it gates nothing.
#
#   bench/desk.sh [ROUNDS=200]
set -euo pipefail
cd "$(dirname "$0")/.."
rounds=${1:-200}
source bench/common.sh
scripts/install-deps
export CCACHE_DIR="${CCACHE_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/ccache}"
export CCACHE_BASEDIR="$PWD" CCACHE_NOHASHDIR=true
cmake -S . -B build/release -DCMAKE_BUILD_TYPE=Release -DBROADSHEET_TESTS=OFF -DBROADSHEET_BENCH=ON >/dev/null
cmake --build build/release -j "$(nproc)" >/dev/null
binary=$PWD/build/release/src/broadsheet

echo "== argon2id and friends (bench/password_bench.cpp)"
build/release/bench/password_bench --benchmark_min_time=1 2>&1 | grep -v WARNING

echo
echo "== round trips against serve --demo (Release, interactive cost, $(nproc) cores)"
bench_start_demo
password=$(grep -o 'demo: password [^ ]*' "$work/server.log" | cut -d' ' -f3)
[[ -n "$password" ]] || { echo "bench: the demo printed no admin password" >&2; exit 1; }
node bench/desk_round_trips.mjs "$base" "$password" "$rounds"
