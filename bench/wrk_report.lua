-- wrk reporter for bench/run.py: counts answers that are not 2xx in every thread, and
-- prints one machine-readable line after the run. Latencies are in microseconds.
-- With the argument "vary" every request is a library search with other words (and a
-- unique address), so that no stored page can answer it.
local threads = {}
local terms = {
   "bewoners", "wijk", "signaleren", "beleid", "collectief", "professionaliteit",
   "buurt", "participatie", "eenzaamheid", "armoede", "jongeren", "legitimiteit",
}

function setup(thread)
   table.insert(threads, thread)
   thread:set("id", #threads)
end

function init(args)
   non2xx = 0
   vary = args[1] == "vary"
   counter = 0
   salt = os.time() * 100 + id  -- no two threads, and no two runs, ask the same
end

function request()
   if not vary then
      return wrk.request()
   end
   counter = counter + 1
   local first = terms[(counter % #terms) + 1]
   local second = terms[((counter * 5 + 3) % #terms) + 1]
   local path = string.format("%s?q=%s+%s&r=%d-%d", wrk.path, first, second, salt, counter)
   return wrk.format(nil, path)
end

function response(status, headers, body)
   if status < 200 or status > 299 then
      non2xx = non2xx + 1
   end
end

function done(summary, latency, requests)
   local bad = 0
   for _, thread in ipairs(threads) do
      bad = bad + thread:get("non2xx")
   end
   local e = summary.errors
   io.write(string.format(
      "BENCH requests=%d duration_us=%d p50=%d p95=%d p99=%d max=%d non2xx=%d socket_errors=%d\n",
      summary.requests, summary.duration,
      latency:percentile(50), latency:percentile(95), latency:percentile(99), latency.max,
      bad, e.connect + e.read + e.write + e.timeout))
end
