#!/usr/bin/env bash
# Installs what the tests need when it is missing, builds once, runs every test project and
# ends with one line: "N passed, N failed, N skipped".
# Under CI=true a prerequisite that cannot be installed is a failure, never a silent skip.
set -uo pipefail
cd "$(dirname "$0")"

log() { printf '==> %s\n' "$*"; }
die() { printf 'test.sh: %s\n' "$*" >&2; echo "0 passed, 1 failed, 0 skipped"; exit 1; }

apt_updated=0
apt_install() {
  if ! command -v apt-get >/dev/null 2>&1; then
    die "cannot install $* (no apt-get); install it by hand"
  fi
  local sudo=""
  if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi
  if [ "$apt_updated" -eq 0 ]; then
    $sudo apt-get update -qq || die "apt-get update failed"
    apt_updated=1
  fi
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "$@" >/dev/null || die "apt-get install $* failed"
}

# --- prerequisites -----------------------------------------------------------
command -v dotnet >/dev/null 2>&1 || die "the .NET 10 SDK (dotnet) is required"

CHROMIUM="${HIPREHAB_CHROMIUM:-/usr/bin/chromium}"
if [ ! -x "$CHROMIUM" ]; then
  log "installing chromium (browser tests)"
  apt_install chromium
fi
[ -x "$CHROMIUM" ] || die "chromium is missing at $CHROMIUM"
export HIPREHAB_CHROMIUM="$CHROMIUM"

# --- build once --------------------------------------------------------------
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
log "building"
if ! dotnet build HipRehab.slnx -c Release -nologo -v quiet -clp:ErrorsOnly; then
  die "the build failed"
fi

# --- run every test project ----------------------------------------------------
passed=0; failed=0; skipped=0; status=0
results=$(mktemp -d)
for project in tests/HipRehab.Core.Tests tests/HipRehab.Web.Tests tests/HipRehab.E2E; do
  name=$(basename "$project")
  log "testing $name"
  out="$results/$name.log"
  dotnet test "$project" -c Release --no-build -nologo 2>&1 | tee "$out"
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
