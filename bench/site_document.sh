#!/usr/bin/env bash
# Moving a large site with the site document (issue 14): generates a document of N articles
# in 20 categories as a site moved in from K2 holds them (bench/generate_site.py --moved: ~2 KB
# bodies, two tags each, an old link each, comments, rating bases, redirects), then times
# `broadsheet import` into a fresh store and `broadsheet export` of it under /usr/bin/time,
# printing seconds and peak memory (RSS) of each, and checks the export holds every record.
# Both stream a record at a time, so peak memory should not grow with N. Not a test: it gates
# nothing.
#
#   bench/site_document.sh [N=1000000]
#   BENCH_STORE=postgres bench/site_document.sh 100000   (a PostgreSQL cluster of its own)
set -euo pipefail
cd "$(dirname "$0")/.."
count=${1:-1000000}

source bench/common.sh
bench_build

bench_scratch_store

echo "store: ${BENCH_STORE:-sqlite}; generating a moved site of $count articles"
t0=$(date +%s.%N)
bench/generate_site.py "$count" 20 --moved >"$work/site.json"
echo "document: $(du -h "$work/site.json" | cut -f1) in $(awk -v a="$t0" -v b="$(date +%s.%N)" \
  'BEGIN {printf "%.1f", b - a}') s"

"$binary" init "${store_args[@]}" >/dev/null
/usr/bin/time -f "%e %M" -o "$work/import.time" "$binary" import "${store_args[@]}" \
  "$work/site.json" 2>"$work/import.log" >/dev/null
read -r import_s import_kb <"$work/import.time"
echo "import: ${import_s} s, peak memory $((import_kb / 1024)) MB"

/usr/bin/time -f "%e %M" -o "$work/export.time" "$binary" export "${store_args[@]}" \
  "$work/export.json" 2>"$work/export.log" >/dev/null
read -r export_s export_kb <"$work/export.time"
echo "export: ${export_s} s, peak memory $((export_kb / 1024)) MB, $(du -h "$work/export.json" | cut -f1)"

# Every record came back: the same number of each list as the generator wrote.
python3 - "$work/site.json" "$work/export.json" <<'PY'
import re, sys
def counts(path):
    found, name = {}, None
    with open(path) as f:
        for line in f:
            m = re.match(r'^"([a-z_]+)": ?\[', line)
            if m:
                name = m.group(1)
                found[name] = 0
                line = line[m.end():]
                if not line.strip() or line.strip() in ("]", "],"):
                    continue
            if name and line.lstrip().startswith("{"):
                found[name] += 1
    return found
a, b = counts(sys.argv[1]), counts(sys.argv[2])
lists = ", ".join(f"{k} {b.get(k, 0)}" for k in a if a[k])
same = all(a[k] == b.get(k, 0) for k in a)
print(f"export holds {lists}: {'every record' if same else 'NOT every record'}")
sys.exit(0 if same else 1)
PY
