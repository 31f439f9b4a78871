#!/usr/bin/env bash
# Installs what the tests need when it is missing, builds once, runs every test project and
# ends with one line: "N passed, N failed, N skipped".
# Under CI=true a prerequisite that cannot be installed is a failure, never a silent skip.
set -uo pipefail
cd "$(dirname "$0")"

log() { printf '==> %s\n' "$*"; }
die() { printf 'test.sh: %s\n' "$*" >&2; echo "0 passed, 1 failed, 0 skipped"; exit 1; }

apt_updated=0
# Installs Debian packages; returns non-zero (with a message) when it cannot.
try_apt_install() {
  if ! command -v apt-get >/dev/null 2>&1; then
    echo "test.sh: cannot install $* (no apt-get); install it by hand" >&2; return 1
  fi
  local sudo=""
  if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi
  if [ "$apt_updated" -eq 0 ]; then
    $sudo apt-get update -qq || { echo "test.sh: apt-get update failed" >&2; return 1; }
    apt_updated=1
  fi
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "$@" >/dev/null || { echo "test.sh: apt-get install $* failed" >&2; return 1; }
}
apt_install() { try_apt_install "$@" || die "cannot install $*"; }

# --- prerequisites -----------------------------------------------------------
command -v dotnet >/dev/null 2>&1 || die "the .NET 10 SDK (dotnet) is required"

CHROMIUM="${HIPREHAB_CHROMIUM:-/usr/bin/chromium}"
if [ ! -x "$CHROMIUM" ]; then
  log "installing chromium (browser tests)"
  apt_install chromium
fi
[ -x "$CHROMIUM" ] || die "chromium is missing at $CHROMIUM"
export HIPREHAB_CHROMIUM="$CHROMIUM"

# Redocly's CLI lints the OpenAPI document (OpenApiContractTests), pinned by
# tools/openapi-lint/package-lock.json. If it cannot be installed, that test fails and says so.
if ! command -v npm >/dev/null 2>&1; then
  log "installing nodejs and npm (OpenAPI lint)"
  apt_install nodejs npm
fi
if [ ! -x tools/openapi-lint/node_modules/.bin/redocly ]; then
  log "installing @redocly/cli (OpenAPI lint)"
  npm ci --prefix tools/openapi-lint --no-audit --no-fund --loglevel=error \
    || echo "test.sh: npm ci in tools/openapi-lint failed; the OpenAPI lint test will fail" >&2
fi

# PostgreSQL: the web tests run a second time against a throwaway cluster in a temporary folder,
# on a free port, stopped and removed on exit. If it cannot be installed or started, that run
# counts as a failure (never a skip), and the other runs still go ahead.
pg_error=""; pg_conn=""; pg_dir=""; pg_bin=""
find_pg_bin() {
  local dir
  for dir in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V -r); do
    if [ -x "$dir/initdb" ] && [ -x "$dir/pg_ctl" ] && [ -x "$dir/pg_isready" ]; then echo "$dir"; return 0; fi
  done
  return 1
}
free_port() {
  if command -v python3 >/dev/null 2>&1; then
    python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()' && return 0
  fi
  local port
  for port in $(seq 54320 54999); do
    if ! ss -ltnH "sport = :$port" 2>/dev/null | grep -q .; then echo "$port"; return 0; fi
  done
  return 1
}
# PostgreSQL refuses to run as root: as root, its commands run as the postgres OS user.
as_pg() {
  if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}
stop_pg() {
  if [ -n "$pg_dir" ] && [ -d "$pg_dir" ]; then
    if [ -n "$pg_bin" ] && [ -f "$pg_dir/data/postmaster.pid" ]; then
      as_pg "$pg_bin/pg_ctl" -D "$pg_dir/data" -m immediate -w stop >/dev/null 2>&1 || true
    fi
    rm -rf "$pg_dir"
  fi
}
trap stop_pg EXIT
trap 'exit 130' INT TERM
start_pg() {
  pg_bin=$(find_pg_bin) || {
    log "installing postgresql (web tests on PostgreSQL)"
    try_apt_install postgresql || return 1
    pg_bin=$(find_pg_bin) || { echo "test.sh: no initdb/pg_ctl under /usr/lib/postgresql/*/bin" >&2; return 1; }
  }
  if [ "$(id -u)" -eq 0 ] && ! id postgres >/dev/null 2>&1; then
    useradd --system --user-group --no-create-home --shell /usr/sbin/nologin postgres || return 1
  fi
  # As root the folder goes in /tmp, where the postgres user can reach it whatever TMPDIR says.
  local parent="${TMPDIR:-/tmp}"
  if [ "$(id -u)" -eq 0 ]; then parent=/tmp; fi
  pg_dir=$(mktemp -d "$parent/hiprehab-pg.XXXXXX") || return 1
  if [ "$(id -u)" -eq 0 ]; then chown postgres: "$pg_dir" || return 1; fi
  local port
  port=$(free_port) || { echo "test.sh: no free port for PostgreSQL" >&2; return 1; }
  log "starting PostgreSQL $("$pg_bin/postgres" --version | awk '{print $3}') on 127.0.0.1:$port"
  as_pg "$pg_bin/initdb" -D "$pg_dir/data" -U postgres -A trust -E UTF8 --no-locale --no-sync >"$pg_dir/initdb.log" 2>&1 \
    || { cat "$pg_dir/initdb.log" >&2; return 1; }
  as_pg "$pg_bin/pg_ctl" -D "$pg_dir/data" -l "$pg_dir/server.log" -w -t 60 \
    -o "-k $pg_dir -h 127.0.0.1 -p $port -c max_connections=300" start >/dev/null \
    || { cat "$pg_dir/server.log" >&2; return 1; }
  local i
  for i in $(seq 1 60); do
    if "$pg_bin/pg_isready" -q -h 127.0.0.1 -p "$port" -U postgres; then
      pg_conn="Host=127.0.0.1;Port=$port;Username=postgres"
      return 0
    fi
    sleep 0.5
  done
  cat "$pg_dir/server.log" >&2
  return 1
}
if ! start_pg; then
  pg_error="PostgreSQL could not be installed or started"
  echo "test.sh: $pg_error; the PostgreSQL run of the web tests counts as a failure" >&2
  stop_pg
fi

# --- build once --------------------------------------------------------------
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
log "building"
if ! dotnet build HipRehab.slnx -c Release -nologo -v quiet -clp:ErrorsOnly; then
  die "the build failed"
fi

# --- run every test project ----------------------------------------------------
# Each run: "label|project|provider". The web tests run once per database provider.
runs=(
  "HipRehab.Core.Tests|tests/HipRehab.Core.Tests|"
  "HipRehab.Web.Tests (SQLite)|tests/HipRehab.Web.Tests|Sqlite"
  "HipRehab.Web.Tests (PostgreSQL)|tests/HipRehab.Web.Tests|PostgreSQL"
  "HipRehab.E2E|tests/HipRehab.E2E|"
)
passed=0; failed=0; skipped=0; status=0
results=$(mktemp -d)
for run in "${runs[@]}"; do
  IFS='|' read -r name project provider <<<"$run"
  log "testing $name"
  out="$results/$(tr -c 'A-Za-z0-9.\n' '_' <<<"$name").log"
  env_args=(); filter_args=()
  if [ "$provider" = "PostgreSQL" ]; then
    if [ -n "$pg_error" ]; then
      echo "test.sh: $name did not run: $pg_error" >&2
      failed=$((failed + 1)); status=1; continue
    fi
    env_args=(HIPREHAB_TEST_PROVIDER=PostgreSQL "HIPREHAB_TEST_PG=$pg_conn")
    # Tests of SQLite-only code (Category=SqliteOnly) run in the SQLite pass: an app on another
    # provider in the same process would share EF Core's compiled queries across two models.
    filter_args=(--filter "Category!=SqliteOnly")
  elif [ "$provider" = "Sqlite" ]; then
    env_args=(HIPREHAB_TEST_PROVIDER=Sqlite)
  fi
  env "${env_args[@]}" dotnet test "$project" -c Release --no-build -nologo "${filter_args[@]}" 2>&1 | tee "$out"
  code=${PIPESTATUS[0]}
  # The runner's summary: "Passed!  - Failed:     0, Passed:    70, Skipped:     0, Total:    70, ..."
  line=$(grep -E '(Passed|Failed)! +- +Failed: +[0-9]+, Passed: +[0-9]+, Skipped: +[0-9]+' "$out" | tail -n 1)
  if [ -z "$line" ]; then
    echo "test.sh: $name produced no test summary (exit $code)" >&2
    failed=$((failed + 1)); status=1; continue
  fi
  f=$(sed -E 's/.*Failed: +([0-9]+).*/\1/' <<<"$line")
  p=$(sed -E 's/.*Passed: +([0-9]+).*/\1/' <<<"$line")
  s=$(sed -E 's/.*Skipped: +([0-9]+).*/\1/' <<<"$line")
  passed=$((passed + p)); failed=$((failed + f)); skipped=$((skipped + s))
  if [ "$code" -ne 0 ] || [ "$f" -ne 0 ]; then status=1; fi
  if [ "$p" -eq 0 ]; then
    echo "test.sh: $name ran no test" >&2; status=1
  fi
done
rm -rf "$results"
if [ "${CI:-}" = "true" ] && [ "$skipped" -ne 0 ]; then
  echo "test.sh: $skipped skipped tests under CI: a skipped test verifies nothing" >&2; status=1
fi

if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then failed=1; fi
echo "$passed passed, $failed failed, $skipped skipped"
exit "$status"
