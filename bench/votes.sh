#!/usr/bin/env bash
# Vote throughput: POST /{category}/{id}-{slug}/rating with wrk, each request a new reader (no
# cookie), so every one inserts a vote row and is committed before its answer. On SQLite this
# measures group commit (synchronous=FULL: one fsync per group, not per vote). After a graceful
# stop it checks that the store holds exactly as many new votes as wrk got 200 answers. There is
# no baseline on this machine to compare with (WordPress and Ghost have no built-in ratings),
# so it prints the figures alone. Not a test: it gates nothing.
#
#   bench/votes.sh [DURATION_SECONDS=10] [CONNECTIONS=64]
set -euo pipefail
cd "$(dirname "$0")/.."
duration=${1:-10}
connections=${2:-64}

source bench/common.sh
bench_build
bench_start_demo --set ratings.votes_per_address=1000000000 --set log.access=off
votes_before=$(sqlite3 "$work/data/broadsheet.db" "SELECT count(*) FROM votes WHERE article_id = 1")

cat >"$work/vote.lua" <<'LUA'
wrk.method = "POST"
wrk.body = "stars=4"
wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
wrk.headers["Accept"] = "application/json"
local ok = 0
function response(status) if status == 200 then ok = ok + 1 end end
function done(summary) end
LUA
wrk -t2 -c"$connections" -d"${duration}s" --latency -s "$work/vote.lua" \
  "http://127.0.0.1:$port$path/rating" >"$work/wrk.out"
kill -TERM "$server_pid"; wait "$server_pid" || true; server_pid=""

read -r rps p99 n non2xx < <(awk '/Requests\/sec/ {rps=$2}
     /^ +99%/ {v=$2; if (v ~ /us$/) {sub(/us/,"",v); v=v/1000} else if (v ~ /ms$/) {sub(/ms/,"",v)} else if (v ~ /s$/) {sub(/s/,"",v); v=v*1000}; p99=v}
     /requests in/ {n=$1}
     /Non-2xx/ {bad=$NF}
     END {printf "%s %s %s %s\n", rps, p99, n, bad+0}' "$work/wrk.out")
votes_after=$(sqlite3 "$work/data/broadsheet.db" "SELECT count(*) FROM votes WHERE article_id = 1")
echo "votes on SQLite (synchronous=FULL, group commit): wrk -t2 -c$connections -d${duration}s, $(nproc) cores"
printf '%-28s %12.0f\n' "votes/s" "$rps"
printf '%-28s %12.2f\n' "p99 (ms)" "$p99"
printf '%-28s %12d\n' "answered 200" "$((n - non2xx))"
printf '%-28s %12d\n' "new vote rows in the store" "$((votes_after - votes_before))"
# Requests still in flight when wrk stops may be stored without wrk seeing their answer.
if [[ $((votes_after - votes_before)) -ge $((n - non2xx)) ]]; then
  echo "every acknowledged vote is stored"
else
  echo "LOST VOTES: fewer stored than acknowledged" >&2; exit 1
fi
