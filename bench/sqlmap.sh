#!/usr/bin/env bash
# SQL injection attempts (issue 9): sqlmap at --level 3 --risk 2 against every query parameter,
# every form field and the ids in paths, on `broadsheet serve --demo` with the limits raised
# and no minimum fill time, so that payloads reach the store rather than a rate limit. For the
# comment form, sqlmap's --eval fetches a fresh security code before each request and solves
# it with `broadsheet captcha solve`, so its payloads are stored as comments (the rows the run
# inserted are counted at the end). Prints one line per target with sqlmap's verdict; exits 1
# if sqlmap calls anything injectable. Not a test: it gates nothing and takes minutes.
#
#   bench/sqlmap.sh [EXTRA_SQLMAP_ARGS...]
set -euo pipefail
cd "$(dirname "$0")/.."
agent="Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0 Safari/537.36"

source bench/common.sh
bench_build sqlmap

raised=(--set comments.min_fill_ms=0 --set comments.per_address=100000000
        --set comments.per_reader=100000000 --set captcha.per_address=100000000
        --set ratings.votes_per_address=100000000 --set comments.reports_per_address=100000000
        --set comments.duplicate_window_s=0 --set server.max_connections_per_address=100000)
bench_start_demo "${raised[@]}"
category=${path%/*}
slug=${path##*/1-}

# One comment to report, and one image code to ask for.
solve() { "$binary" captcha solve "$1" --data "$data"; }
token=$(curl -fsS "$base/captcha/new?kind=image" | sed 's/.*"token":"\([^"]*\)".*/\1/')
comment_id=$(curl -fsS -A "$agent" -H 'Accept: application/json' \
  --data-urlencode "name=First Reader" --data-urlencode "comment=Before the run." \
  --data-urlencode "captcha_token=$token" --data-urlencode "captcha_answer=$(solve "$token")" \
  "$base$path/comments" | sed 's/.*"id":\([0-9]*\).*/\1/')
image_token=$(curl -fsS "$base/captcha/new?kind=image" | sed 's/.*"token":"\([^"]*\)".*/\1/')

count() { sqlite3 "$data/broadsheet.db" "SELECT (SELECT count(*) FROM comments) || ' comments, ' || (SELECT count(*) FROM votes) || ' votes, ' || (SELECT count(*) FROM comment_reports) || ' reports'"; }
before=$(count)

# sqlmap's --eval runs this before every request: a fresh code, solved with the site key.
fresh_code="import json,subprocess,urllib.request
challenge=json.load(urllib.request.urlopen('$base/captcha/new?kind=image'))
captcha_token=challenge['token']
captcha_answer=subprocess.check_output(['$binary','captcha','solve',captcha_token,'--data','$data']).decode().strip()"

common=(--batch --level 3 --risk 2 --flush-session --disable-coloring --user-agent "$agent"
        --output-dir "$work/sqlmap" "$@")
verdicts=0
targets=0
target() {  # NAME SQLMAP_ARGS...
  local name=$1
  shift
  local log="$work/target-$((++targets)).log" started=$SECONDS requests_before requests_after
  requests_before=$(wc -l <"$data/access.log")
  sqlmap "${common[@]}" "$@" >"$log" 2>&1 || true
  sleep 0.5  # the access log is written every 200 ms
  requests_after=$(wc -l <"$data/access.log")
  local verdict
  if grep -qiE "is vulnerable|appears to be .*injectable|sqlmap identified the following injection" "$log"; then
    verdict="INJECTABLE (see below)"
    verdicts=1
    grep -iE "injectable|Parameter:|Type:|Payload:" "$log" | sed 's/^/    /'
  elif grep -q "all tested parameters do not appear to be injectable" "$log"; then
    verdict="not injectable"
  else
    verdict="no verdict: $(grep -E '\[(CRITICAL|ERROR)\]' "$log" | tail -1 || true)"
    verdicts=1
  fi
  printf '%-34s %7d requests %5ds  %s\n' "$name" $((requests_after - requests_before)) \
    $((SECONDS - started)) "$verdict"
}

echo "sqlmap $(sqlmap --version 2>/dev/null | grep -oE '^[0-9][^ ]*' | head -1) against $base (article $path, comment $comment_id)"
target "GET / ?page" -u "$base/?page=1" -p page
target "GET /{category}/ ?page" -u "$base$category/?page=1" -p page
target "GET article ?rated ?commented" -u "$base$path?rated=4&commented=held" -p "rated,commented"
target "GET article/comments ?page" -u "$base$path/comments?page=1" -p page
target "GET /captcha/new ?kind" -u "$base/captcha/new?kind=image" -p kind
target "GET /captcha/image ?token" -u "$base/captcha/image?token=$image_token" -p token
target "GET /captcha/audio ?token" -u "$base/captcha/audio?token=$image_token" -p token
target "GET article id in the path" -u "$base$category/1*-$slug"
target "POST rating stars" -u "$base$path/rating" --data "stars=4" -p stars
target "POST comment fields (solved codes)" -u "$base$path/comments" \
  --data "name=Reader&email=reader%40example.org&url=&comment=Hello&captcha_token=x&captcha_answer=y" \
  -p "name,email,url,comment" --eval "$fresh_code"
target "POST comment code fields" -u "$base$path/comments" \
  --data "name=Reader&comment=Hello&captcha_token=$image_token&captcha_answer=ABCDEF" \
  -p "captcha_token,captcha_answer"
target "GET article cookie and headers" -u "$base$path" --cookie "bs_reader=x" \
  -p "bs_reader,User-Agent,Referer"
target "POST report id in the path" -u "$base/comments/$comment_id*/report" --method POST --data "x=1"
after=$(count)
echo "rows before the run: $before"
echo "rows after the run:  $after"
exit "$verdicts"
