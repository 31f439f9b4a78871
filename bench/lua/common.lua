-- Shared by get.lua and post.lua (loaded with dofile). Counts non-2xx answers per thread and
-- prints one machine-readable summary line that bench/load.sh parses:
--   BENCH requests=N duration_s=S rps=R p50_ms=A p99_ms=B non2xx=C socket_errors=D (connect ..
--   read .. write .. timeout ..) first_error=STATUS BODY (the first non-2xx answer, or -)
-- Environment:
--   BENCH_TOKEN         bearer token sent as "Authorization: Bearer ..." (omitted when empty)
--   BENCH_MAX_REQUESTS  each thread stops sending once it has its share of this many answers
--                       (0 = run for -d); wrk itself still waits for -d, so load.sh interrupts it

local threads = {}
local next_tid = 0

local token = os.getenv("BENCH_TOKEN") or ""
local max_total = tonumber(os.getenv("BENCH_MAX_REQUESTS") or "0") or 0

bench = { headers = {} }
if token ~= "" then
  bench.headers["Authorization"] = "Bearer " .. token
end

function setup(thread)
  next_tid = next_tid + 1
  thread:set("tid", next_tid)
  table.insert(threads, thread)
end

-- Per-thread state (each wrk thread has its own Lua state).
non2xx = 0
answers = 0
first_error = ""
limit = 0

function init(args)
  -- wrk.thread is this thread; the thread count is known to the shell, passed as an argument.
  local nthreads = tonumber(args[1] or "1") or 1
  if max_total > 0 then
    limit = math.ceil(max_total / nthreads)
  end
  if bench.init then bench.init(args) end
end

function response(status, headers, body)
  answers = answers + 1
  if status < 200 or status > 299 then
    non2xx = non2xx + 1
    if first_error == "" then
      first_error = tostring(status) .. " " .. string.sub(string.gsub(body or "", "%s+", " "), 1, 300)
    end
  end
  if limit > 0 and answers >= limit then
    wrk.thread:stop()
  end
end

function done(summary, latency, requests)
  local errs, firsts = 0, ""
  for _, t in ipairs(threads) do
    errs = errs + (t:get("non2xx") or 0)
    local f = t:get("first_error") or ""
    if firsts == "" and f ~= "" then firsts = f end
  end
  local e = summary.errors
  local sock = e.connect + e.read + e.write + e.timeout
  local secs = summary.duration / 1e6
  io.write(string.format(
    "BENCH requests=%d duration_s=%.2f rps=%.1f p50_ms=%.2f p99_ms=%.2f non2xx=%d socket_errors=%d" ..
    " (connect %d read %d write %d timeout %d) first_error=%s\n",
    summary.requests, secs, summary.requests / secs,
    latency:percentile(50) / 1000, latency:percentile(99) / 1000,
    errs, sock, e.connect, e.read, e.write, e.timeout, (firsts == "" and "-" or firsts)))
end
