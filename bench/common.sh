# Shared by the bench/ scripts that run a server (sourced, not run): build Broadsheet in
# Release, and start `broadsheet serve --demo` on a free loopback port in a scratch folder that
# is removed on exit, with the server stopped first.
#
#   source bench/common.sh
#   bench_build [EXTRA_DEBIAN_PACKAGES...]   sets $binary (an absolute path)
#   bench_scratch_store                      sets $work, $store_args, $pg_dir (BENCH_STORE)
#   bench_start_demo [SERVE_ARGS...]         sets $work, $data, $port, $base, $server_pid, $path
#                                            (article 1's address)

bench_build() {
  scripts/install-deps "$@"
  export CCACHE_DIR="${CCACHE_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/ccache}"
  # Paths relative to the clone, so a fresh clone in another folder still hits the cache.
  export CCACHE_BASEDIR="$PWD" CCACHE_NOHASHDIR=true
  cmake -S . -B build/release -DCMAKE_BUILD_TYPE=Release -DBROADSHEET_TESTS=OFF >/dev/null
  cmake --build build/release -j "$(nproc)" >/dev/null
  binary=$PWD/build/release/src/broadsheet
}

bench_cleanup() {
  [[ -n "${server_pid:-}" ]] && kill "$server_pid" 2>/dev/null && wait "$server_pid" 2>/dev/null
  [[ -n "${pg_dir:-}" ]] && scripts/stop-postgres "$pg_dir" >/dev/null 2>&1
  [[ -n "${work:-}" ]] && rm -rf "$work"
  return 0
}

# A scratch folder with a store for `broadsheet` commands: SQLite in it, or with
# BENCH_STORE=postgres a PostgreSQL cluster of its own. Both are removed on exit (and a server
# in $server_pid stopped first). Sets $work, $store_args (the store's flags) and $pg_dir.
bench_scratch_store() {
  work=$(mktemp -d)
  server_pid=""
  pg_dir=""
  trap bench_cleanup EXIT
  store_args=(--data "$work/data")
  if [[ "${BENCH_STORE:-sqlite}" == postgres ]]; then
    scripts/start-postgres >"$work/pgenv"
    pg_dir=$(grep '^BROADSHEET_TEST_POSTGRES_DIR=' "$work/pgenv" | cut -d= -f2)
    store_args+=(--store "$(grep '^BROADSHEET_TEST_POSTGRES_URL=' "$work/pgenv" | cut -d= -f2-)")
  fi
}

bench_start_demo() {
  work=$(mktemp -d)
  data=$work/data
  trap bench_cleanup EXIT
  "$binary" serve --demo --data "$data" --listen 127.0.0.1:0 --port-file "$work/port" "$@" \
    >"$work/server.log" 2>&1 &
  server_pid=$!
  for _ in $(seq 100); do [[ -s "$work/port" ]] && break; sleep 0.1; done
  [[ -s "$work/port" ]] || { echo "bench: the server did not start:" >&2; cat "$work/server.log" >&2; exit 1; }
  port=$(cat "$work/port")
  base="http://127.0.0.1:$port"
  path=$(curl -fsS -A "Mozilla/5.0 (X11; Linux x86_64)" "$base/" |
    grep -o 'href="/[a-z-]*/1-[a-z0-9-]*"' | head -1 | cut -d'"' -f2)
  [[ -n "$path" ]] || { echo "bench: cannot find article 1 on the front page" >&2; exit 1; }
}

# Stops the server gracefully (pending views are written) and waits for it.
bench_stop_server() {
  kill -TERM "$server_pid"
  wait "$server_pid" || true
  server_pid=""
}
