-- GET with the bearer header (the same headers go to the bare twin, so only server work differs).
-- Usage: wrk -s bench/lua/get.lua URL -- NTHREADS   (env: BENCH_LUA_DIR, BENCH_TOKEN)
dofile((os.getenv("BENCH_LUA_DIR") or "bench/lua") .. "/common.lua")

wrk.method = "GET"
wrk.headers["Authorization"] = bench.headers["Authorization"]
