-- wrk: print the median and the 95th percentile of the latency, in microseconds.
done = function(summary, latency, requests)
  io.write(string.format("p50=%d p95=%d\n", latency:percentile(50), latency:percentile(95)))
end
