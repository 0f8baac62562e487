#!/usr/bin/env bash
# Runs every test: the integration tests (SQLite and a real PostgreSQL server) and the browser
# tests (Debian's Chromium through Playwright). Installs what this machine lacks, starts its own
# throwaway PostgreSQL and IMAP (Dovecot) servers and stops them afterwards. Extra arguments go to `dotnet test`, e.g.
#   scripts/test.sh --filter "FullyQualifiedName~Tracking"
set -euo pipefail

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$repo"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

step() { printf '\n== %s\n' "$*"; }

as_root() {
  if [ "$(id -u)" = 0 ]; then "$@"; else sudo -n "$@"; fi
}

# 1. Debian packages the tests need and the image may lack.
if [ ! -x /usr/bin/chromium ]; then
  step "Installing Debian's chromium for the browser tests"
  export DEBIAN_FRONTEND=noninteractive
  as_root apt-get update -qq
  as_root apt-get install -y -qq chromium >/dev/null
fi
if [ ! -x /usr/sbin/dovecot ]; then
  step "Installing Debian's Dovecot IMAP server for the e-mail channel tests"
  export DEBIAN_FRONTEND=noninteractive
  as_root apt-get update -qq
  as_root apt-get install -y -qq dovecot-imapd >/dev/null
fi
ls -d /usr/lib/postgresql/*/bin >/dev/null 2>&1 || {
  step "Installing the PostgreSQL server binaries"
  export DEBIAN_FRONTEND=noninteractive
  as_root apt-get update -qq
  as_root apt-get install -y -qq postgresql >/dev/null
}

# 2. Throwaway PostgreSQL and IMAP servers: temp folders, loopback, random ports; stopped on any exit.
step "Starting throwaway PostgreSQL and IMAP servers"
results=$(mktemp -d /tmp/aduan-test-results.XXXXXX)
ADUAN_PG_DIR="" ADUAN_IMAP_DIR=""
cleanup() {
  [ -z "$ADUAN_PG_DIR" ] || scripts/postgres.sh stop "$ADUAN_PG_DIR" || true
  [ -z "$ADUAN_IMAP_DIR" ] || scripts/imap.sh stop "$ADUAN_IMAP_DIR" || true
  rm -rf "$results"
}
trap cleanup EXIT
eval "$(scripts/postgres.sh start)"
echo "PostgreSQL on 127.0.0.1:$ADUAN_PG_PORT ($ADUAN_PG_DIR)"
eval "$(scripts/imap.sh start)"
echo "IMAP (Dovecot) on ${ADUAN_TEST_IMAP%%;*}:$(cut -d';' -f2 <<<"$ADUAN_TEST_IMAP") ($ADUAN_IMAP_DIR)"

# 3. Build once, warnings as errors; check formatting against .editorconfig.
step "Building"
dotnet tool restore >/dev/null
dotnet build Aduan.slnx -c Release -nologo -clp:ErrorsOnly
step "Checking code style (dotnet format --verify-no-changes)"
dotnet format Aduan.slnx --verify-no-changes --no-restore

# 4. The tests. Both projects run even if the first fails; the summary counts both.
status=0
for project in tests/Aduan.Tests tests/Aduan.BrowserTests; do
  step "Testing $project"
  dotnet test "$project" -c Release --no-build --nologo \
    --logger "trx;LogFilePrefix=$(basename "$project")" --logger "console;verbosity=minimal" \
    --results-directory "$results" "$@" || status=1
done

# 5. One line a person (and CI) can read.
passed=0 failed=0 skipped=0
for trx in "$results"/*.trx; do
  [ -e "$trx" ] || continue
  counters=$(grep -o '<Counters [^>]*>' "$trx" || true)
  get() { sed -n "s/.* $1=\"\([0-9]*\)\".*/\1/p" <<<"$counters"; }
  passed=$(( passed + $(get passed) ))
  failed=$(( failed + $(get failed) ))
  skipped=$(( skipped + $(get notExecuted) ))
done
printf '\n== %d passed, %d failed, %d skipped\n' "$passed" "$failed" "$skipped"
if [ "$passed" -eq 0 ]; then
  echo "No test ran: that is a failure, not a pass." >&2
  exit 1
fi
[ "$failed" -eq 0 ] || status=1
exit "$status"
