#!/usr/bin/env bash
# Instructions per article-page hit, counted by valgrind's callgrind: repeatable whatever else
# the machine is doing, unlike requests per second on a shared two-core machine. The server
# (one I/O thread, demo site, access log off) answers N and then 3N cached article requests on
# one keep-alive connection; the difference over 2N is the cost of one hit, start-up excluded.
# With a second binary (an older build, say) it measures both in the same run and prints the
# ratio. Not a test: it gates nothing.
#
#   bench/instructions.sh [REQUESTS=1000] [BASELINE_BINARY]
set -euo pipefail
cd "$(dirname "$0")/.."
requests=${1:-1000}
baseline=${2:-}

source bench/common.sh
bench_build valgrind

# Total instructions of a server that answered `count` article requests.
instructions_for() {  # BINARY COUNT
  local dir
  dir=$(mktemp -d)
  valgrind --tool=callgrind --callgrind-out-file="$dir/out" "$1" serve --demo --data "$dir/data" \
    --listen 127.0.0.1:0 --port-file "$dir/port" --threads 1 --set log.access=off \
    >"$dir/log" 2>&1 &
  local pid=$!
  for _ in $(seq 600); do [[ -s "$dir/port" ]] && break; sleep 0.2; done
  local url
  url="http://127.0.0.1:$(cat "$dir/port")"
  url+=$(curl -fsS -A "Mozilla/5.0 (X11)" "$url/" |
    grep -o 'href="/[a-z-]*/1-[a-z0-9-]*"' | head -1 | cut -d'"' -f2)
  # One curl, one connection, `count` requests (a browser User-Agent: each is a counted view).
  for _ in $(seq "$2"); do printf 'url = "%s"\noutput = /dev/null\n' "$url"; done >"$dir/requests"
  curl -s -A "Mozilla/5.0 (X11; Linux x86_64) Chrome/120.0" -K "$dir/requests"
  kill -TERM "$pid"
  wait "$pid" || true
  awk '/^summary:/ {print $2}' "$dir/out"
  rm -rf "$dir"
}

per_hit() {  # BINARY
  local small large
  small=$(instructions_for "$1" "$requests")
  large=$(instructions_for "$1" $((3 * requests)))
  echo $(((large - small) / (2 * requests)))
}

echo "instructions per cached article-page hit (callgrind, $requests and $((3 * requests)) requests)"
this=$(per_hit "$binary")
printf '%-40s %10d\n' "this build" "$this"
if [[ -n "$baseline" ]]; then
  other=$(per_hit "$baseline")
  printf '%-40s %10d\n' "$baseline" "$other"
  awk -v a="$this" -v b="$other" 'BEGIN {printf "ratio this/baseline: %.2f\n", a / b}'
fi
