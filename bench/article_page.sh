#!/usr/bin/env bash
# Page throughput against nginx: Broadsheet's dynamic pages (every article request counted as a
# view, the live numbers spliced in) against nginx serving saved copies of the same bytes as
# static files, measured with wrk in one run on this machine. For each page kind (article,
# front, category) and each encoding (plain; gzip against nginx's gzip_static with the same
# page precompressed), runs wrk alternately against both servers RUNS times and prints the
# median requests/s and p99 of each, their ratio, and Broadsheet's CPU time per request (from
# /proc/PID/stat over its runs). Not a test: it gates nothing.
#
# One wrk thread and 32 connections by default (-t1 -c32): on two cores that leaves a core to
# the server under test, so both servers run one worker (BENCH_WORKERS: nginx's
# worker_processes and Broadsheet's server.threads; more workers than the free cores only
# make them take turns with wrk, which shows in p99). The access log is on (to a file), as by
# default.
#
#   [BENCH_WORKERS=1] bench/article_page.sh [DURATION_SECONDS=5] [CONNECTIONS=32] [RUNS=5]
set -euo pipefail
cd "$(dirname "$0")/.."
duration=${1:-5}
connections=${2:-32}
runs=${3:-5}
workers=${BENCH_WORKERS:-1}
agent="Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0 Safari/537.36"

source bench/common.sh
bench_build  # sets $binary; this script starts its server itself, beside nginx

work=$(mktemp -d)
# nginx started by root serves as "nobody", which must be able to read the saved pages (a
# folder from mktemp is the owner's only, and nginx would answer 403 to every request).
chmod 755 "$work"
server_pid=""
nginx_pid=""
cleanup() {
  [[ -n "$server_pid" ]] && kill "$server_pid" 2>/dev/null && wait "$server_pid" 2>/dev/null
  [[ -n "$nginx_pid" ]] && kill "$nginx_pid" 2>/dev/null
  rm -rf "$work"
}
trap cleanup EXIT
[[ -n "${BENCH_DEBUG:-}" ]] && set -x

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

# --- Broadsheet -------------------------------------------------------------------------------
"$binary" serve --demo --data "$work/data" --listen 127.0.0.1:0 --port-file "$work/port" \
  --set cache.max_age_s=3600 --set server.threads="$workers" ${BENCH_SERVE_ARGS:-} >"$work/server.log" 2>&1 &
server_pid=$!
for _ in $(seq 100); do [[ -s "$work/port" ]] && break; sleep 0.1; done
port=$(cat "$work/port")
base="http://127.0.0.1:$port"
article=$(curl -fsS -A "$agent" "$base/" | grep -o 'href="/[a-z-]*/1-[a-z0-9-]*"' | head -1 | cut -d'"' -f2)
[[ -n "$article" ]] || { echo "bench: cannot find article 1 on the front page" >&2; exit 1; }
category="/$(echo "$article" | cut -d/ -f2)/"

# --- nginx with the same bytes ----------------------------------------------------------------
mkdir -p "$work/nginx/html" "$work/nginx/logs"
save() {  # NAME PATH: the page as Broadsheet serves it now, plain and gzipped
  curl -fsS -A "$agent" "$base$2" >"$work/nginx/html/$1.html"
  gzip -9 -k -n "$work/nginx/html/$1.html"
}
save article "$article"
save front "/"
save category "$category"
nginx_port=$(free_port)
# The same bytes includes the header lines: nginx adds every line Broadsheet sends that it
# would not send itself (the security headers, Cache-Control, X-Cache), so wrk reads and parses
# as much from both. Date, Content-Type, Content-Length, Connection and Vary nginx writes.
# nginx still adds its own Server, Last-Modified and Accept-Ranges lines (a few bytes more).
added_headers=$(curl -fsS -D - -o /dev/null -A "$agent" "$base$article" | tr -d '\r' |
  grep -viE '^(HTTP/|date:|content-type:|content-length:|connection:|vary:|$)' |
  sed -E 's/^([^:]+): (.*)$/    add_header \1 "\2" always;/')
cat >"$work/nginx/nginx.conf" <<NGINX
worker_processes $workers;
pid $work/nginx/nginx.pid;
error_log $work/nginx/logs/error.log;
events { worker_connections 4096; }
http {
  access_log off;
  sendfile on;
  tcp_nopush off;
  keepalive_requests 1000000;
  types { text/html html; }
  gzip_static on;
  gzip_vary on;
  etag off;
  server_tokens off;
  server {
    listen 127.0.0.1:$nginx_port;
    root $work/nginx/html;
    location / {
$added_headers
    }
  }
}
NGINX
nginx -p "$work/nginx" -c "$work/nginx/nginx.conf" -g 'daemon off;' &
nginx_pid=$!
for _ in $(seq 50); do curl -fsS -o /dev/null "http://127.0.0.1:$nginx_port/article.html" 2>/dev/null && break; sleep 0.1; done
for file in article front category; do
  cmp -s <(curl -fsS "http://127.0.0.1:$nginx_port/$file.html") "$work/nginx/html/$file.html" ||
    { echo "bench: nginx does not serve $file.html as saved" >&2; exit 1; }
done

cpu_ticks() { awk '{print $14 + $15}' "/proc/$server_pid/stat"; }
ticks_per_second=$(getconf CLK_TCK)

run_wrk() {  # URL [HEADER] -> "requests_per_second p99_ms total_requests"
  local extra=()
  [[ -n "${2:-}" ]] && extra=(-H "$2")
  wrk -t1 -c"$connections" -d"${duration}s" --latency -H "User-Agent: $agent" "${extra[@]}" "$1" >"$work/wrk.out"
  if grep -q "Non-2xx" "$work/wrk.out"; then
    echo "bench: $1 answered errors under wrk:" >&2; cat "$work/wrk.out" >&2; exit 1
  fi
  awk '/Requests\/sec/ {rps=$2}
       /^ +99%/ {v=$2; if (v ~ /us$/) {sub(/us/,"",v); v=v/1000} else if (v ~ /ms$/) {sub(/ms/,"",v)} else if (v ~ /s$/) {sub(/s/,"",v); v=v*1000}; p99=v}
       /requests in/ {n=$1}
       END {printf "%s %s %s\n", rps, p99, n}' "$work/wrk.out"
}

median() { sort -g | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }

views_before=$(sqlite3 "$work/data/broadsheet.db" "SELECT views FROM articles WHERE id = 1")
article_requests=0

echo "wrk -t1 -c$connections -d${duration}s, median of $runs alternating runs per row, $(nproc) cores, $workers worker(s) per server"
echo "bytes: the body; head: the status line and headers, Broadsheet's/nginx's"
printf '%-14s %6s %9s %11s %8s %11s %8s %6s %10s\n' page bytes head broadsheet p99_ms nginx p99_ms ratio cpu_us/req
measure() {  # LABEL BROADSHEET_PATH NGINX_FILE [HEADER]
  local label=$1 path=$2 file=$3 header=${4:-}
  local b_rps=() b_p99=() n_rps=() n_p99=() ticks=0 requests=0
  for _ in $(seq "$runs"); do
    local before after
    before=$(cpu_ticks)
    read -r rps p99 n < <(run_wrk "$base$path" "$header")
    after=$(cpu_ticks)
    ticks=$((ticks + after - before)); requests=$((requests + n))
    [[ "$path" == "$article" ]] && article_requests=$((article_requests + n))
    b_rps+=("$rps"); b_p99+=("$p99")
    read -r rps p99 n < <(run_wrk "http://127.0.0.1:$nginx_port/$file" "$header")
    n_rps+=("$rps"); n_p99+=("$p99")
  done
  local bytes head_bytes nginx_head_bytes
  bytes=$(curl -fsS -A "$agent" ${header:+-H "$header"} "$base$path" | wc -c)
  head_bytes=$(curl -fsS -D - -o /dev/null -A "$agent" ${header:+-H "$header"} "$base$path" | wc -c)
  nginx_head_bytes=$(curl -fsS -D - -o /dev/null ${header:+-H "$header"} "http://127.0.0.1:$nginx_port/$file" | wc -c)
  local br bp nr np
  br=$(printf '%s\n' "${b_rps[@]}" | median); bp=$(printf '%s\n' "${b_p99[@]}" | median)
  nr=$(printf '%s\n' "${n_rps[@]}" | median); np=$(printf '%s\n' "${n_p99[@]}" | median)
  awk -v l="$label" -v by="$bytes" -v hb="$head_bytes" -v nh="$nginx_head_bytes" \
      -v br="$br" -v bp="$bp" -v nr="$nr" -v np="$np" \
      -v t="$ticks" -v hz="$ticks_per_second" -v r="$requests" \
      'BEGIN {printf "%-14s %6d %4d/%-4d %11.0f %8.2f %11.0f %8.2f %6.2f %10.1f\n", l, by, hb, nh, br, bp, nr, np, br / nr, t / hz * 1e6 / r}'
}
measure "article" "$article" article.html
measure "front" "/" front.html
measure "category" "$category" category.html
measure "article gzip" "$article" article.html "Accept-Encoding: gzip"
measure "front gzip" "/" front.html "Accept-Encoding: gzip"

# Every article request wrk made to Broadsheet was a counted view: check after a graceful stop.
kill -TERM "$server_pid"; wait "$server_pid" || true; server_pid=""
views_after=$(sqlite3 "$work/data/broadsheet.db" "SELECT views FROM articles WHERE id = 1")
echo "views counted: $((views_after - views_before)) (wrk completed $article_requests article requests; wrk stops mid-request, so a few more may be counted)"
