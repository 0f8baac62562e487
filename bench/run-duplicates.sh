#!/usr/bin/env bash
# Duplicate-check benchmark: a database with many open reports, then the duplicate search for new
# ones, first on SQLite, then on PostgreSQL (a throwaway server from scripts/postgres.sh).
#   bench/run-duplicates.sh                              # 1,000,000 reports, 1,000 checks per database
#   BENCH_REPORTS=100000 BENCH_PROBES=300 bench/run-duplicates.sh   # quick run (under a minute)
#   BENCH_DATABASES=postgres bench/run-duplicates.sh
# Settings (environment): BENCH_REPORTS (1000000), BENCH_PROBES (1000), BENCH_DATABASES ("sqlite postgres"),
# BENCH_MAX_SECONDS per database (360). See bench/Aduan.Bench.Duplicates/README.md.
set -euo pipefail

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$repo"

reports=${BENCH_REPORTS:-1000000}
probes=${BENCH_PROBES:-1000}
databases=${BENCH_DATABASES:-sqlite postgres}
max_seconds=${BENCH_MAX_SECONDS:-360}
bench=bench/Aduan.Bench.Duplicates/bin/Release/net10.0/Aduan.Bench.Duplicates.dll
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

work=$(mktemp -d /tmp/aduan-bench-dup.XXXXXX)
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

echo "== Aduan duplicate-check benchmark"
echo "date:    $(date -u '+%Y-%m-%d %H:%M:%S UTC')"
commit=$(git rev-parse --short HEAD 2>/dev/null || echo unknown)
[ -n "$(git status --porcelain -- src packs 2>/dev/null)" ] && commit="$commit (with uncommitted changes in src/ or packs/)"
echo "commit:  $commit"
echo "machine: $(nproc) cores,$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2), $(awk '/MemTotal/ {printf "%.1f GiB", $2/1048576}' /proc/meminfo) RAM, load average $(cut -d' ' -f1-3 /proc/loadavg)"
echo "dotnet:  $(dotnet --version)"
echo "run:     $reports open reports, $probes checks (+50 warm-up) per database"

echo
echo "== Build (Release)"
timeout 300 dotnet build -c Release -nologo -v q bench/Aduan.Bench.Duplicates/Aduan.Bench.Duplicates.csproj

status=0
for db in $databases; do
  echo
  case "$db" in
    sqlite)
      echo "== SQLite (one file in a temp folder)"
      timeout --signal=INT --kill-after=10 "$max_seconds" dotnet "$bench" --database sqlite --data "$work/sqlite" \
        --reports "$reports" --probes "$probes" || { echo "SQLite run exited with status $?." >&2; status=1; }
      rm -rf "$work/sqlite"
      ;;
    postgres)
      echo "== PostgreSQL (throwaway server from scripts/postgres.sh: fsync and synchronous_commit off)"
      eval "$(scripts/postgres.sh start)"
      pg_dir=$ADUAN_PG_DIR
      echo "server:  $("$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)/postgres" --version)"
      psql_bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)/psql
      "$psql_bin" -h 127.0.0.1 -p "$ADUAN_PG_PORT" -U postgres -d postgres -qc "CREATE DATABASE aduan_bench" >/dev/null
      connection="Host=127.0.0.1;Port=$ADUAN_PG_PORT;Username=postgres;Database=aduan_bench;Maximum Pool Size=20"
      timeout --signal=INT --kill-after=10 "$max_seconds" dotnet "$bench" --database postgres --connection "$connection" --data "$work/pg" \
        --reports "$reports" --probes "$probes" || { echo "PostgreSQL run exited with status $?." >&2; status=1; }
      scripts/postgres.sh stop "$pg_dir" || true
      pg_dir=""
      ;;
    *)
      echo "unknown database '$db' (sqlite or postgres)" >&2
      status=2
      ;;
  esac
done
exit $status
