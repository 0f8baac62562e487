#!/usr/bin/env bash
# Throwaway PostgreSQL for tests and benchmarks: initdb into a temp folder, loopback only,
# random port, trust auth (nothing but this machine can connect).
#   eval "$(scripts/postgres.sh start)"   # exports ADUAN_PG_DIR, ADUAN_PG_PORT, ADUAN_TEST_POSTGRES
#   scripts/postgres.sh stop "$ADUAN_PG_DIR"
# Durability is off by default (fsync, synchronous_commit, full_page_writes): the data is thrown
# away anyway. ADUAN_PG_DURABLE=1 keeps PostgreSQL's defaults, to measure with real commits.
set -euo pipefail

bindir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
[ -x "$bindir/initdb" ] || { echo "postgres.sh: no PostgreSQL server binaries under /usr/lib/postgresql" >&2; exit 1; }

as_owner() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

case "${1:-}" in
  start)
    dir=$(mktemp -d /tmp/aduan-pg.XXXXXX)
    [ "$(id -u)" = 0 ] && chown postgres:postgres "$dir"
    as_owner "$bindir/initdb" -D "$dir/data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 \
      || { cat "$dir/initdb.log" >&2; exit 1; }
    durability="-c fsync=off -c synchronous_commit=off -c full_page_writes=off"
    [ "${ADUAN_PG_DURABLE:-0}" = 1 ] && durability=""
    for attempt in 1 2 3 4 5 6 7 8; do
      port=$(shuf -i 20000-60000 -n 1)
      if as_owner "$bindir/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 30 \
           -o "-c listen_addresses=127.0.0.1 -p $port -k $dir $durability -c max_connections=200" \
           start >/dev/null 2>&1; then
        echo "export ADUAN_PG_DIR=$dir ADUAN_PG_PORT=$port"
        echo "export ADUAN_TEST_POSTGRES='Host=127.0.0.1;Port=$port;Username=postgres;Database=postgres;Pooling=true;Maximum Pool Size=50'"
        exit 0
      fi
    done
    cat "$dir/server.log" >&2
    exit 1
    ;;
  stop)
    dir=${2:?usage: postgres.sh stop DIR}
    as_owner "$bindir/pg_ctl" -D "$dir/data" -m immediate stop >/dev/null 2>&1 || true
    rm -rf "$dir"
    ;;
  *)
    echo "usage: $0 start | stop DIR" >&2
    exit 2
    ;;
esac
