#!/usr/bin/env bash
# What the drawings cost the pages that show them (issue 14): the library page with all its
# thumbnails and an exercise's detail page, each against its own twin without drawings, served by
# the same process (the twin is asked for with the X-Bench-Without-Drawings header, honoured only
# with Bench:BareRoutes on). Loopback only, about 2 minutes.
#
#   bench/pages.sh
#
# Reports bytes transferred (raw, and gzip -6 as a compressing proxy would send the pages; the drawings
# the app gzips itself, and their gzip figure is what it sends) and server
# time (wrk -t2 -c16 requests/s in alternating rounds: twin, page, twin, page, ...; server time per
# request = 1000 / requests/s at full load). Writes the Markdown table to bench/results/pages-latest.md.
# Exit status: 0 when every drawing is at most 15 KB gzipped and no request failed, 1 otherwise,
# 2 on a set-up failure.
#
# Knobs (environment): BENCH_THREADS (2), BENCH_CONNECTIONS (16), BENCH_ROUNDS (5), BENCH_SLICE (2:
# seconds per round), BENCH_WARMUP (10: seconds of warm-up per route), BENCH_SKIP_BUILD (0).
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"

THREADS=${BENCH_THREADS:-2}
CONNECTIONS=${BENCH_CONNECTIONS:-16}
ROUNDS=${BENCH_ROUNDS:-5}
SLICE=${BENCH_SLICE:-2}
WARMUP=${BENCH_WARMUP:-10}
GOAL_DRAWING_GZIP=15360
DLL=src/HipRehab.Web/bin/Release/net10.0/HipRehab.Web.dll
RESULTS=bench/results/pages-latest.md
TWIN="X-Bench-Without-Drawings: 1"
STARTED=$(date +%s)

log() { printf '[pages %3ds] %s\n' "$(($(date +%s) - STARTED))" "$*" >&2; }
die() { log "ERROR: $*"; exit 2; }

missing=()
for tool in wrk jq curl gzip; do command -v "$tool" >/dev/null || missing+=("$tool"); done
if ((${#missing[@]})); then
  log "installing ${missing[*]} (apt-get)"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >/dev/null
  apt-get install -y -qq "${missing[@]}" >/dev/null
fi

if [[ ${BENCH_SKIP_BUILD:-0} != 1 ]]; then
  log "dotnet build src/HipRehab.Web -c Release"
  dotnet build src/HipRehab.Web -c Release -nologo -v q -clp:ErrorsOnly >&2 || die "build failed"
fi
[[ -f $DLL ]] || die "$DLL not found (build first)"

TMP=$(mktemp -d "${TMPDIR:-/tmp}/hiprehab-pages.XXXXXX")
APP_PID=""
cleanup() {
  if [[ -n $APP_PID ]] && kill -0 "$APP_PID" 2>/dev/null; then
    kill "$APP_PID" 2>/dev/null || true
    for _ in $(seq 50); do kill -0 "$APP_PID" 2>/dev/null || break; sleep 0.1; done
    kill -9 "$APP_PID" 2>/dev/null || true
  fi
  rm -rf "$TMP"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

port_free() { ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
PORT=""
for _ in $(seq 50); do
  p=$((20000 + RANDOM % 40000))
  if port_free "$p"; then PORT=$p; break; fi
done
[[ -n $PORT ]] || die "no free port found"
BASE=http://127.0.0.1:$PORT

log "starting the app on $BASE"
ASPNETCORE_ENVIRONMENT=Production Bench__BareRoutes=true Logging__LogLevel__Default=Warning \
ConnectionStrings__HipRehab="Data Source=$TMP/pages.db" \
  dotnet "$DLL" --urls "$BASE" >"$TMP/app.log" 2>&1 &
APP_PID=$!
for i in $(seq 120); do
  if [[ $(curl -s -o /dev/null -w '%{http_code}' "$BASE/health" || true) == 200 ]]; then break; fi
  kill -0 "$APP_PID" 2>/dev/null || { tail -40 "$TMP/app.log" >&2; die "the app exited during start-up"; }
  ((i < 120)) || die "/health did not answer 200 within 60 s"
  sleep 0.5
done

# --- Bytes -----------------------------------------------------------------------------------------
fetch() { # fetch PATH [HEADER] -> the body in $TMP/body; fails unless 200
  local code
  code=$(curl -sS -o "$TMP/body" -w '%{http_code}' ${2:+-H "$2"} "$BASE$1") || die "GET $1 failed"
  [[ $code == 200 ]] || die "GET $1 answered $code"
}
raw() { wc -c <"$TMP/body" | tr -d ' '; }
gz() { gzip -6 -c "$TMP/body" | wc -c | tr -d ' '; }

# The detail page measured: the variant with the largest moving drawing (the heaviest page).
fetch /api/v1/exercises
jq -r '.[] | .demonstration // empty' "$TMP/body" >"$TMP/drawings.txt"
count=$(wc -l <"$TMP/drawings.txt")
((count > 0)) || die "no exercise has a demonstration"
largest_gz=0 largest_raw=0 largest=""
while read -r url; do
  fetch "$url"
  g=$(gz)
  if ((g > largest_gz)); then largest_gz=$g largest_raw=$(raw) largest=$url; fi
done <"$TMP/drawings.txt"
DETAIL=/exercises/$(sed 's|/api/v1/exercises/\([^/]*\)/.*|\1|' <<<"$largest")
log "$count drawings; the largest is $largest ($largest_raw bytes, $largest_gz gzipped)"

declare -A BYTES GZ
fetch /exercises; BYTES[lib]=$(raw); GZ[lib]=$(gz)
grep -o 'class="variant-thumb" src="[^"]*"' "$TMP/body" | sed 's/.*src="\([^"]*\)"/\1/; s/&amp;/\&/g' >"$TMP/thumbs.txt"
thumbs=$(wc -l <"$TMP/thumbs.txt")
((thumbs > 0)) || die "the library page shows no thumbnails"
thumb_raw=0 thumb_gz=0
# Thumbnails as a browser gets them: the app sends them gzipped (compressed once) on Accept-Encoding: gzip.
while read -r url; do
  fetch "$url"; thumb_raw=$((thumb_raw + $(raw)))
  fetch "$url" "Accept-Encoding: gzip"; thumb_gz=$((thumb_gz + $(raw)))
done <"$TMP/thumbs.txt"
fetch /exercises "$TWIN"; BYTES[lib0]=$(raw); GZ[lib0]=$(gz)
grep -q 'variant-thumb' "$TMP/body" && die "the twin without drawings still shows thumbnails"
fetch "$DETAIL"; BYTES[det]=$(raw); GZ[det]=$(gz)
fetch "$DETAIL" "$TWIN"; BYTES[det0]=$(raw); GZ[det0]=$(gz)
grep -q 'data-demonstration' "$TMP/body" && die "the twin without drawings still shows a drawing"

# --- Server time -----------------------------------------------------------------------------------
declare -A RPS P50 P99 ERR
ERRORS=0
run_wrk() { # run_wrk KEY PATH SECONDS [HEADER] [PATHS_FILE] -> adds to RPS/P50/P99 of KEY
  local key=$1 path=$2 secs=$3 header=${4:-} paths=${5:-} out line
  out=$TMP/wrk.txt
  BENCH_LUA_DIR="$ROOT/bench/lua" BENCH_HEADER="$header" BENCH_PATHS_FILE="$paths" \
    wrk -t"$THREADS" -c"$CONNECTIONS" -d"${secs}s" --timeout 10s --latency -s bench/lua/pages.lua "$BASE$path" -- "$THREADS" \
    >"$out" 2>&1 || { cat "$out" >&2; die "wrk failed for $key"; }
  line=$(grep '^BENCH ' "$out") || { cat "$out" >&2; die "no summary from wrk for $key"; }
  RPS[$key]=$(awk -v a="${RPS[$key]:-0}" -v b="$(sed 's/.* rps=\([0-9.]*\).*/\1/' <<<"$line")" 'BEGIN { print a + b }')
  P50[$key]="${P50[$key]:-} $(sed 's/.* p50_ms=\([0-9.]*\).*/\1/' <<<"$line")"
  P99[$key]="${P99[$key]:-} $(sed 's/.* p99_ms=\([0-9.]*\).*/\1/' <<<"$line")"
  local e
  e=$(( $(sed 's/.* non2xx=\([0-9]*\).*/\1/' <<<"$line") + $(sed 's/.* socket_errors=\([0-9]*\).*/\1/' <<<"$line") ))
  ERR[$key]=$(( ${ERR[$key]:-0} + e ))
  ERRORS=$((ERRORS + e))
}
median() { tr ' ' '\n' | grep -v '^$' | sort -g | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
highest() { tr ' ' '\n' | grep -v '^$' | sort -g | tail -1; }

measure() { # measure KEY_TWIN KEY PATH [PATHS_FILE]
  local twin=$1 key=$2 path=$3 paths=${4:-}
  log "warming $path ($WARMUP s each)"
  run_wrk warm "$path" "$WARMUP" "$TWIN"
  run_wrk warm "$path" "$WARMUP" "" "$paths"
  for r in $(seq "$ROUNDS"); do
    run_wrk "$twin" "$path" "$SLICE" "$TWIN"
    run_wrk "$key" "$path" "$SLICE" "" "$paths"
  done
  RPS[$twin]=$(awk -v s="${RPS[$twin]}" -v n="$ROUNDS" 'BEGIN { printf "%.1f", s / n }')
  RPS[$key]=$(awk -v s="${RPS[$key]}" -v n="$ROUNDS" 'BEGIN { printf "%.1f", s / n }')
}

LOAD_START=$(cut -d' ' -f1-3 /proc/loadavg)
measure lib0 lib /exercises
measure det0 det "$DETAIL"
log "thumbnails in turn"
run_wrk warm /exercises "$WARMUP" "Accept-Encoding: gzip" "$TMP/thumbs.txt"
for r in $(seq "$ROUNDS"); do run_wrk thumb /exercises "$SLICE" "Accept-Encoding: gzip" "$TMP/thumbs.txt"; done
RPS[thumb]=$(awk -v s="${RPS[thumb]}" -v n="$ROUNDS" 'BEGIN { printf "%.1f", s / n }')
LOAD_END=$(cut -d' ' -f1-3 /proc/loadavg)

ms() { awk -v r="$1" 'BEGIN { printf "%.3f", 1000 / r }'; }
pct() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.1f %%", 100 * a / b }'; }
lib_view=$(awk -v p="${RPS[lib]}" -v t="${RPS[thumb]}" -v n="$thumbs" 'BEGIN { printf "%.3f", 1000 / p + n * 1000 / t }')
lib_bytes=$((BYTES[lib] + thumb_raw))
lib_gz=$((GZ[lib] + thumb_gz))
COMMIT=$(git --no-optional-locks rev-parse --short HEAD 2>/dev/null || echo unknown)
FAILED=0
((largest_gz <= GOAL_DRAWING_GZIP)) || FAILED=1
((ERRORS == 0)) || FAILED=1

{
  echo "\`bench/pages.sh\`: $(date -u '+%Y-%m-%d %H:%M') UTC, commit $COMMIT, Release, Production, wrk -t$THREADS -c$CONNECTIONS on 127.0.0.1, $ROUNDS alternating rounds of ${SLICE}s after ${WARMUP}s of warm-up; load average $LOAD_START at the start, $LOAD_END at the end (1, 5, 15 min; $(nproc) cores shared with wrk)."
  echo
  echo "| what | bytes | gzip -6 | requests/s | server ms per request (1000 / req/s) | p50 ms (median of rounds) | p99 ms (highest) | errors |"
  echo "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"
  echo "| \`/exercises\` without drawings (twin) | ${BYTES[lib0]} | ${GZ[lib0]} | ${RPS[lib0]} | $(ms "${RPS[lib0]}") | $(median <<<"${P50[lib0]}") | $(highest <<<"${P99[lib0]}") | ${ERR[lib0]} |"
  echo "| \`/exercises\` with $thumbs thumbnail links | ${BYTES[lib]} | ${GZ[lib]} | ${RPS[lib]} | $(ms "${RPS[lib]}") | $(median <<<"${P50[lib]}") | $(highest <<<"${P99[lib]}") | ${ERR[lib]} |"
  echo "| its $thumbs thumbnails (\`thumbnail=true\`, in turn, gzip column as the app sends them, wrk asking for gzip) | $thumb_raw | $thumb_gz | ${RPS[thumb]} | $(ms "${RPS[thumb]}") each | $(median <<<"${P50[thumb]}") | $(highest <<<"${P99[thumb]}") | ${ERR[thumb]} |"
  echo "| \`$DETAIL\` without drawings (twin) | ${BYTES[det0]} | ${GZ[det0]} | ${RPS[det0]} | $(ms "${RPS[det0]}") | $(median <<<"${P50[det0]}") | $(highest <<<"${P99[det0]}") | ${ERR[det0]} |"
  echo "| \`$DETAIL\` with its drawings inline | ${BYTES[det]} | ${GZ[det]} | ${RPS[det]} | $(ms "${RPS[det]}") | $(median <<<"${P50[det]}") | $(highest <<<"${P99[det]}") | ${ERR[det]} |"
  echo
  echo "| ratio (with drawings / without) | bytes | gzip -6 | server time |"
  echo "| --- | ---: | ---: | ---: |"
  echo "| library page, first view (page and every thumbnail) | $(pct "$lib_bytes" "${BYTES[lib0]}") | $(pct "$lib_gz" "${GZ[lib0]}") | $(pct "$lib_view" "$(ms "${RPS[lib0]}")") |"
  echo "| library page, later views (thumbnails cached: immutable URLs) | $(pct "${BYTES[lib]}" "${BYTES[lib0]}") | $(pct "${GZ[lib]}" "${GZ[lib0]}") | $(pct "$(ms "${RPS[lib]}")" "$(ms "${RPS[lib0]}")") |"
  echo "| detail page | $(pct "${BYTES[det]}" "${BYTES[det0]}") | $(pct "${GZ[det]}" "${GZ[det0]}") | $(pct "$(ms "${RPS[det]}")" "$(ms "${RPS[det0]}")") |"
  echo
  echo "| goal | measured | target | result |"
  echo "| --- | ---: | ---: | --- |"
  echo "| largest drawing of $count, gzipped (\`${largest%%&v=*}\`) | $largest_gz bytes ($largest_raw raw) | ≤ $GOAL_DRAWING_GZIP | $( ((largest_gz <= GOAL_DRAWING_GZIP)) && echo PASS || echo FAIL) |"
  echo "| errors (non-2xx and socket errors, all runs) | $ERRORS | 0 | $( ((ERRORS == 0)) && echo PASS || echo FAIL) |"
} | tee "$RESULTS"
log "written to $RESULTS"
exit "$FAILED"
