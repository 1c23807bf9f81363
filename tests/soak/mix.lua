-- SPDX-License-Identifier: ISC
-- wrk script for tests/soak/soak.sh: a mix of pages, API reads and (one
-- request in WRITE_EVERY) API writes, paced by delay() so the offered
-- load is a set fraction of capacity.  Environment: SOAK_TOKEN (admin
-- API token), SOAK_DELAY_MS (pause between a connection's requests),
-- SOAK_WRITE_EVERY (0: no writes).  /map (860 kB of SVG) is left out: it
-- would be the whole measurement.
local paths = {
	"/",
	"/jurisdictions?q=Cook",
	"/jurisdictions/1714000",
	"/records/programs",
	"/records/programs/JAG",
	"/api/v1/jurisdictions?limit=50",
	"/api/v1/outcomes?jurisdiction=1714000&limit=20",
	"/api/v1/programs/JAG",
	"/api/v1/health",
}
local token = os.getenv("SOAK_TOKEN") or ""
local pause = tonumber(os.getenv("SOAK_DELAY_MS") or "0")
local write_every = tonumber(os.getenv("SOAK_WRITE_EVERY") or "0")
local run = os.getenv("SOAK_RUN") or "x"
local threads = {}
local counter = 1

function setup(thread)
	thread:set("tid", counter)
	counter = counter + 1
	table.insert(threads, thread)
end

function init(args)
	n = 0
end

function request()
	n = n + 1
	if write_every > 0 and n % write_every == 0 then
		-- SOAK_RUN keeps names unique across the runs of one server
		-- (warm-up, soak): a repeated name is a 409, counted as an error.
		local body = string.format(
		    '{"name":"soak%s_%d_%d","role":"reviewer","password":"soak-pass-%d"}',
		    run, tid, n, n)
		return wrk.format("POST", "/api/v1/users", {
			["Authorization"] = "Bearer " .. token,
			["Content-Type"] = "application/json",
		}, body)
	end
	return wrk.format("GET", paths[(n % #paths) + 1])
end

function delay()
	return pause
end

function done(summary, latency, requests)
	io.write(string.format("soak: requests=%d duration_us=%d p50_us=%d p99_us=%d errors=%d non2xx=%d\n",
	    summary.requests, summary.duration, latency:percentile(50),
	    latency:percentile(99),
	    summary.errors.connect + summary.errors.read +
	    summary.errors.write + summary.errors.timeout,
	    summary.errors.status))
end
