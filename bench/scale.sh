#!/usr/bin/env bash
# Flat cost from a small site to a large one: generates a site document of N articles in 20
# categories (bodies of about 2 KB, views, votes), imports it with `broadsheet import` (time
# and peak memory), starts the server (start-up time, idle memory), then measures with wrk the
# article page, the front page, a category page and a deep category page (page 400, or the
# last one on a smaller site), a tag page, an author page, an archive month and two searches
# (issue 13; each article has two tags, from 100 topics and 7 threads), cached (the same
# address again and again) and uncached (a server with [cache] max_age_s = 0 and [search]
# cache_s = 0, so every request is a render; the "Most read" and "Best rated"
# boxes keep their own lifetime, [cache] side_boxes_s), and a walk over 100 distinct
# listing pages no cache holds. Prints the figures. Not a test: it gates nothing. wrk runs one
# thread with 32 connections, which leaves one core of two to the server: it runs one I/O
# thread (BENCH_WORKERS, as in bench/article_page.sh).
#
#   [BENCH_WORKERS=1] bench/scale.sh [N=100000] [DURATION_SECONDS=5]
#   BENCH_STORE=postgres bench/scale.sh 100000   (a PostgreSQL cluster of its own, started and
#                                                 stopped by the script)
set -euo pipefail
cd "$(dirname "$0")/.."
count=${1:-100000}
duration=${2:-5}
categories=20

source bench/common.sh
bench_build

bench_scratch_store

echo "generating a site of $count articles in $categories categories"
bench/generate_site.py "$count" "$categories" >"$work/site.json"
echo "document: $(du -h "$work/site.json" | cut -f1)"

"$binary" init "${store_args[@]}" >/dev/null
/usr/bin/time -f "%e %M" -o "$work/import.time" "$binary" import "${store_args[@]}" "$work/site.json" >/dev/null
read -r import_s import_kb <"$work/import.time"
echo "import: ${import_s} s, peak memory $((import_kb / 1024)) MB"
# The import leaves gigabytes for the kernel to write back and free: let that finish before
# measuring a server (the first run after a million-article import showed p99 of 20-26 ms that
# a run on the same database a minute later did not).
sync_s=$( { /usr/bin/time -f "%e" sync; } 2>&1 )
echo "sync after the import: ${sync_s} s"

start_server() {  # SERVE_ARGS... -> sets server_pid, base, startup (seconds)
  rm -f "$work/port"
  local t0
  t0=$(date +%s.%N)
  "$binary" serve "${store_args[@]}" --listen 127.0.0.1:0 --port-file "$work/port" \
    --set server.threads="${BENCH_WORKERS:-1}" --set search.per_address=1000000 "$@" \
    >"$work/server.log" 2>&1 &
  server_pid=$!
  for _ in $(seq 600); do [[ -s "$work/port" ]] && break; sleep 0.05; done
  base="http://127.0.0.1:$(cat "$work/port")"
  curl -fsS -o /dev/null "$base/healthz"
  startup=$(awk -v a="$t0" -v b="$(date +%s.%N)" 'BEGIN {printf "%.2f", b - a}')
}
stop_server() { kill -TERM "$server_pid"; wait "$server_pid" || true; server_pid=""; }

agent="Mozilla/5.0 (X11; Linux x86_64) Chrome/120.0"
wrk_p99() {  # URL -> "requests/s p99_ms"
  wrk -t1 -c32 -d"${duration}s" --latency -H "User-Agent: $agent" "$1" >"$work/wrk.out"
  awk '/Requests\/sec/ {rps=$2}
       /^ +99%/ {v=$2; if (v ~ /us$/) {sub(/us/,"",v); v=v/1000} else if (v ~ /ms$/) {sub(/ms/,"",v)} else if (v ~ /s$/) {sub(/s/,"",v); v=v*1000}; p99=v}
       END {printf "%s %s\n", rps, p99}' "$work/wrk.out"
}

per_category=$((count / categories))
deep=$(( (per_category + 9) / 10 ))
(( deep > 400 )) && deep=400
article="/section-$((1 + count / 2 % categories))/$((count / 2))-story-$((count / 2))"
# Issue 13: a tag's page (1% of the articles), an author's (2%), the month of the middle
# article, and two searches: two words that match a handful of articles, and one common word
# that matches nearly every article (all of them are ranked).
middle_month=$(python3 -c "import datetime; print((datetime.datetime(2016,1,1)+datetime.timedelta(minutes=5*($count//2))).strftime('%Y/%m'))")
pages=("$article" "/" "/section-3/" "/section-3/?page=$deep" "/tag/topic-7/" "/author/writer-7/"
       "/archive/$middle_month/" "/search?q=story+$((count / 3))" "/search?q=harbour")
names=("article" "front" "category" "category page $deep" "tag page" "author page"
       "archive month" "search, a few matches" "search, common word")

start_server --set cache.max_age_s=3600
sleep 2
rss=$(awk '/VmRSS/ {print int($2 / 1024)}' "/proc/$server_pid/status")
echo "start-up: ${startup} s, idle memory (RSS): ${rss} MB"
printf '%-22s %12s %9s\n' "cached" "requests/s" "p99_ms"
# Reported, not hidden: the article page in the first seconds after start, before the warm runs.
curl -fsS -o /dev/null -A "$agent" "$base${pages[0]}"
read -r rps p99 < <(wrk_p99 "$base${pages[0]}")
printf '%-22s %12.0f %9.2f\n' "article, right after start" "$rps" "$p99"
for i in "${!pages[@]}"; do
  curl -fsS -o /dev/null -A "$agent" "$base${pages[$i]}"
  read -r rps p99 < <(wrk_p99 "$base${pages[$i]}")
  printf '%-22s %12.0f %9.2f\n' "${names[$i]}" "$rps" "$p99"
done
# 100 distinct listing pages, each fetched once: none of them is cached yet.
walk=()
for p in $(seq 2 101); do walk+=("$(curl -fsS -o /dev/null -w '%{time_total}' -A "$agent" "$base/section-$((p % categories + 1))/?page=$(( (p * 37) % deep + 1 ))")"); done
printf '%s\n' "${walk[@]}" | sort -g | awk '{a[NR]=$1*1000} END {printf "walk over 100 uncached listing pages: p50 %.1f ms, p99 %.1f ms, max %.1f ms\n", a[int(NR*0.5)], a[int(NR*0.99)], a[NR]}'
stop_server

start_server --set cache.max_age_s=0 --set search.cache_s=0
printf '%-22s %12s %9s\n' "uncached (every hit renders)" "requests/s" "p99_ms"
for i in "${!pages[@]}"; do
  read -r rps p99 < <(wrk_p99 "$base${pages[$i]}")
  printf '%-22s %12.0f %9.2f\n' "${names[$i]}" "$rps" "$p99"
done
stop_server
