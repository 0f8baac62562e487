#!/usr/bin/env bash
# Intake benchmark against the real server, first on SQLite, then on PostgreSQL.
#   bench/run-intake.sh                                   # full run (2000 requests per level)
#   BENCH_REQUESTS=300 bench/run-intake.sh                # quick smoke run
#   BENCH_DATABASES=postgres bench/run-intake.sh --categories jalan-rusak,banjir-genangan
# Settings (environment): BENCH_REQUESTS (2000), BENCH_CONCURRENCY (1,8,32), BENCH_WARMUP (200),
# BENCH_MAX_SECONDS per level (40), BENCH_DATABASES ("sqlite postgres"), BENCH_LOG_DIR (keep the
# server logs and a CSV of every request there). Other arguments go to the benchmark as they are. See bench/README.md.
# Bounded: each step has a time limit, so the default run ends well within 10 minutes.
set -euo pipefail

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$repo"

requests=${BENCH_REQUESTS:-2000}
concurrency=${BENCH_CONCURRENCY:-1,8,32}
warmup=${BENCH_WARMUP:-200}
max_seconds=${BENCH_MAX_SECONDS:-40}
databases=${BENCH_DATABASES:-sqlite postgres}
log_dir=${BENCH_LOG_DIR:-}

cli=src/Aduan.Cli/bin/Release/net10.0/Aduan.Cli.dll
bench=bench/Aduan.Bench/bin/Release/net10.0/Aduan.Bench.dll
levels=$(tr ',' '\n' <<<"$concurrency" | grep -c .)
# Each level: a warm-up of at most a quarter of the limit plus the measured part; 30 s to spare.
bench_timeout=$(( levels * max_seconds * 5 / 4 + 30 ))

export ASPNETCORE_ENVIRONMENT=Production
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
# `aduan serve` builds its own host arguments, so logging is set through the environment.
export Logging__LogLevel__Default=Warning
# Every benchmark request comes from 127.0.0.1: lift the per-address limit on new reports.
export Aduan__RateLimits__SubmitPerMinute=1000000

work=$(mktemp -d /tmp/aduan-bench.XXXXXX)
server_pid=""
pg_dir=""
ready_bytes=0

stop_server() {
  if [ -n "$server_pid" ] && kill -0 "$server_pid" 2>/dev/null; then
    kill -TERM "$server_pid" 2>/dev/null || true
    for _ in $(seq 1 30); do
      kill -0 "$server_pid" 2>/dev/null || break
      sleep 0.5
    done
    kill -KILL "$server_pid" 2>/dev/null || true
    wait "$server_pid" 2>/dev/null || true
  fi
  server_pid=""
}

cleanup() {
  stop_server
  if [ -n "$pg_dir" ]; then
    scripts/postgres.sh stop "$pg_dir" || true
    pg_dir=""
  fi
  rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

free_port() {
  local port
  for _ in $(seq 1 20); do
    port=$(shuf -i 20000-60000 -n 1)
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
      echo "$port"
      return 0
    fi
  done
  echo "run-intake.sh: no free port found" >&2
  return 1
}

# start_server NAME ARGS...: serve in the background and wait until the API answers.
start_server() {
  local name=$1 port log started
  shift
  port=$(free_port)
  url="http://127.0.0.1:$port"
  log="$work/server-$name.log"
  dotnet "$cli" serve --urls "$url" --packs "$repo/packs" "$@" >"$log" 2>&1 &
  server_pid=$!
  started=$SECONDS
  until [ "$(curl -s -o /dev/null -w '%{http_code}' "$url/openapi/v1.json" || true)" = 200 ]; do
    if ! kill -0 "$server_pid" 2>/dev/null; then
      echo "run-intake.sh: the $name server exited while starting:" >&2
      tail -n 40 "$log" >&2
      return 1
    fi
    if (( SECONDS - started > 120 )); then
      echo "run-intake.sh: the $name server did not answer within 120 s:" >&2
      tail -n 40 "$log" >&2
      return 1
    fi
    sleep 0.5
  done
  ready_bytes=$(stat -c %s "$log")
  echo "Server ready on $url after $(( SECONDS - started )) s (migrated, pack loaded)."
}

# log_summary TITLE: counts of warning-or-worse entries and exception messages read from stdin.
log_summary() {
  local text
  text=$(cat)
  if grep -qE '^(warn|fail|crit):' <<<"$text"; then
    echo "Server log $1, entries at warning or above (count, category):"
    grep -E '^(warn|fail|crit):' <<<"$text" | sort | uniq -c | sort -rn | head -n 20
    if grep -qE '[A-Za-z]Exception( \(0x[0-9A-Fa-f]+\))?:' <<<"$text"; then
      echo "Server log $1, exceptions (count, message):"
      grep -E '[A-Za-z]Exception( \(0x[0-9A-Fa-f]+\))?:' <<<"$text" | sed -E 's/^ +//' | sort | uniq -c | sort -rn | head -n 20
    fi
  else
    echo "Server log $1: no warnings or errors."
  fi
}

# server_errors NAME: what the server logged at warning level or above, start-up apart from load.
server_errors() {
  local log="$work/server-$1.log"
  if [ -n "$log_dir" ]; then
    cp "$log" "$log_dir/"
  fi
  head -c "$ready_bytes" "$log" | log_summary "during start-up"
  tail -c "+$(( ready_bytes + 1 ))" "$log" | log_summary "during the benchmark"
}

status=0
# run_bench NAME LABEL: the benchmark against the server started as NAME.
run_bench() {
  local name=$1 label=$2 csv=()
  if [ -n "$log_dir" ]; then
    csv=(--csv "$log_dir/intake-$name.csv")
  fi
  echo
  if timeout --signal=INT --kill-after=10 "$bench_timeout" dotnet "$bench" --url "$url" --label "$label" \
      --requests "$requests" --concurrency "$concurrency" --warmup "$warmup" --max-seconds "$max_seconds" "${csv[@]}" "${extra[@]}"; then
    :
  else
    echo "Benchmark on $label exited with status $?." >&2
    status=1
  fi
  echo
  server_errors "$name"
}
extra=("$@")
if [ -n "$log_dir" ]; then
  mkdir -p "$log_dir"
  log_dir=$(cd "$log_dir" && pwd)
fi

echo "== Aduan intake benchmark"
echo "date:    $(date -u '+%Y-%m-%d %H:%M:%S UTC')"
commit=$(git rev-parse --short HEAD 2>/dev/null || echo unknown)
[ -n "$(git status --porcelain -- src packs 2>/dev/null)" ] && commit="$commit (with uncommitted changes in src/ or packs/)"
echo "commit:  $commit"
echo "machine: $(nproc) cores,$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2), $(awk '/MemTotal/ {printf "%.1f GiB", $2/1048576}' /proc/meminfo) RAM, load average $(cut -d' ' -f1-3 /proc/loadavg)"
echo "dotnet:  $(dotnet --version)"
echo "run:     $requests requests per level, concurrency $concurrency, warm-up $warmup, at most $max_seconds s per level"

echo
echo "== Build (Release)"
timeout 300 dotnet build -c Release -nologo -v q src/Aduan.Cli/Aduan.Cli.csproj
timeout 120 dotnet build -c Release -nologo -v q bench/Aduan.Bench/Aduan.Bench.csproj

for db in $databases; do
  case "$db" in
    sqlite)
      echo
      echo "== SQLite (WAL, one file in a temp folder)"
      mkdir -p "$work/sqlite"
      start_server sqlite --data "$work/sqlite"
      run_bench sqlite SQLite
      stop_server
      rm -rf "$work/sqlite"
      ;;
    postgres)
      echo
      if [ "${ADUAN_PG_DURABLE:-0}" = 1 ]; then
        echo "== PostgreSQL (throwaway server from scripts/postgres.sh, durable: fsync and synchronous_commit on)"
      else
        echo "== PostgreSQL (throwaway server from scripts/postgres.sh: fsync and synchronous_commit off; ADUAN_PG_DURABLE=1 for real commits)"
      fi
      pg_env=$(scripts/postgres.sh start)
      eval "$pg_env"
      pg_dir=$ADUAN_PG_DIR
      echo "PostgreSQL: $("$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)/postgres" --version) on port $ADUAN_PG_PORT"
      psql -h 127.0.0.1 -p "$ADUAN_PG_PORT" -U postgres -v ON_ERROR_STOP=1 -q -c 'create database aduan_bench'
      mkdir -p "$work/postgres"
      # --data still matters: the data-protection keys and photos live there.
      start_server postgres --data "$work/postgres" --database postgres \
        --connection "Host=127.0.0.1;Port=$ADUAN_PG_PORT;Username=postgres;Database=aduan_bench;Maximum Pool Size=64"
      run_bench postgres PostgreSQL
      stop_server
      scripts/postgres.sh stop "$pg_dir"
      pg_dir=""
      ;;
    *)
      echo "run-intake.sh: unknown database '$db' (sqlite or postgres)" >&2
      exit 2
      ;;
  esac
done

exit "$status"
