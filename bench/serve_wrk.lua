-- wrk's script for bench/serve.py: POST one multipart application per request, each with its
-- own bytes. The body is encoded once by bench/serve.py (httpx) into BODY_FILE, holding MARK
-- once in the file's bytes; each request puts its number (zero-padded to MARK's length) in
-- place of the mark, so that no two uploads are the same bytes.
--
--   PROCGEN_BENCH_BODY=body.bin PROCGEN_BENCH_TYPE='multipart/form-data; boundary=…' \
--   PROCGEN_BENCH_PATH=/api/procedures/ID/applications wrk -t1 -c32 -d10s -s serve_wrk.lua URL
--
-- done() prints one JSON line: the statuses counted, and the latency percentiles in µs.

local MARK = "<<procgen-bench-n>>"
local threads = {}

local function read(path)
  local f = assert(io.open(path, "rb"))
  local s = f:read("*a")
  f:close()
  return s
end

function setup(thread)
  thread:set("id", #threads)
  table.insert(threads, thread)
end

function init(args)
  local body = read(os.getenv("PROCGEN_BENCH_BODY"))
  local at = assert(body:find(MARK, 1, true), "the body holds no mark")
  head, tail = body:sub(1, at - 1), body:sub(at + #MARK)
  path = os.getenv("PROCGEN_BENCH_PATH")
  headers = {
    ["Content-Type"] = os.getenv("PROCGEN_BENCH_TYPE"),
    ["Authorization"] = "Bearer bench-citizen",
  }
  n = 0
  statuses = {}
end

function request()
  n = n + 1
  local number = string.format("%0" .. #MARK .. "d", id * 100000000 + n)
  return wrk.format("POST", path, headers, head .. number .. tail)
end

function response(status, hdrs, body)
  statuses[status] = (statuses[status] or 0) + 1
end

function done(summary, latency, requests)
  local counts = {}
  for _, thread in ipairs(threads) do
    for status, count in pairs(thread:get("statuses")) do
      counts[status] = (counts[status] or 0) + count
    end
  end
  local parts = {}
  for status, count in pairs(counts) do
    table.insert(parts, string.format('"%d": %d', status, count))
  end
  table.sort(parts)
  io.write(string.format(
    '{"statuses": {%s}, "duration_us": %d, "p50_us": %d, "p90_us": %d, "p99_us": %d, '
      .. '"max_us": %d, "errors": %d}\n',
    table.concat(parts, ", "), summary.duration, latency:percentile(50),
    latency:percentile(90), latency:percentile(99), latency.max,
    summary.errors.connect + summary.errors.read + summary.errors.write
      + summary.errors.status + summary.errors.timeout))
end
