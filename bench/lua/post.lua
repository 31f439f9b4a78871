-- POST of a session body with a fresh Idempotency-Key per request: "<run id>-t<thread>-<counter>",
-- so keys never repeat across threads or runs. The same request (headers and body) goes to the
-- bare twin, so only server work differs.
-- Usage: wrk -s bench/lua/post.lua URL -- NTHREADS
-- Env: BENCH_LUA_DIR, BENCH_TOKEN, BENCH_BODY_FILE (the JSON body), BENCH_RUN_ID (random prefix),
--      BENCH_MAX_REQUESTS (optional stop after N answers in total),
--      BENCH_TIME_BASE + BENCH_TIME_STEP (optional, epoch seconds) + BENCH_TIME_SLOTS: replace
--      __PERFORMED_AT__ in the body with base + (i mod slots) * step for the i-th request of the run
--      (distinct times, a spread history).
dofile((os.getenv("BENCH_LUA_DIR") or "bench/lua") .. "/common.lua")

local f = assert(io.open(assert(os.getenv("BENCH_BODY_FILE"), "BENCH_BODY_FILE not set"), "rb"))
local body = f:read("*a")
f:close()

local run_id = os.getenv("BENCH_RUN_ID") or ""
if run_id == "" then
  math.randomseed(os.time())
  run_id = string.format("%08x", math.random(0, 0x7fffffff))
end

local time_base = tonumber(os.getenv("BENCH_TIME_BASE") or "")
local time_step = tonumber(os.getenv("BENCH_TIME_STEP") or "")
local time_slots = tonumber(os.getenv("BENCH_TIME_SLOTS") or "") or 1000000
local nthreads = 1
local tid = 1

local prefix = ""
local counter = 0
local headers = { ["Content-Type"] = "application/json" }
if bench.headers["Authorization"] then
  headers["Authorization"] = bench.headers["Authorization"]
end

bench.init = function(args)
  nthreads = tonumber(args[1] or "1") or 1
  tid = wrk.thread:get("tid")
  prefix = run_id .. "-t" .. tostring(tid) .. "-"
end

function request()
  counter = counter + 1
  headers["Idempotency-Key"] = prefix .. counter
  if time_base and time_step then
    -- Unique across threads: thread t takes indexes t-1, t-1+n, t-1+2n, ...
    local i = ((counter - 1) * nthreads + (tid - 1)) % time_slots
    local at = os.date("!%Y-%m-%dT%H:%M:%SZ", time_base + i * time_step)
    return wrk.format("POST", nil, headers, (string.gsub(body, "__PERFORMED_AT__", at)))
  end
  return wrk.format("POST", nil, headers, body)
end
