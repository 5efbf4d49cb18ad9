-- wrk script: each request is a new dossier with its own Idempotency-Key.
-- Environment: BENCH_TOKEN (bearer token, may be empty), BENCH_BODY (JSON body), or BENCH_BODIES (JSON bodies,
-- one per line, sent in turn: submissions spread over several agencies).
local counter = 0
local thread_id = 0
local threads = {}

function setup(thread)
  thread_id = thread_id + 1
  thread:set("tid", thread_id)
  table.insert(threads, thread)
end

function init(args)
  math.randomseed(os.time() + (tid or 0))
  prefix = string.format("%d-%d-%d", os.time(), tid or 0, math.random(1, 1000000000))
end

local token = os.getenv("BENCH_TOKEN") or ""
local bodies = {}
for line in string.gmatch(os.getenv("BENCH_BODIES") or os.getenv("BENCH_BODY") or "{}", "[^\n]+") do
  table.insert(bodies, line)
end

function request()
  counter = counter + 1
  local headers = {}
  headers["Content-Type"] = "application/json"
  headers["Accept-Language"] = "vi"
  headers["Idempotency-Key"] = prefix .. "-" .. counter
  if token ~= "" then
    headers["Authorization"] = "Bearer " .. token
  end
  return wrk.format("POST", nil, headers, bodies[(counter % #bodies) + 1])
end
