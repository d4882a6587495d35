#!/usr/bin/env bash
# Heap allocations per cached page hit: a perf uprobe on glibc's malloc counts every call the
# server process makes while wrk fetches the cached article page (plain and gzip) and the front
# page with a browser's request headers, every request a counted view, the access log on.
# Prints the calls per request; with a second binary (an older build) it measures both in
# the same run. Needs perf (Debian linux-perf) and root for the uprobe. Not a test: it gates
# nothing. The count includes the server's other threads (view flush, access-log writer).
#
#   bench/allocations.sh [DURATION_SECONDS=2] [BASELINE_BINARY]
set -euo pipefail
cd "$(dirname "$0")/.."
duration=${1:-2}
baseline=${2:-}

source bench/common.sh
bench_build linux-perf

libc=$(ldd "$binary" | awk '/libc\.so\.6/ {print $3}')
probe=probe_libc:malloc
perf probe -q -d "$probe" 2>/dev/null || true
perf probe -q -x "$libc" malloc
trap 'perf probe -q -d "$probe" 2>/dev/null; bench_cleanup' EXIT

headers=(-H "User-Agent: Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0 Safari/537.36"
         -H "Accept: text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"
         -H "Accept-Language: en-GB,en;q=0.9" -H "Sec-Fetch-Mode: navigate"
         -H "Sec-Fetch-Site: none" -H "Sec-Fetch-Dest: document" -H "Upgrade-Insecure-Requests: 1")

measure() {  # BINARY LABEL
  local saved_binary=$binary
  binary=$1
  bench_start_demo --threads 1
  binary=$saved_binary
  local name page coding extra out requests calls
  for spec in "article|$path|" "article, gzip|$path|gzip" "front|/|"; do
    IFS='|' read -r name page coding <<<"$spec"
    extra=()
    [[ -n "$coding" ]] && extra=(-H "Accept-Encoding: gzip")
    for _ in 1 2 3; do curl -fsS -o /dev/null "${headers[@]}" "${extra[@]}" "$base$page"; done
    out=$(perf stat -x, -e "$probe" -p "$server_pid" -- \
      wrk -t1 -c4 -d"${duration}s" "${headers[@]}" "${extra[@]}" "$base$page" 2>&1)
    requests=$(grep -o '[0-9]* requests in' <<<"$out" | cut -d' ' -f1)
    calls=$(grep "$probe" <<<"$out" | cut -d, -f1)
    printf '%-10s %-14s %9s requests %9s malloc calls %8.3f per request\n' "$2" "$name" \
      "$requests" "$calls" "$(awk -v c="$calls" -v r="$requests" 'BEGIN {print c / r}')"
  done
  bench_cleanup
  trap 'perf probe -q -d "$probe" 2>/dev/null; bench_cleanup' EXIT
}

measure "$binary" "this build"
[[ -n "$baseline" ]] && measure "$baseline" "baseline"
exit 0
