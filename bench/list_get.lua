-- wrk script: the same GET again and again, with a bearer token. Environment: BENCH_TOKEN.
local token = os.getenv("BENCH_TOKEN") or ""

function request()
  local headers = {}
  headers["Accept"] = "application/json"
  headers["Accept-Language"] = "vi"
  if token ~= "" then
    headers["Authorization"] = "Bearer " .. token
  end
  return wrk.format("GET", nil, headers)
end
