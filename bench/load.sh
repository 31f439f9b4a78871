#!/usr/bin/env bash
# Load benchmark of the person's API against bare minimal-API twins served by the same process
# (issue 3, item 7 "Speed"). One run, loopback only, bounded durations (about 3-4 minutes).
#
#   bench/load.sh
#
# Measures with wrk, each route against its bare twin (same headers and body, no database, no auth):
#   (a) GET  /api/v1/me/today     (bearer token)                       vs GET  /bench/bare
#   (b) POST /api/v1/me/sessions  (durable commit, fresh Idempotency-Key) vs POST /bench/bare
# then logs BENCH_HISTORY (5,000) more sessions for the same person and repeats (b).
# Goals: today >= 25 % of bare GET, sessions >= 10 % of bare POST (before and after the history),
# 0 errors. Prints a Markdown table and writes it to bench/results/load-latest.md.
# Exit status: 0 when every goal is met with 0 errors, 1 when a goal fails, 2 on a set-up failure.
#
# Each route and its bare twin are measured in BENCH_ROUNDS alternating slices (bare, route, bare, ...)
# adding up to BENCH_DURATION each: a change in the machine's load during the run falls on both alike.
#
# Knobs (environment): BENCH_THREADS (2), BENCH_CONNECTIONS (16), BENCH_DURATION (10s), BENCH_ROUNDS (5),
# BENCH_WARMUP (3s: one warm-up slice), BENCH_WARMUP_MIN (20: seconds of warm-up at least for the
# first run of each route and its bare twin), BENCH_WARMUP_MAX (45: seconds of warm-up at most per route),
# BENCH_INFO_DURATION (5s, the Today-after-history figure, no goal),
# BENCH_HISTORY (5000), BENCH_HISTORY_MAX_SECONDS (150), BENCH_SKIP_BUILD (0), BENCH_TMPDIR
# (/var/tmp: must be a real disk so that durable commits wait for it), BENCH_KEEP (0: 1 keeps the
# temporary folder with the database, app log and wrk outputs for a look afterwards), BENCH_APP_ARGS
# (extra arguments for the app, e.g. "--Database:SqliteFastPath=false" to measure without the fast path).
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"

THREADS=${BENCH_THREADS:-2}
CONNECTIONS=${BENCH_CONNECTIONS:-16}
DURATION=${BENCH_DURATION:-10s}
WARMUP=${BENCH_WARMUP:-3s}
WARMUP_MAX=${BENCH_WARMUP_MAX:-45}
WARMUP_MIN=${BENCH_WARMUP_MIN:-20}
INFO_DURATION=${BENCH_INFO_DURATION:-5s}
ROUNDS=${BENCH_ROUNDS:-5}
HISTORY=${BENCH_HISTORY:-5000}
HISTORY_MAX_SECONDS=${BENCH_HISTORY_MAX_SECONDS:-150}
GOAL_TODAY=25
GOAL_SESSIONS=10
DLL=src/HipRehab.Web/bin/Release/net10.0/HipRehab.Web.dll
RESULTS=bench/results/load-latest.md
STARTED=$(date +%s)

log() { printf '[load %3ds] %s\n' "$(($(date +%s) - STARTED))" "$*" >&2; }
die() { log "ERROR: $*"; exit 2; }

# --- 1. Tools, build, start ---------------------------------------------------------------------
missing=()
command -v wrk >/dev/null || missing+=(wrk)
command -v sqlite3 >/dev/null || missing+=(sqlite3)
command -v jq >/dev/null || missing+=(jq)
command -v curl >/dev/null || missing+=(curl)
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

TMP=$(mktemp -d "${BENCH_TMPDIR:-/var/tmp}/hiprehab-bench.XXXXXX")
APP_PID=""
WRK_PID=""
cleanup() {
  if [[ -n $WRK_PID ]]; then pkill -INT -P "$WRK_PID" -x wrk 2>/dev/null || true; fi
  if [[ -n $APP_PID ]] && kill -0 "$APP_PID" 2>/dev/null; then
    kill "$APP_PID" 2>/dev/null || true
    for _ in $(seq 50); do kill -0 "$APP_PID" 2>/dev/null || break; sleep 0.1; done
    kill -9 "$APP_PID" 2>/dev/null || true
  fi
  if [[ ${BENCH_KEEP:-0} == 1 ]]; then log "kept $TMP"; else rm -rf "$TMP"; fi
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
DB=$TMP/bench.db
FSTYPE=$(findmnt -n -o FSTYPE -T "$TMP" 2>/dev/null || stat -f -c %T "$TMP")
[[ $FSTYPE == tmpfs ]] && log "WARNING: $TMP is on tmpfs: commits do not wait for a disk; set BENCH_TMPDIR"

log "starting the app on $BASE (database $DB, $FSTYPE)"
ASPNETCORE_ENVIRONMENT=Production \
Bench__BareRoutes=true \
RateLimiting__SignInPermitsPerMinute=100000 \
ConnectionStrings__HipRehab="Data Source=$DB" \
Logging__LogLevel__Default=Warning \
  dotnet "$DLL" --urls "$BASE" ${BENCH_APP_ARGS:-} >"$TMP/app.log" 2>&1 &
APP_PID=$!

for i in $(seq 120); do
  if [[ $(curl -s -o /dev/null -w '%{http_code}' "$BASE/health" || true) == 200 ]]; then break; fi
  kill -0 "$APP_PID" 2>/dev/null || { tail -40 "$TMP/app.log" >&2; die "the app exited during start-up"; }
  ((i < 120)) || { tail -40 "$TMP/app.log" >&2; die "/health did not answer 200 within 60 s"; }
  sleep 0.5
done
log "healthy"

# --- 2. Set-up: a person with an intake and a plan -------------------------------------------------
RUN_ID=$(od -An -N6 -tx1 /dev/urandom | tr -d ' \n')
EMAIL="bench-$RUN_ID@example.com"
PASSWORD="slow morning walks by the river $RUN_ID"

api() { # api METHOD PATH [BODY] -> body on stdout; fails unless 2xx
  local method=$1 path=$2 body=${3:-} out code
  out=$(curl -sS -X "$method" -H 'Content-Type: application/json' ${TOKEN:+-H "Authorization: Bearer $TOKEN"} \
    ${body:+--data "$body"} -w '\n%{http_code}' "$BASE$path")
  code=${out##*$'\n'}
  [[ $code == 2?? ]] || { printf '%s\n' "$out" >&2; die "$method $path answered $code"; }
  printf '%s' "${out%$'\n'*}"
}

TOKEN=""
api POST /api/v1/auth/register "{\"email\":\"$EMAIL\",\"password\":\"$PASSWORD\"}" >/dev/null
TOKEN=$(api POST /api/v1/auth/login "{\"email\":\"$EMAIL\",\"password\":\"$PASSWORD\"}" | jq -r .accessToken)
[[ -n $TOKEN && $TOKEN != null ]] || die "no access token"
# A typical adult with hip osteoarthritis, no surgery, no red flags (api.md's example, without the surgery).
INTAKE='{"birthYear":1960,"sex":"female","heightCm":165,"weightKg":80,"painSide":"left","painLocation":"groin",
 "cause":"osteoarthritis","painNow":4,"painWorstLastWeek":6,"symptomWeeks":26,"surgery":null,"redFlags":[],
 "pregnant":false,"osteoporosis":false,"abilities":{"getDownToFloor":true,"kneel":false,"standWithoutSupport":true},
 "equipment":["chair","wall","resistance-band","anchor-point"],"goals":["walking","stairs"]}'
SCREENING=$(api PUT /api/v1/me/intake "$INTAKE" | jq -r .screening.outcome)
api POST /api/v1/me/plan >/dev/null
PLAN=$(api GET /api/v1/me/plan)
mapfile -t ITEMS < <(jq -r '.items[0:3][].id' <<<"$PLAN")
((${#ITEMS[@]} >= 2)) || die "the plan has fewer than 2 items"
USER_ID=$(sqlite3 -cmd '.timeout 10000' "$DB" "SELECT Id FROM AspNetUsers WHERE Email = '$EMAIL';")
log "person ready (screening $SCREENING, plan of $(jq '.items | length' <<<"$PLAN") items, logging ${#ITEMS[@]} per session)"

session_body() { # session_body PERFORMED_AT
  local exercises
  exercises=$(printf '%s\n' "${ITEMS[@]}" | jq -R '{planItemId: ., completedSets: 1, completedReps: 10,
    completedHoldSeconds: null, painDuring: 1, effort: 3, note: null}' | jq -cs .)
  jq -cn --arg at "$1" --argjson ex "$exercises" '{performedAt: $at, painBefore: 2, painAfter: 2, exercises: $ex}'
}
# Measured sessions: one fixed time within the last day. The run after the history uses another
# fixed time, so each measured run starts without same-time sessions (before 8900ffd, logs at one
# time made each progression read sort all of them).
session_body "$(date -u -d '-60 minutes' +%Y-%m-%dT%H:%M:%SZ)" >"$TMP/session-before.json"
session_body "$(date -u -d '-30 minutes' +%Y-%m-%dT%H:%M:%SZ)" >"$TMP/session-after.json"
session_body "__PERFORMED_AT__" >"$TMP/session-history.json"

sessions_stored() { sqlite3 -cmd '.timeout 10000' "$DB" "SELECT COUNT(*) FROM Sessions WHERE UserId = '$USER_ID';"; }

# --- 3. Measure ---------------------------------------------------------------------------------
declare -A RPS P50 P99 ERR REQ FIRST STORED WARM ROUNDS_RPS
TOTAL_ERRORS=0
WRK_N=0

# run_wrk KEY LUA PATH DURATION [ENV=VALUE...] -> fills RPS/P50/P99/ERR[KEY]
run_wrk() {
  local key=$1 lua=$2 path=$3 duration=$4 out line non2xx
  shift 4
  WRK_N=$((WRK_N + 1))
  out=$TMP/wrk-$WRK_N-$key.txt
  env BENCH_LUA_DIR="$ROOT/bench/lua" BENCH_TOKEN="$TOKEN" BENCH_RUN_ID="$RUN_ID-$WRK_N" "$@" \
    wrk -t"$THREADS" -c"$CONNECTIONS" -d"$duration" --timeout 10s --latency -s "bench/lua/$lua" "$BASE$path" -- "$THREADS" \
    >"$out" 2>&1 || { cat "$out" >&2; die "wrk failed for $key"; }
  line=$(grep '^BENCH ' "$out") || { cat "$out" >&2; die "no summary from wrk for $key"; }
  non2xx=$(sed -n 's/.*Non-2xx or 3xx responses: *\([0-9]*\).*/\1/p' "$out")
  REQ[$key]=$(sed 's/.* requests=\([0-9]*\).*/\1/' <<<"$line")
  RPS[$key]=$(sed 's/.* rps=\([0-9.]*\).*/\1/' <<<"$line")
  P50[$key]=$(sed 's/.* p50_ms=\([0-9.]*\).*/\1/' <<<"$line")
  P99[$key]=$(sed 's/.* p99_ms=\([0-9.]*\).*/\1/' <<<"$line")
  local lua_err sock
  lua_err=$(sed 's/.* non2xx=\([0-9]*\).*/\1/' <<<"$line")
  sock=$(sed 's/.* socket_errors=\([0-9]*\).*/\1/' <<<"$line")
  # The larger of the two non-2xx counts (Lua's includes 3xx; wrk's line is a cross-check).
  if ((${non2xx:-0} > lua_err)); then lua_err=$non2xx; fi
  ERR[$key]=$((lua_err + sock))
  FIRST[$key]=$(sed 's/.*socket_errors=[0-9]* \(([^)]*)\) first_error=\(.*\)/\2 \1/' <<<"$line")
}

warm() { # warm KEY LUA PATH [ENV...]: warm-up slices until steady (fills WARM[KEY])
  local key=$1 lua=$2 path=$3
  shift 3
  # .NET tiers hot methods up in the background for tens of seconds after start-up (Today went from
  # ~650 to ~1,900 req/s over its first 25 s here, in a burst after ~12 s): warm up for WARM_MIN
  # seconds (set per call), then in slices until one is no more than 10 % faster than the one
  # before, for BENCH_WARMUP_MAX seconds at most.
  local i=0 prev=0 rps trail="" started
  started=$(date +%s)
  while :; do
    i=$((i + 1))
    run_wrk "$key-warmup$i" "$lua" "$path" "$WARMUP" "$@"
    rps=${RPS[$key-warmup$i]}
    TOTAL_ERRORS=$((TOTAL_ERRORS + ${ERR[$key-warmup$i]}))
    if ((${ERR[$key-warmup$i]} > 0)); then log "  warm-up error: ${FIRST[$key-warmup$i]}"; fi
    trail+="${trail:+ → }${rps%.*}"
    if ((i >= 2 && $(date +%s) - started >= ${WARM_MIN:-0})) &&
      awk -v r="$rps" -v p="$prev" 'BEGIN { exit !(r <= 1.10 * p) }'; then break; fi
    if (($(date +%s) - started >= WARMUP_MAX)); then break; fi
    prev=$rps
  done
  WARM[$key]="$trail"
}

# summarize KEY KEY-1 .. KEY-n: one figure from the rounds of a measured run (mean requests/s,
# median p50, highest p99, errors and answers summed)
summarize() {
  local key=$1 k
  shift
  local rps=() p50=() p99=() err=0 req=0
  for k in "$@"; do
    rps+=("${RPS[$k]}"); p50+=("${P50[$k]}"); p99+=("${P99[$k]}")
    err=$((err + ${ERR[$k]})); req=$((req + ${REQ[$k]}))
    if ((${ERR[$k]} > 0)); then FIRST[$key]=${FIRST[$k]}; fi
  done
  RPS[$key]=$(printf '%s\n' "${rps[@]}" | awk '{ s += $1 } END { printf "%.1f", s / NR }')
  P50[$key]=$(printf '%s\n' "${p50[@]}" | sort -g | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }')
  P99[$key]=$(printf '%s\n' "${p99[@]}" | sort -g | tail -1)
  ERR[$key]=$err
  REQ[$key]=$req
  ROUNDS_RPS[$key]=$(printf '%s\n' "${rps[@]}" | awk '{ printf "%s%d", (NR > 1 ? " · " : ""), $1 }')
  TOTAL_ERRORS=$((TOTAL_ERRORS + err))
}

# measure_pair BARE KEY LUA BARE_PATH PATH DURATION [ENV...]: warms both routes up, then measures them
# in ROUNDS alternating slices (bare, route, bare, route, ...) that add up to DURATION each, so that
# a change in the machine's load (other tenants) falls on both alike rather than on one of them.
measure_pair() {
  local bare=$1 key=$2 lua=$3 bare_path=$4 path=$5 duration=$6 r slice stored0
  shift 6
  warm "$bare" "$lua" "$bare_path" "$@"
  warm "$key" "$lua" "$path" "$@"
  slice=$(awk -v d="${duration%s}" -v n="$ROUNDS" 'BEGIN { printf "%g", d / n }')
  local bare_keys=() keys=()
  STORED[$key]=0
  for r in $(seq "$ROUNDS"); do
    run_wrk "$bare-$r" "$lua" "$bare_path" "${slice}s" "$@"
    bare_keys+=("$bare-$r")
    stored0=$(sessions_stored)
    run_wrk "$key-$r" "$lua" "$path" "${slice}s" "$@"
    STORED[$key]=$((STORED[$key] + $(sessions_stored) - stored0))
    keys+=("$key-$r")
  done
  summarize "$bare" "${bare_keys[@]}"
  summarize "$key" "${keys[@]}"
  for k in "$bare" "$key"; do
    log "$(printf '%-22s %9s req/s  p50 %8s ms  p99 %8s ms  errors %s  (rounds: %s; warm-up: %s)' "$k" "${RPS[$k]}" "${P50[$k]}" "${P99[$k]}" "${ERR[$k]}" "${ROUNDS_RPS[$k]}" "${WARM[$k]}")"
    if ((${ERR[$k]} > 0)); then log "  first error: ${FIRST[$k]}"; fi
  done
}

LOAD_AT_START=$(cut -d' ' -f1-3 /proc/loadavg)
log "measuring: wrk -t$THREADS -c$CONNECTIONS -d$DURATION (each after $WARMUP warm-up slices until steady)"
# The bare twins get the same minimum warm-up as the routes they are compared with: an under-warmed
# bare route (it can stop climbing for one slice while the JIT is still busy) would flatter the ratio.
WARM_MIN=$WARMUP_MIN measure_pair bare-get today get.lua /bench/bare /api/v1/me/today "$DURATION"
TODAY_BYTES=$(curl -s -o /dev/null -w '%{size_download}' -H "Authorization: Bearer $TOKEN" "$BASE/api/v1/me/today")
WARM_MIN=$WARMUP_MIN measure_pair bare-post sessions post.lua /bench/bare /api/v1/me/sessions "$DURATION" BENCH_BODY_FILE="$TMP/session-before.json"

# --- 4. Grow the history ------------------------------------------------------------------------
# HISTORY sessions with distinct times 300 days / (2 x HISTORY) apart from 330 days ago on (43
# minutes apart for 5,000: about 150 days of history); the 2 x HISTORY slots end 30 days ago, so the
# requests wrk sends beyond the count stay in the past. wrk waits for -d even when every thread has
# stopped, so it runs in the background with a Lua request limit and is interrupted (SIGINT: it
# still prints its summary) once the database holds enough; a stalled round (errors) is interrupted
# and followed by another.
have=$(sessions_stored)
target=$((have + HISTORY))
log "logging $HISTORY sessions of history ($have stored so far)"
hist_started=$(date +%s)
step=$((300 * 86400 / (2 * HISTORY)))
base=$(($(date +%s) - 330 * 86400))
round=0
while (($(sessions_stored) < target)); do
  left=$(((hist_started + HISTORY_MAX_SECONDS) - $(date +%s)))
  if ((left <= 5)); then
    log "history: out of time (${HISTORY_MAX_SECONDS}s); measuring with what is stored"
    break
  fi
  round=$((round + 1))
  need=$((target - $(sessions_stored)))
  key=history-$round
  run_wrk "$key" post.lua /api/v1/me/sessions "${left}s" BENCH_BODY_FILE="$TMP/session-history.json" \
    BENCH_MAX_REQUESTS="$need" BENCH_TIME_BASE=$((base + (round - 1) * 7)) BENCH_TIME_STEP="$step" \
    BENCH_TIME_SLOTS=$((2 * HISTORY)) &
  WRK_PID=$!
  last=-1; still=0
  while kill -0 "$WRK_PID" 2>/dev/null; do
    sleep 0.5
    now_stored=$(sessions_stored)
    if ((now_stored >= target)); then break; fi
    if ((now_stored == last)); then still=$((still + 1)); else still=0; last=$now_stored; fi
    if ((still >= 10)); then log "  history round $round stalled at $now_stored sessions"; break; fi
  done
  # The summary is in the background job's output file; its variables do not reach this shell.
  pkill -INT -P "$WRK_PID" -x wrk 2>/dev/null || true
  wait "$WRK_PID" || die "history round $round failed"
  WRK_PID=""
  WRK_N=$((WRK_N + 1))
  line=$(grep -h '^BENCH ' "$TMP"/wrk-*-"$key".txt)
  errs=$(($(sed 's/.* non2xx=\([0-9]*\).*/\1/' <<<"$line") + $(sed 's/.* socket_errors=\([0-9]*\).*/\1/' <<<"$line")))
  TOTAL_ERRORS=$((TOTAL_ERRORS + errs))
  HISTORY_RPS=$(sed 's/.* rps=\([0-9.]*\).*/\1/' <<<"$line")
  if ((errs > 0)); then log "  history errors: $errs (${line#*non2xx=})"; fi
done
HISTORY_SECONDS=$(($(date +%s) - hist_started))
HISTORY_STORED=$(($(sessions_stored) - have))
V_HISTORY=$( ((HISTORY_STORED >= HISTORY)) && echo PASS || echo FAIL)
TOTAL_STORED=$(sessions_stored)
log "history: $HISTORY_STORED sessions logged in ${HISTORY_SECONDS}s; $TOTAL_STORED stored for this person"

measure_pair bare-post-after sessions-after post.lua /bench/bare /api/v1/me/sessions "$DURATION" BENCH_BODY_FILE="$TMP/session-after.json"
# For information (no goal): Today with the grown history. Asked for the same weekday last week (the
# same items are due), because today itself now lists the thousands of sessions of the measured runs.
LAST_WEEK=$(date -u -d '-7 days' +%Y-%m-%d)
TODAY_AFTER_PATH="/api/v1/me/today?date=$LAST_WEEK"
measure_pair bare-get-after today-after get.lua /bench/bare "$TODAY_AFTER_PATH" "$INFO_DURATION"
TODAY_BYTES_BEFORE=$TODAY_BYTES
TODAY_BYTES_AFTER=$(curl -s -o /dev/null -w '%{size_download}' -H "Authorization: Bearer $TOKEN" "$BASE$TODAY_AFTER_PATH")
TODAY_DONE_NOW=$(curl -s -H "Authorization: Bearer $TOKEN" "$BASE/api/v1/me/today" | jq '.completedSessionIds | length')

# --- 5. Report ----------------------------------------------------------------------------------
pct() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.1f", (b > 0 ? 100 * a / b : 0) }'; }
verdict() { awk -v r="$1" -v g="$2" 'BEGIN { print (r >= g ? "PASS" : "FAIL") }'; }
R_TODAY=$(pct "${RPS[today]}" "${RPS[bare-get]}")
R_SESS=$(pct "${RPS[sessions]}" "${RPS[bare-post]}")
R_SESS_AFTER=$(pct "${RPS[sessions-after]}" "${RPS[bare-post-after]}")
R_TODAY_AFTER=$(pct "${RPS[today-after]}" "${RPS[bare-get-after]}")
V_TODAY=$(verdict "$R_TODAY" $GOAL_TODAY)
V_SESS=$(verdict "$R_SESS" $GOAL_SESSIONS)
V_SESS_AFTER=$(verdict "$R_SESS_AFTER" $GOAL_SESSIONS)
V_ERRORS=$([[ $TOTAL_ERRORS == 0 ]] && echo PASS || echo FAIL)

row() { printf '| %s | `%s` | %s | %s | %s | %s | %s | %s |\n' "$1" "$2" "${RPS[$3]}" "${P50[$3]}" "${P99[$3]}" "${ERR[$3]}" "${ROUNDS_RPS[$3]}" "${WARM[$3]}"; }
COMMIT=$(git --no-optional-locks rev-parse --short HEAD 2>/dev/null || echo unknown)
DIRTY=$([[ -n $(git --no-optional-locks status --porcelain -- src 2>/dev/null) ]] && echo " (src/ has uncommitted changes)" || true)
{
  echo "## Load (wrk) — $(date -u +%Y-%m-%dT%H:%M:%SZ)"
  echo
  echo "\`bench/load.sh\`: wrk -t$THREADS -c$CONNECTIONS --latency on 127.0.0.1, $DURATION per route in $ROUNDS rounds alternating with its bare twin, each after $WARMUP warm-up slices until steady (first runs of each route and its bare twin: at" \
    "least ${WARMUP_MIN}s; at most ${WARMUP_MAX}s), Release build" \
    "of commit $COMMIT$DIRTY${BENCH_APP_ARGS:+ run with $BENCH_APP_ARGS}, Production, SQLite in WAL with synchronous=FULL on $FSTYPE. Machine: $(nproc) cores," \
    "load average $LOAD_AT_START at start and $(cut -d' ' -f1-3 /proc/loadavg) at the end (1, 5, 15 min; other" \
    "builds and tests may share the cores, and wrk shares them with the app). Total run time $(($(date +%s) - STARTED))s."
  echo
  echo "| phase | route | requests/s (mean of rounds) | p50 ms (median) | p99 ms (highest) | errors | rounds, req/s | warm-up slices, req/s |"
  echo "| --- | --- | ---: | ---: | ---: | ---: | --- | --- |"
  row "start" "GET /bench/bare" bare-get
  row "start" "GET /api/v1/me/today" today
  row "start" "POST /bench/bare" bare-post
  row "start" "POST /api/v1/me/sessions" sessions
  row "after $HISTORY_STORED more sessions" "POST /bench/bare" bare-post-after
  row "after $HISTORY_STORED more sessions" "POST /api/v1/me/sessions" sessions-after
  row "after (information, -d$INFO_DURATION)" "GET /bench/bare" bare-get-after
  row "after (information, -d$INFO_DURATION)" "GET /api/v1/me/today?date=$LAST_WEEK" today-after
  echo
  echo "| ratio | measured | goal | result |"
  echo "| --- | ---: | ---: | --- |"
  echo "| today / bare GET | $R_TODAY % | ≥ $GOAL_TODAY % | $V_TODAY |"
  echo "| sessions / bare POST, start | $R_SESS % | ≥ $GOAL_SESSIONS % | $V_SESS |"
  echo "| sessions / bare POST, after $HISTORY_STORED more sessions | $R_SESS_AFTER % | ≥ $GOAL_SESSIONS % | $V_SESS_AFTER |"
  echo "| today / bare GET, after the history (information) | $R_TODAY_AFTER % | — | — |"
  echo "| sessions of history logged before the second measurement | $HISTORY_STORED | ≥ $HISTORY | $V_HISTORY |"
  echo "| errors (non-2xx and socket errors, all runs) | $TOTAL_ERRORS | 0 | $V_ERRORS |"
  echo
  echo "Sessions stored by the measured runs: ${STORED[sessions]} (start) and ${STORED[sessions-after]} (after), against" \
    "${REQ[sessions]} and ${REQ[sessions-after]} answers counted by wrk (a few more may be stored: requests still in" \
    "flight when wrk stops). History: $HISTORY_STORED sessions with distinct times $((step / 60)) minutes apart, logged through the API in ${HISTORY_SECONDS}s" \
    "(wrk: ${HISTORY_RPS:-?} sessions/s); $TOTAL_STORED sessions stored for the person at the end. Today's answer:" \
    "$TODAY_BYTES_BEFORE bytes at the start, $TODAY_BYTES_AFTER bytes for $LAST_WEEK after the history (today itself now" \
    "lists $TODAY_DONE_NOW sessions, those of the measured runs, so it is not used for the information row)."
} >"$TMP/table.md"

mkdir -p "$(dirname "$RESULTS")"
cp "$TMP/table.md" "$RESULTS"
echo
cat "$TMP/table.md"
echo
log "written to $RESULTS"

if [[ $V_TODAY == PASS && $V_SESS == PASS && $V_SESS_AFTER == PASS && $V_ERRORS == PASS && $V_HISTORY == PASS ]]; then
  log "all goals met"
  exit 0
fi
log "a goal was not met"
exit 1
