#!/usr/bin/env bash
# Deadline benchmarks: the replay of Surabaya's real answer times (no database), then the escalation
# sweep over many open dispatched reports, first on SQLite, then on PostgreSQL (a throwaway server
# from scripts/postgres.sh).
#   bench/run-deadlines.sh                                  # replay + 1,000,000 reports, 10,000 due, per database
#   BENCH_REPORTS=100000 BENCH_DUE=1000 bench/run-deadlines.sh   # quick run (about a minute)
#   BENCH_DATABASES=postgres ADUAN_PG_DURABLE=1 bench/run-deadlines.sh   # PostgreSQL with fsync on
# Settings (environment): BENCH_REPORTS (1000000), BENCH_DUE (10000), BENCH_IDLE_RUNS (20),
# BENCH_DATABASES ("sqlite postgres"; "none" for the replay only), BENCH_MAX_SECONDS per database (420).
# See bench/README.md ("Deadline benchmarks").
set -euo pipefail

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$repo"

reports=${BENCH_REPORTS:-1000000}
due=${BENCH_DUE:-10000}
idle_runs=${BENCH_IDLE_RUNS:-20}
databases=${BENCH_DATABASES:-sqlite postgres}
max_seconds=${BENCH_MAX_SECONDS:-420}
bench=bench/Aduan.Bench.Deadlines/bin/Release/net10.0/Aduan.Bench.Deadlines.dll
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

work=$(mktemp -d /tmp/aduan-bench-deadlines.XXXXXX)
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

echo "== Aduan deadline benchmarks"
echo "date:    $(date -u '+%Y-%m-%d %H:%M:%S UTC')"
commit=$(git rev-parse --short HEAD 2>/dev/null || echo unknown)
[ -n "$(git status --porcelain -- src packs 2>/dev/null)" ] && commit="$commit (with uncommitted changes in src/ or packs/)"
echo "commit:  $commit"
echo "machine: $(nproc) cores,$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2), $(awk '/MemTotal/ {printf "%.1f GiB", $2/1048576}' /proc/meminfo) RAM, load average $(cut -d' ' -f1-3 /proc/loadavg)"
echo "dotnet:  $(dotnet --version)"
echo "run:     replay; sweep over $reports open dispatched reports, $due due, $idle_runs idle sweeps per database"

echo
echo "== Build (Release)"
timeout 300 dotnet build -c Release -nologo -v q bench/Aduan.Bench.Deadlines/Aduan.Bench.Deadlines.csproj

echo
echo "== Replay of Surabaya's answer times (aggregates only)"
timeout 120 dotnet "$bench" replay

status=0
for db in $databases; do
  echo
  echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
  case "$db" in
    none)
      ;;
    sqlite)
      echo "== SQLite (one file in a temp folder, WAL, synchronous=NORMAL)"
      timeout --signal=INT --kill-after=10 "$max_seconds" dotnet "$bench" sweep --database sqlite --data "$work/sqlite" \
        --reports "$reports" --due "$due" --idle-runs "$idle_runs" || { echo "SQLite run exited with status $?." >&2; status=1; }
      rm -rf "$work/sqlite"
      ;;
    postgres)
      if [ "${ADUAN_PG_DURABLE:-0}" = 1 ]; then
        echo "== PostgreSQL (throwaway server from scripts/postgres.sh, durable: fsync and synchronous_commit on)"
      else
        echo "== PostgreSQL (throwaway server from scripts/postgres.sh: fsync and synchronous_commit off; ADUAN_PG_DURABLE=1 for real commits)"
      fi
      eval "$(scripts/postgres.sh start)"
      pg_dir=$ADUAN_PG_DIR
      echo "server:  $("$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)/postgres" --version)"
      psql_bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)/psql
      "$psql_bin" -h 127.0.0.1 -p "$ADUAN_PG_PORT" -U postgres -d postgres -qc "CREATE DATABASE aduan_bench" >/dev/null
      connection="Host=127.0.0.1;Port=$ADUAN_PG_PORT;Username=postgres;Database=aduan_bench;Maximum Pool Size=20"
      timeout --signal=INT --kill-after=10 "$max_seconds" dotnet "$bench" sweep --database postgres --connection "$connection" --data "$work/pg" \
        --reports "$reports" --due "$due" --idle-runs "$idle_runs" || { echo "PostgreSQL run exited with status $?." >&2; status=1; }
      scripts/postgres.sh stop "$pg_dir" || true
      pg_dir=""
      ;;
    *)
      echo "unknown database '$db' (sqlite, postgres or none)" >&2
      status=2
      ;;
  esac
done
echo
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
exit $status
