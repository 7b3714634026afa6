-- wrk: POST a form when WRK_BODY is set (with the CSRF cookie in WRK_COOKIE), and print the
-- median and the 95th percentile of the latency, in microseconds.
local body = os.getenv("WRK_BODY")
if body then
  wrk.method = "POST"
  wrk.body = body
  wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
  wrk.headers["Cookie"] = os.getenv("WRK_COOKIE")
end

done = function(summary, latency, requests)
  io.write(string.format("p50=%d p95=%d\n", latency:percentile(50), latency:percentile(95)))
end
