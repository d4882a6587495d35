#!/usr/bin/env bash
# Article page throughput: Broadsheet's dynamic article page (every request counted as a view,
# "Read N times" spliced in live) against nginx serving a saved copy of the same page as a
# static file, measured with wrk in one run on this machine. Prints requests/s, p99 latency
# and the ratio Broadsheet/nginx. Not a test: it gates nothing.
#
#   bench/article_page.sh [DURATION_SECONDS=10] [CONNECTIONS=64]
set -euo pipefail
cd "$(dirname "$0")/.."
duration=${1:-10}
connections=${2:-64}
agent="Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0 Safari/537.36"

source bench/common.sh
bench_build  # sets $binary; this script starts its server itself, beside nginx

work=$(mktemp -d)
server_pid=""
nginx_pid=""
cleanup() {
  [[ -n "$server_pid" ]] && kill "$server_pid" 2>/dev/null && wait "$server_pid" 2>/dev/null
  [[ -n "$nginx_pid" ]] && kill "$nginx_pid" 2>/dev/null
  rm -rf "$work"
}
trap cleanup EXIT

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

# --- Broadsheet -------------------------------------------------------------------------------
"$binary" serve --demo --data "$work/data" --listen 127.0.0.1:0 --port-file "$work/port" ${BENCH_SERVE_ARGS:-} \
  >"$work/server.log" 2>&1 &
server_pid=$!
for _ in $(seq 100); do [[ -s "$work/port" ]] && break; sleep 0.1; done
port=$(cat "$work/port")
path=$(curl -fsS -A "$agent" "http://127.0.0.1:$port/" | grep -o 'href="/[a-z-]*/1-[a-z0-9-]*"' | head -1 | cut -d'"' -f2)
[[ -n "$path" ]] || { echo "bench: cannot find article 1 on the front page" >&2; exit 1; }

# --- nginx with the same bytes ----------------------------------------------------------------
mkdir -p "$work/nginx/html" "$work/nginx/logs"
curl -fsS -A "$agent" "http://127.0.0.1:$port$path" >"$work/nginx/html/article.html"
nginx_port=$(free_port)
cat >"$work/nginx/nginx.conf" <<NGINX
worker_processes auto;
pid $work/nginx/nginx.pid;
error_log $work/nginx/logs/error.log;
events { worker_connections 4096; }
http {
  access_log off;
  sendfile on;
  tcp_nopush off;
  keepalive_requests 1000000;
  types { text/html html; }
  server {
    listen 127.0.0.1:$nginx_port;
    root $work/nginx/html;
  }
}
NGINX
nginx -p "$work/nginx" -c "$work/nginx/nginx.conf" -g 'daemon off;' &
nginx_pid=$!
for _ in $(seq 50); do curl -fsS -o /dev/null "http://127.0.0.1:$nginx_port/article.html" 2>/dev/null && break; sleep 0.1; done

views_before=$(sqlite3 "$work/data/broadsheet.db" "SELECT views FROM articles WHERE id = 1")

run_wrk() {  # URL -> "requests_per_second p99_ms total_requests"
  wrk -t2 -c"$connections" -d"${duration}s" --latency -H "User-Agent: $agent" "$1" >"$work/wrk.out"
  awk '/Requests\/sec/ {rps=$2}
       /^ +99%/ {v=$2; if (v ~ /us$/) {sub(/us/,"",v); v=v/1000} else if (v ~ /ms$/) {sub(/ms/,"",v)} else if (v ~ /s$/) {sub(/s/,"",v); v=v*1000}; p99=v}
       /requests in/ {n=$1}
       END {printf "%s %s %s\n", rps, p99, n}' "$work/wrk.out"
}

size=$(wc -c <"$work/nginx/html/article.html")
echo "article page: $path ($size bytes), wrk -t2 -c$connections -d${duration}s, $(nproc) cores"
read -r b_rps b_p99 b_n < <(run_wrk "http://127.0.0.1:$port$path")
read -r n_rps n_p99 n_n < <(run_wrk "http://127.0.0.1:$nginx_port/article.html")

# Every request wrk made to Broadsheet was a counted view: check after a graceful stop.
kill -TERM "$server_pid"; wait "$server_pid" || true; server_pid=""
views_after=$(sqlite3 "$work/data/broadsheet.db" "SELECT views FROM articles WHERE id = 1")

printf '%-24s %12s %10s\n' "" "requests/s" "p99 (ms)"
printf '%-24s %12.0f %10.2f\n' "broadsheet (dynamic)" "$b_rps" "$b_p99"
printf '%-24s %12.0f %10.2f\n' "nginx (static file)" "$n_rps" "$n_p99"
awk -v b="$b_rps" -v n="$n_rps" 'BEGIN {printf "ratio broadsheet/nginx: %.2f\n", b / n}'
echo "views counted: $((views_after - views_before)) (wrk completed $b_n requests; wrk stops mid-request, so a few more may be counted)"
