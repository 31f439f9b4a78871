-- GET of pages and drawings for bench/pages.sh, one path or a list of paths taken in turn.
-- Usage: wrk -s bench/lua/pages.lua URL -- NTHREADS
-- Environment (besides common.lua's):
--   BENCH_PATHS_FILE  a file of paths, one per line, requested in turn by each connection
--                     (empty: the URL's own path)
--   BENCH_HEADER      one extra request header, "Name: value" (empty: none)
dofile((os.getenv("BENCH_LUA_DIR") or "bench/lua") .. "/common.lua")

wrk.method = "GET"
local header = os.getenv("BENCH_HEADER") or ""
local name, value = string.match(header, "^([^:]+):%s*(.*)$")
if name then
  wrk.headers[name] = value
end

local paths = {}
local file = os.getenv("BENCH_PATHS_FILE") or ""
if file ~= "" then
  for line in io.lines(file) do
    if line ~= "" then table.insert(paths, line) end
  end
end

local i = 0
if #paths > 0 then
  function request()
    i = i % #paths + 1
    return wrk.format(nil, paths[i])
  end
end
