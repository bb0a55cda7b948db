#!/usr/bin/env bash
# Load benchmark of `whosaid serve` (a benchmark, not a test): 50 concurrent clients send 20,000
# /api/search requests (facet counts on) over the queries of benches/queries.txt to a server on
# the AllSides index, with Debian's wrk (installed where absent); reports throughput, p50, p99,
# errors and the server's peak RSS, and beside them the same queries through the CLI as whole
# processes (`whosaid search --json --facets`).
#
# Usage: benches/serve_load.sh [INDEX]   (default /tmp/allsides-idx, built from
#        ../shared/corpora/allsides when absent). Environment: REQUESTS (20000), CLIENTS (50),
#        THREADS (server's search threads, 2), CLI_ROUNDS (rounds of the query list through the
#        CLI, 3), CACHE (the server's --cache: answers kept for requests asked again, 1024; 0 to
#        measure every request searched, as the warm-up has asked every query before). Figures on stdout; raw figures in bench-results/serve_load.json.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
index=${1:-/tmp/allsides-idx}
requests=${REQUESTS:-20000}
clients=${CLIENTS:-50}
threads=${THREADS:-2}
cli_rounds=${CLI_ROUNDS:-3}
cache=${CACHE:-1024}
corpus=$root/../shared/corpora/allsides

as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }
if ! command -v wrk >/dev/null; then
    echo "installing wrk (Debian's)" >&2
    as_root apt-get update -qq
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null
fi
cargo build --release --quiet
bin=$root/target/release/whosaid

if [ ! -f "$index/meta.json" ]; then
    if [ ! -d "$corpus" ]; then
        echo "skipped: $corpus is absent (../shared holds the AllSides corpus)" >&2
        exit 0
    fi
    echo "indexing $corpus into $index" >&2
    "$bin" index "$corpus" --index "$index" --quiet
fi

work=$(mktemp -d)
server=
cleanup() {
    if [ -n "$server" ]; then kill "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true; fi
    rm -rf "$work"
}
trap cleanup EXIT

# The queries as API paths and as CLI arguments (QUERY<TAB>FILTER FLAGS).
python3 - "$root/benches/queries.txt" "$work" <<'PY'
import json, re, sys, urllib.parse
src, work = sys.argv[1], sys.argv[2]
paths, argv = [], []
for line in open(src, encoding="utf-8"):
    line = line.rstrip("\n")
    if not line.strip() or line.startswith("#"):
        continue
    query, _, flags = line.partition("\t")
    params = [("q", query)]
    for m in re.finditer(r"--(\w+)\s+(.*?)(?=\s+--\w|$)", flags):
        params.append((m.group(1), m.group(2)))
    params += [("facets", "1"), ("limit", "10")]
    paths.append("/api/search?" + urllib.parse.urlencode(params))
    argv.append([query] + [x for k, v in params[1:-2] for x in ("--" + k, v)])
open(f"{work}/paths.txt", "w").write("\n".join(paths) + "\n")
json.dump(argv, open(f"{work}/argv.json", "w"))
PY

cat >"$work/load.lua" <<'LUA'
-- Cycles through the paths; each thread stops after WRK_REQUESTS answers. Besides wrk's own
-- latencies (from the client, queueing included), collects the server's Server-Timing: the time
-- spent searching and the time in the server in all.
local paths = {}
for line in io.lines(os.getenv("WRK_PATHS")) do paths[#paths + 1] = line end
local limit = tonumber(os.getenv("WRK_REQUESTS"))
local threads = {}
function setup(thread) table.insert(threads, thread) end
sent, answered, search_ms, total_ms = 0, 0, {}, {}
request = function()
  sent = sent + 1
  return wrk.format("GET", paths[(sent - 1) % #paths + 1])
end
response = function(status, headers)
  answered = answered + 1
  local t = headers["server-timing"] or headers["Server-Timing"] or ""
  local s, a = t:match("search;dur=([%d.]+), total;dur=([%d.]+)")
  if s then
    search_ms[#search_ms + 1] = tonumber(s)
    total_ms[#total_ms + 1] = tonumber(a)
  end
  if answered == limit then
    -- wrk waits out its duration after a stop: the script interrupts it once this file exists.
    io.open(os.getenv("WRK_DONE"), "w"):close()
    wrk.thread:stop()
  end
end
local function pct(list, p)
  if #list == 0 then return -1 end
  return list[math.max(1, math.min(#list, math.ceil(p / 100 * #list)))]
end
done = function(summary, latency)
  local s, a = {}, {}
  for _, t in ipairs(threads) do
    for _, v in ipairs(t:get("search_ms")) do s[#s + 1] = v end
    for _, v in ipairs(t:get("total_ms")) do a[#a + 1] = v end
  end
  table.sort(s); table.sort(a)
  local e = summary.errors
  io.write(string.format(
    '{"requests": %d, "seconds": %.3f, "errors": %d, "p50_ms": %.3f, "p90_ms": %.3f, "p99_ms": %.3f, "max_ms": %.3f, ' ..
    '"search_p50_ms": %.3f, "search_p99_ms": %.3f, "server_p50_ms": %.3f, "server_p99_ms": %.3f}\n',
    summary.requests, summary.duration / 1e6,
    e.connect + e.read + e.write + e.status + e.timeout,
    latency:percentile(50) / 1e3, latency:percentile(90) / 1e3,
    latency:percentile(99) / 1e3, latency.max / 1e3,
    pct(s, 50), pct(s, 99), pct(a, 50), pct(a, 99)))
end
LUA

"$bin" serve --index "$index" --addr 127.0.0.1:0 --threads "$threads" --cache "$cache" 2>"$work/serve.err" &
server=$!
addr=
for _ in $(seq 1 300); do
    addr=$(sed -n 's/^listening on \(http:\/\/[0-9.:]*\)$/\1/p' "$work/serve.err" | head -1)
    [ -n "$addr" ] && break
    sleep 0.1
done
[ -n "$addr" ] || { cat "$work/serve.err" >&2; exit 1; }
rss_mb() { awk '/^VmHWM/ { printf "%.0f", $2 / 1024 }' "/proc/$server/status"; }
echo "server $addr (pid $server), RSS after start: $(rss_mb) MB" >&2

load() { # load REQUESTS CLIENTS: one wrk run, interrupted once it has its answers; its JSON line
    rm -f "$work/done"
    WRK_PATHS=$work/paths.txt WRK_REQUESTS=$1 WRK_DONE=$work/done \
        wrk -t1 -c"$2" -d600s --timeout 10s -s "$work/load.lua" "$addr" >"$work/wrk.out" &
    local wrk_pid=$!
    while kill -0 "$wrk_pid" 2>/dev/null && [ ! -e "$work/done" ]; do sleep 0.01; done
    kill -INT "$wrk_pid" 2>/dev/null || true
    wait "$wrk_pid" || true
    tail -1 "$work/wrk.out"
}
cpu_ticks() { awk '{ print $14 + $15 }' "/proc/$server/stat"; }
load 2000 "$clients" >/dev/null # warm-up: every query more than once, the index in memory
before=$(cpu_ticks)
api=$(load "$requests" "$clients")
# The server's CPU time per request: what bounds throughput when its cores are its own.
cpu_ms=$(awk -v a="$before" -v b="$(cpu_ticks)" -v hz="$(getconf CLK_TCK)" -v n="$requests" \
    'BEGIN { printf "%.3f", (b - a) * 1000 / hz / n }')
peak=$(rss_mb)
# One client at a time: the latency of a request that waits for no other.
single=$(load 2000 1)

# The same queries through the CLI, one whole process each.
cli=$(python3 - "$bin" "$index" "$work/argv.json" "$cli_rounds" <<'PY'
import json, subprocess, sys, time
binary, index, argv_file, rounds = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
queries = json.load(open(argv_file))
times, errors = [], 0
start = time.perf_counter()
for _ in range(rounds):
    for q in queries:
        t = time.perf_counter()
        r = subprocess.run([binary, "search", *q, "--json", "--facets", "--index", index],
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        times.append((time.perf_counter() - t) * 1e3)
        errors += r.returncode == 2
total = time.perf_counter() - start
times.sort()
pct = lambda p: times[min(len(times) - 1, int(p / 100 * len(times)))]
print(json.dumps({"requests": len(times), "seconds": round(total, 3), "errors": errors,
                  "p50_ms": round(pct(50), 3), "p99_ms": round(pct(99), 3)}))
PY
)

mkdir -p "$root/bench-results"
load_avg=$(cut -d' ' -f1 /proc/loadavg)
printf '{"index": "%s", "clients": %s, "threads": %s, "cache": %s, "server_peak_rss_mb": %s, "server_cpu_ms_per_request": %s, "load_average": %s, "api": %s, "api_one_client": %s, "cli": %s}\n' \
    "$index" "$clients" "$threads" "$cache" "$peak" "$cpu_ms" "$load_avg" "$api" "$single" "$cli" >"$root/bench-results/serve_load.json"
python3 - "$root/bench-results/serve_load.json" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))
a, one, c = r["api"], r["api_one_client"], r["cli"]
print(f"whosaid serve on {r['index']}: {r['threads']} search threads, --cache {r['cache']}; server peak RSS "
      f"{r['server_peak_rss_mb']} MB; server CPU {r['server_cpu_ms_per_request']} ms a request "
      f"(so at most {2000 / r['server_cpu_ms_per_request']:.0f} req/s on 2 free cores); "
      f"load average {r['load_average']} at the end")
print("| | clients | requests | errors | req/s | p50 ms | p99 ms | server p50 / p99 ms | searching p50 / p99 ms |")
print("|---|---|---|---|---|---|---|---|---|")
for name, x, n in [("/api/search?facets=1", a, r["clients"]), ("/api/search?facets=1", one, 1)]:
    print(f"| {name} | {n} | {x['requests']} | {x['errors']} | {x['requests'] / x['seconds']:.0f} | "
          f"{x['p50_ms']:.2f} | {x['p99_ms']:.2f} | {x['server_p50_ms']:.2f} / {x['server_p99_ms']:.2f} | "
          f"{x['search_p50_ms']:.2f} / {x['search_p99_ms']:.2f} |")
print(f"| whosaid search --json --facets, a process each | 1 | {c['requests']} | {c['errors']} | "
      f"{c['requests'] / c['seconds']:.0f} | {c['p50_ms']:.2f} | {c['p99_ms']:.2f} | | |")
PY
