#!/usr/bin/env bash
# Slow-client attacks (issue 9): slowhttptest's slowloris (slow headers), slow body and slow
# read, 2,000 connections each from 127.0.0.1, against `broadsheet serve --demo` with its
# default limits. Meanwhile an ordinary reader on another address (curl --interface
# 127.0.0.3) fetches the article page ten times a second; the script prints that reader's
# errors and latency percentiles and the server's peak resident memory for each attack.
# Targets (docs/SECURITY.md): no error for the reader, p99 under 100 ms, RSS under 200 MB.
# Not a test: it gates nothing.
#
#   bench/slowhttp.sh [SECONDS_PER_ATTACK=45] [CONNECTIONS=2000]
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-45}
connections=${2:-2000}
agent="Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0 Safari/537.36"

source bench/common.sh
bench_build slowhttptest
# slowhttptest needs a descriptor per connection, and so does the server.
ulimit -n "$(ulimit -Hn)"  # as high as this shell may go (20,000 here)
bench_start_demo --set log.access=off ${BENCH_SERVE_ARGS:-}

# The reader: one fetch every 100 ms from 127.0.0.3, one line per fetch ("code seconds").
probe() {
  local until=$((SECONDS + $1))
  while ((SECONDS < until)); do
    curl -s -o /dev/null --interface 127.0.0.3 --max-time 10 -A "$agent" \
      -w '%{http_code} %{time_total}\n' "$base$path" || echo "000 10"
    sleep 0.1
  done
}

# Peak VmRSS of the server in MB, sampled every 200 ms.
peak_rss() {
  local until=$((SECONDS + $1)) peak=0 kb
  while ((SECONDS < until)); do
    kb=$(awk '/^VmRSS/ {print $2}' "/proc/$server_pid/status" 2>/dev/null || echo 0)
    ((kb > peak)) && peak=$kb
    sleep 0.2
  done
  echo $((peak / 1024))
}

report() {  # NAME PROBE_FILE RSS_FILE SLOWHTTP_FILE
  local name=$1
  local errors fetches
  fetches=$(wc -l <"$2")
  errors=$(awk '$1 != 200' "$2" | wc -l)
  sort -n -k2 "$2" | awk -v name="$name" -v errors="$errors" -v rss="$(cat "$3")" '
    {t[NR] = $2 * 1000}
    END {
      p50 = t[int(NR * 0.50) + 1]; p99 = t[int(NR * 0.99) + 1]; max = t[NR]
      printf "%-12s %8d %7d %9.1f %9.1f %9.1f %8d\n", name, NR, errors, p50, p99, max, rss
    }'
  # What slowhttptest itself concluded.
  { grep -E "service available|Exit status|closed|pending|connected" "$4" || true; } |
    tail -4 | sed 's/\x1b\[[0-9;]*m//g; s/^/    /' >>"$work/details"
}

run_attack() {  # NAME [SLOWHTTPTEST_ARGS...] (none: the reader alone, for comparison)
  local name=$1
  shift
  probe "$seconds" >"$work/$name.probe" &
  local probe_pid=$!
  peak_rss "$seconds" >"$work/$name.rss" &
  local rss_pid=$!
  if (($#)); then
    # slowhttptest's own probe waits 3 s (-p 3) before it calls the service down.
    timeout $((seconds + 30)) slowhttptest "$@" -c "$connections" -r 200 -l "$seconds" -p 3 \
      >"$work/$name.slowhttp" 2>&1 || true
  else
    sleep "$seconds"
    : >"$work/$name.slowhttp"
  fi
  wait "$probe_pid" "$rss_pid"
  echo "$name:" >>"$work/details"
  report "$name" "$work/$name.probe" "$work/$name.rss" "$work/$name.slowhttp"
}

echo "slow clients against $base$path: $connections connections per attack, ${seconds}s each, $(nproc) cores"
printf '%-12s %8s %7s %9s %9s %9s %8s\n' attack fetches errors "p50 ms" "p99 ms" "max ms" "RSS MB"
run_attack "no-attack"
run_attack slowloris -H -i 10 -x 24 -u "$base/"
run_attack slow-body -B -i 10 -s 8192 -x 10 -u "$base$path/comments"
run_attack slow-read -X -w 512 -y 1024 -n 5 -z 32 -k 3 -u "$base$path"
echo "slowhttptest's own verdicts:"
cat "$work/details"
