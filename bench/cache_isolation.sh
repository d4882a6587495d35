#!/usr/bin/env bash
# Cached pages stay fast while slow work floods the server: wrk reads a cached article page
# alone, then again while a second wrk floods votes from new readers (each a durable write)
# and a third fetches security-code audio with a fresh token per request (each a speech
# synthesis), with the rate limits raised so the floods do real work. Prints the article
# page's requests/s and p99 in both runs and each flood's accepted and refused counts. The
# target: p99 under 10 ms with the floods, and within twice its p99 without them. Not a test.
#
#   bench/cache_isolation.sh [DURATION_SECONDS=10]
set -euo pipefail
cd "$(dirname "$0")/.."
duration=${1:-10}
agent="Mozilla/5.0 (X11; Linux x86_64) Chrome/120.0"

source bench/common.sh
bench_build
bench_start_demo --set cache.max_age_s=3600 --set ratings.votes_per_address=1000000000 \
  --set captcha.per_address=1000000000

curl -fsS -o /dev/null -A "$agent" "$base$path"  # cached from now on

cat >"$work/vote.lua" <<'LUA'
-- No cookie: every vote comes from a new reader, a new row written durably.
wrk.method = "POST"
wrk.body = "stars=4"
wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
wrk.headers["Accept"] = "application/json"
LUA

cat >"$work/audio.lua" <<'LUA'
-- Each audio request needs a fresh token: ask /captcha/new, then fetch its audio, in turn.
local token = nil
request = function()
  if token then
    local path = "/captcha/audio?token=" .. token
    token = nil
    return wrk.format("GET", path)
  end
  return wrk.format("GET", "/captcha/new")
end
response = function(status, headers, body)
  local found = body and body:match('"token"%s*:%s*"([^"]+)"')
  if found then token = found end
end
LUA

summary() {  # WRK_OUTPUT -> "requests/s p99_ms total non_2xx"
  awk '/Requests\/sec/ {rps=$2}
       /^ +99%/ {v=$2; if (v ~ /us$/) {sub(/us/,"",v); v=v/1000} else if (v ~ /ms$/) {sub(/ms/,"",v)} else if (v ~ /s$/) {sub(/s/,"",v); v=v*1000}; p99=v}
       /requests in/ {n=$1}
       /Non-2xx/ {bad=$NF}
       END {printf "%s %s %s %s\n", rps, p99, n, bad+0}' "$1"
}

echo "article page $path, wrk -t1 -c32 -d${duration}s; floods: votes wrk -t1 -c32, audio wrk -t1 -c8"
wrk -t1 -c32 -d"${duration}s" --latency -H "User-Agent: $agent" "$base$path" >"$work/alone.out"
read -r a_rps a_p99 _ _ < <(summary "$work/alone.out")

wrk -t1 -c32 -d"$((duration + 2))s" --latency -s "$work/vote.lua" "$base$path/rating" >"$work/votes.out" &
votes_pid=$!
wrk -t1 -c8 -d"$((duration + 2))s" --latency -s "$work/audio.lua" "$base" >"$work/audio.out" &
audio_pid=$!
sleep 1
wrk -t1 -c32 -d"${duration}s" --latency -H "User-Agent: $agent" "$base$path" >"$work/flooded.out"
wait "$votes_pid" "$audio_pid"
read -r f_rps f_p99 _ _ < <(summary "$work/flooded.out")
read -r v_rps _ v_n v_bad < <(summary "$work/votes.out")
read -r c_rps _ c_n c_bad < <(summary "$work/audio.out")

printf '%-34s %12s %9s\n' "" "requests/s" "p99_ms"
printf '%-34s %12.0f %9.2f\n' "article page alone" "$a_rps" "$a_p99"
printf '%-34s %12.0f %9.2f\n' "article page during the floods" "$f_rps" "$f_p99"
echo "vote flood: $((v_n - v_bad)) accepted, $v_bad refused (503 when the worker queue was full) of $v_n"
echo "audio flood (new + audio, alternating): $((c_n - c_bad)) answered 200, $c_bad refused of $c_n"
awk -v a="$a_p99" -v f="$f_p99" 'BEGIN {printf "p99 during the floods / alone: %.2f (target: under 10 ms and at most 2)\n", f / a}'
