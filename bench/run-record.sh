#!/usr/bin/env bash
# Record benchmark: generates realistic report lives (Surabaya's and LA's real spreads) straight
# into a fresh database, first SQLite, then PostgreSQL (a throwaway server from scripts/postgres.sh),
# and times the dashboard and public queries on them.
#   bench/run-record.sh                                   # 10,000,000 reports per database
#   BENCH_REPORTS=200000 bench/run-record.sh              # quick run (a minute or two)
#   BENCH_DATABASES=postgres ADUAN_PG_DURABLE=1 bench/run-record.sh
# Settings (environment): BENCH_REPORTS (10000000), BENCH_DATABASES ("sqlite postgres"),
# BENCH_MAX_SECONDS per database (5400), BENCH_KEEP (a folder: keep the SQLite file there).
# See bench/README.md ("Record benchmark").
set -euo pipefail

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$repo"

reports=${BENCH_REPORTS:-10000000}
databases=${BENCH_DATABASES:-sqlite postgres}
max_seconds=${BENCH_MAX_SECONDS:-5400}
bench=bench/Aduan.Bench.Record/bin/Release/net10.0/Aduan.Bench.Record.dll
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

work=$(mktemp -d /tmp/aduan-bench-record.XXXXXX)
pg_dir=""
cleanup() {
  if [ -n "$pg_dir" ]; then
    scripts/postgres.sh stop "$pg_dir" || true
    pg_dir=""
  fi
  rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

echo "== Aduan record benchmark"
echo "date:    $(date -u '+%Y-%m-%d %H:%M:%S UTC')"
commit=$(git rev-parse --short HEAD 2>/dev/null || echo unknown)
[ -n "$(git status --porcelain -- src packs bench 2>/dev/null)" ] && commit="$commit (with uncommitted changes)"
echo "commit:  $commit"
echo "machine: $(nproc) cores,$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2), $(awk '/MemTotal/ {printf "%.1f GiB", $2/1048576}' /proc/meminfo) RAM, load average $(cut -d' ' -f1-3 /proc/loadavg)"
echo "dotnet:  $(dotnet --version)"
echo "run:     $reports reports per database"

echo
echo "== Build (Release)"
timeout 600 dotnet build -c Release -nologo -v q bench/Aduan.Bench.Record/Aduan.Bench.Record.csproj

status=0
for db in $databases; do
  echo
  echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
  case "$db" in
    sqlite)
      echo "== SQLite (one file in a temp folder, WAL, synchronous=NORMAL)"
      data=${BENCH_KEEP:-$work/sqlite}
      timeout --signal=INT --kill-after=10 "$max_seconds" dotnet "$bench" --database sqlite --data "$data" --reports "$reports" \
        || { echo "SQLite run exited with status $?." >&2; status=1; }
      echo "database file: $(du -sh "$data" | cut -f1)"
      [ -z "${BENCH_KEEP:-}" ] && rm -rf "$work/sqlite"
      ;;
    postgres)
      if [ "${ADUAN_PG_DURABLE:-0}" = 1 ]; then
        echo "== PostgreSQL (throwaway server from scripts/postgres.sh, durable: fsync and synchronous_commit on)"
      else
        echo "== PostgreSQL (throwaway server from scripts/postgres.sh: fsync and synchronous_commit off; ADUAN_PG_DURABLE=1 for real commits)"
      fi
      eval "$(scripts/postgres.sh start)"
      pg_dir=$ADUAN_PG_DIR
      psql_bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)/psql
      echo "server:  $("$(dirname "$psql_bin")/postgres" --version)"
      "$psql_bin" -h 127.0.0.1 -p "$ADUAN_PG_PORT" -U postgres -d postgres -qc "CREATE DATABASE aduan_bench" >/dev/null
      connection="Host=127.0.0.1;Port=$ADUAN_PG_PORT;Username=postgres;Database=aduan_bench;Maximum Pool Size=20"
      timeout --signal=INT --kill-after=10 "$max_seconds" dotnet "$bench" --database postgres --connection "$connection" --data "$work/pg" --reports "$reports" \
        || { echo "PostgreSQL run exited with status $?." >&2; status=1; }
      echo "database size: $("$psql_bin" -h 127.0.0.1 -p "$ADUAN_PG_PORT" -U postgres -d aduan_bench -Atc "SELECT pg_size_pretty(pg_database_size('aduan_bench'))")"
      scripts/postgres.sh stop "$pg_dir" || true
      pg_dir=""
      ;;
    *)
      echo "unknown database '$db' (sqlite or postgres)" >&2
      status=2
      ;;
  esac
done
echo
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
exit $status
