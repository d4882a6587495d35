#!/usr/bin/env bash
# What a large import's freed memory does to the cached page's p99 on this virtual machine,
# for Broadsheet and for nginx alike. A process touches and frees GIGABYTES of memory (as
# `broadsheet import` of a million articles does, peak 12 GB); then each server is measured
# in RUNS consecutive runs of wrk -t1 -c32, with the hypervisor's steal time (/proc/stat) over
# each run. The balloon device here reports freed pages to the host (virtio-balloon
# VIRTIO_BALLOON_F_REPORTING); touching them again stalls the virtual CPU in the host. The
# script prints whether the feature is on. Not a test: it gates nothing.
#
#   bench/freed_memory.sh [GIGABYTES=12] [RUNS=5] [DURATION_SECONDS=5]
set -euo pipefail
cd "$(dirname "$0")/.."
gigabytes=${1:-12}
runs=${2:-5}
duration=${3:-5}

source bench/common.sh
bench_build nginx

balloon=""
for d in /sys/bus/virtio/devices/*; do
  if [[ "$(basename "$(readlink "$d/driver" 2>/dev/null)")" == virtio_balloon ]]; then
    balloon=$(cat "$d/features")
  fi
done
if [[ -n "$balloon" ]]; then
  echo "virtio-balloon free page reporting (feature bit 5): ${balloon:5:1}"
else
  echo "no virtio-balloon device"
fi

agent="Mozilla/5.0 (X11; Linux x86_64) Chrome/120.0"
bench_start_demo --threads 1 --set cache.max_age_s=3600
curl -fsS -o "$work/page.html" -A "$agent" "$base$path"
chmod 755 "$work"
chmod 644 "$work/page.html"
nginx_port=$((port + 1))
cat >"$work/nginx.conf" <<EOF
worker_processes 1;
daemon off;
pid $work/nginx.pid;
error_log $work/nginx-error.log;
events { worker_connections 1024; }
http {
  access_log $work/nginx-access.log;
  server { listen 127.0.0.1:$nginx_port; root $work; }
}
EOF

free_memory() {
  python3 -c "
b = bytearray($gigabytes * 2**30)
for i in range(0, len(b), 4096): b[i] = 1
"
  sleep 5  # the balloon reports freed pages shortly after they are freed
}
steal_ticks() { awk '/^cpu / {print $9}' /proc/stat; }
measure() {  # LABEL URL [USER_AGENT]
  local r s0 s1 p99
  for r in $(seq "$runs"); do
    s0=$(steal_ticks)
    p99=$(wrk -t1 -c32 -d"${duration}s" --latency -H "User-Agent: $agent" "$2" | awk '/ 99%/ {print $2}')
    s1=$(steal_ticks)
    printf '%-11s run %d (%2d-%2d s after): p99 %9s, steal %4d ms\n' "$1" "$r" \
      $(((r - 1) * duration)) $((r * duration)) "$p99" $(((s1 - s0) * 1000 / $(getconf CLK_TCK)))
  done
}

echo "touching and freeing ${gigabytes} GB, then the cached article page:"
free_memory
measure broadsheet "$base$path"
echo "touching and freeing ${gigabytes} GB, then nginx serving the same bytes as a file:"
nginx -c "$work/nginx.conf" &
nginx_pid=$!
sleep 1
free_memory
measure nginx "http://127.0.0.1:$nginx_port/page.html"
kill "$nginx_pid"
wait "$nginx_pid" 2>/dev/null || true
