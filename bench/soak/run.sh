#!/usr/bin/env bash
# Bounded soak of the service on loopback (issue 12): for SECONDS (default 600) 8 unary Reconcile callers, 2
# ReconcileStream callers, 2 `cccdrecon batch` runs (units 05443 and 05446, each rerun on exit code 3 until done) and 4
# reviewers racing on the same cases, with one `kill -9` of the server at 20 % of the time and one SIGTERM at 40 %
# (each followed by a restart on the same database). Then it checks: every form of each batch exactly once in its
# results.csv, no lost decision (the load client checks every accepted decision against the case and the audit trail),
# no error-level line in the server's logs, and memory flat after warm-up in the last segment (the longest, 60 % of the
# run): RSS at the end within MEM_GROWTH_MAX % (15) of RSS just after WARMUP_SECONDS (120).
#
#   bash bench/soak/run.sh                       # 10 minutes, 4,000 persons
#   SECONDS_TOTAL=180 PERSONS=2000 bash bench/soak/run.sh
#
# Figures go to RESULTS (bench/soak/results-<date>.md). Exit 1 when a check fails.
set -euo pipefail
cd "$(dirname "$0")/../.."
SECONDS_TOTAL=${SECONDS_TOTAL:-600}
PERSONS=${PERSONS:-4000}
PORT=${PORT:-5097}
METRICS_PORT=${METRICS_PORT:-$((PORT + 1))}
# The review console gets a port of its own: Development's default (5081) may be another server's.
CONSOLE_PORT=${CONSOLE_PORT:-$((PORT + 2))}
WARMUP_SECONDS=${WARMUP_SECONDS:-120}
MEM_GROWTH_MAX=${MEM_GROWTH_MAX:-15}
CONFIG=${CONFIG:-Release}
RESULTS=${RESULTS:-bench/soak/results-$(date -u +%Y%m%dT%H%MZ).md}
URL="http://127.0.0.1:$PORT"

echo "== build ($CONFIG)"
for p in src/CccdRecon.Cli src/CccdRecon.Server bench/CccdRecon.Bench; do
  dotnet build -c "$CONFIG" "$p" -v quiet -nologo >/dev/null
done
CLI="dotnet $PWD/src/CccdRecon.Cli/bin/$CONFIG/net10.0/cccdrecon.dll"
SERVER_DLL="$PWD/src/CccdRecon.Server/bin/$CONFIG/net10.0/CccdRecon.Server.dll"
BENCH_DLL="$PWD/bench/CccdRecon.Bench/bin/$CONFIG/net10.0/CccdRecon.Bench.dll"

for p in "$PORT" "$METRICS_PORT" "$CONSOLE_PORT"; do
  if (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null; then
    echo "port $p is already in use; set PORT (and METRICS_PORT)" >&2
    exit 1
  fi
done

WORK=$(mktemp -d /tmp/cccdrecon-soak.XXXXXX)
SERVER_PID=
PIDS=()
cleanup() {
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  if [ -n "$SERVER_PID" ] && kill -0 "$SERVER_PID" 2>/dev/null; then kill -9 "$SERVER_PID" 2>/dev/null || true; fi
  [ -n "${KEEP:-}" ] || rm -rf "$WORK"
}
trap cleanup EXIT

echo "== data: $PERSONS persons into $WORK/gen"
$CLI generate --persons "$PERSONS" --seed 12 --out "$WORK/gen" >/dev/null
# Two batches: the forms split in two files (each with the header).
head -1 "$WORK/gen/forms.csv" > "$WORK/forms-a.csv"; cp "$WORK/forms-a.csv" "$WORK/forms-b.csv"
tail -n +2 "$WORK/gen/forms.csv" | awk -v a="$WORK/forms-a.csv" -v b="$WORK/forms-b.csv" 'NR % 2 { print >> a; next } { print >> b }'

# The batches are spread over the run (small chunks, a pause between them) so the kill and the SIGTERM cut them.
PAUSE_MS=$(( SECONDS_TOTAL * 45000 / PERSONS ))
PAUSE=$(printf "00:%02d:%02d.%03d" $((PAUSE_MS / 60000)) $((PAUSE_MS / 1000 % 60)) $((PAUSE_MS % 1000)))

SEGMENT=0
SEGMENT_START=()
start_server() {
  SEGMENT=$((SEGMENT + 1))
  (cd "$WORK" && ASPNETCORE_ENVIRONMENT=Development exec dotnet "$SERVER_DLL" --urls "$URL" \
    --Limits:RequestsPerSecond=1000000 --Limits:RequestBurst=1000000 --Limits:MaxStreamMessages=10000000 \
    --Batch:ChunkSize=50 --Batch:PauseBetweenChunks="$PAUSE" --Telemetry:MetricsUrl="http://127.0.0.1:$METRICS_PORT" --Console:Urls="http://127.0.0.1:$CONSOLE_PORT") \
    >"$WORK/server-$SEGMENT.log" 2>&1 &
  SERVER_PID=$!
  SEGMENT_START[$SEGMENT]=$(date +%s)
  for _ in $(seq 1 600); do
    grep -q "Application started" "$WORK/server-$SEGMENT.log" 2>/dev/null && return 0
    kill -0 "$SERVER_PID" 2>/dev/null || { echo "server exited:" >&2; tail -20 "$WORK/server-$SEGMENT.log" >&2; exit 1; }
    sleep 0.1
  done
  echo "server did not start" >&2; exit 1
}

# Every 10 s: time, segment, RSS / anonymous / shared (the JIT's code) in kB from /proc, and from the server's
# /metrics (System.Runtime and its own meter): GC heap after the last collection, GC committed memory (bytes), methods
# jitted so far, audit events queued. A metric missing (not scraped in time: a scrape takes seconds on a loaded
# machine) is "-"; a failed sample never stops the sampler.
memory_sampler() {
  while kill -0 "$1" 2>/dev/null; do
    local t proc metrics
    t=$(date +%s)
    proc=$(awk '/^VmRSS/ { r = $2 } /^RssAnon/ { a = $2 } /^RssShmem/ { s = $2 } END { print r + 0, a + 0, s + 0 }' "/proc/$1/status" 2>/dev/null || echo "0 0 0")
    metrics=$({ curl -s --max-time 20 "http://127.0.0.1:$METRICS_PORT/metrics" 2>/dev/null || true; } | awk '
      /^dotnet_gc_last_collection_heap_size_bytes/ { h += $2; hs = 1 }
      /^dotnet_gc_last_collection_memory_committed_size_bytes/ { c = $2; cs = 1 }
      /^dotnet_jit_compiled_methods_total/ { j = $2; js = 1 }
      /^cccdrecon_audit_queue_events/ { q = $2; qs = 1 }
      END { printf "%s %s %s %s\n", hs ? h : "-", cs ? c : "-", js ? j : "-", qs ? q : "-" }')
    echo "$t $2 $proc $metrics" >> "$WORK/memory.txt"
    sleep 10
  done
}

echo "== server on $URL ($WORK)"
start_server
memory_sampler "$SERVER_PID" "$SEGMENT" & PIDS+=($!)
ADMIN=$($CLI token --role recon.admin --subject soak.admin --data "$WORK/data")
export CCCDRECON_TOKEN=$ADMIN
REVIEWERS=()
for r in 1 2 3 4; do
  REVIEWERS+=("$($CLI token --role recon.reviewer --unit 05443 --unit 05446 --subject "can.bo.$r" --data "$WORK/data")")
done

batch_loop() { # unit forms out: reruns on exit code 3 (server gone) until the batch is done
  local unit=$1 forms=$2 out=$3 code runs=0
  while :; do
    runs=$((runs + 1))
    code=0
    $CLI batch --server "$URL" --unit "$unit" --registry "$WORK/gen/registry.csv" --forms "$forms" --out "$out" \
      >>"$WORK/batch-$unit.log" 2>&1 || code=$?
    echo "run $runs: exit $code" >>"$WORK/batch-$unit.log"
    [ "$code" -eq 3 ] || { echo "$code $runs" > "$WORK/batch-$unit.exit"; return 0; }
    sleep 2
  done
}

LOAD_BEFORE=$(uptime)
T0=$(date +%s)
dotnet "$BENCH_DLL" soak --server "$URL" --forms "$WORK/gen/forms.csv" --seconds "$SECONDS_TOTAL" \
  --admin-token "$ADMIN" --reviewer-tokens "$(IFS=,; echo "${REVIEWERS[*]}")" >"$WORK/load.txt" 2>&1 &
LOAD_PID=$!; PIDS+=($LOAD_PID)
batch_loop 05443 "$WORK/forms-a.csv" "$WORK/out-a" & PIDS+=($!)
batch_loop 05446 "$WORK/forms-b.csv" "$WORK/out-b" & PIDS+=($!)

sleep $((SECONDS_TOTAL * 2 / 10))
echo "== kill -9 at +$(( $(date +%s) - T0 )) s"
kill -9 "$SERVER_PID"; wait "$SERVER_PID" 2>/dev/null || true
sleep 2
start_server
memory_sampler "$SERVER_PID" "$SEGMENT" & PIDS+=($!)

sleep $(( T0 + SECONDS_TOTAL * 4 / 10 - $(date +%s) > 0 ? T0 + SECONDS_TOTAL * 4 / 10 - $(date +%s) : 1 ))
echo "== SIGTERM at +$(( $(date +%s) - T0 )) s"
STOP_START=$(date +%s%N)
kill -TERM "$SERVER_PID"; TERM_CODE=0; wait "$SERVER_PID" || TERM_CODE=$?
STOP_MS=$(( ($(date +%s%N) - STOP_START) / 1000000 ))
start_server
memory_sampler "$SERVER_PID" "$SEGMENT" & PIDS+=($!)

echo "== waiting for the load (until +$SECONDS_TOTAL s) and the batches"
LOAD_CODE=0; wait "$LOAD_PID" || LOAD_CODE=$?
LOAD_END=$((T0 + SECONDS_TOTAL))
for unit in 05443 05446; do
  for _ in $(seq 1 1800); do [ -f "$WORK/batch-$unit.exit" ] && break; sleep 1; done
done
LOAD_AFTER=$(uptime)

FAIL=0
check_batch() { # unit forms out
  local unit=$1 forms=$2 out=$3 expected got distinct
  read -r code runs < "$WORK/batch-$unit.exit"
  expected=$(tail -n +2 "$forms" | grep -c . || true)
  got=$(tail -n +2 "$out/results.csv" 2>/dev/null | wc -l || echo 0)
  distinct=$(tail -n +2 "$out/results.csv" 2>/dev/null | cut -d, -f1 | sort -u | wc -l || echo 0)
  echo "- batch $unit: exit $code after $runs runs; $got result rows, $distinct distinct forms, $expected forms in the file"
  if [ "$code" -ne 0 ] || [ "$got" -ne "$distinct" ] || [ "$distinct" -ne "$expected" ]; then FAIL=1; fi
}

ERRORS=$(cat "$WORK"/server-*.log | grep -cE '^(fail|crit):' || true)

# Memory of one segment: the series, then (from WARMUP_SECONDS after its start to the end of the load) RSS and GC heap
# at the start of that window and at its end, each the median of 3 samples. Prints "verdict GROWTH_PERCENT" last.
memory_report() { # segment start end
  awk -v s="$1" -v start="$2" -v warm="$(( $2 + WARMUP_SECONDS ))" -v end="$3" -v max="$MEM_GROWTH_MAX" '
    function med(a, i, n,   x, y, z, t) { x = a[i]; y = a[i + 1]; z = a[i + 2]
      if (x > y) { t = x; x = y; y = t } if (y > z) { t = y; y = z; z = t } if (x > y) { t = x; x = y; y = t } return y }
    function mb(v) { return v == "-" ? "-" : sprintf("%.0f", v / 1048576) }
    $2 == s && $1 <= end && $3 > 0 {
      series = series sprintf(" %d:%.0f/%s", $1 - start, $3 / 1024, mb($6))
      if ($1 >= warm) { n++; rss[n] = $3 / 1024; heap[n] = $6 == "-" ? 0 : $6 / 1048576; com[n] = $7 == "-" ? 0 : $7 / 1048576
        anon[n] = $4 / 1024; shm[n] = $5 / 1024; if ($9 != "-" && $9 > q) q = $9; jit[n] = $8 }
    }
    END {
      print "- every 10 s, seconds since start: RSS MB / GC heap MB:" series
      if (n < 6) { print "- too few samples after the warm-up to judge (" n ")"; print "verdict short"; exit }
      b = med(rss, 1); e = med(rss, n - 2); g = (e - b) * 100 / b
      printf "- after warm-up (+%d s) -> end of load (+%d s): RSS %.0f -> %.0f MB (%+.1f %%; anonymous %.0f -> %.0f, shared/JIT code %.0f -> %.0f); GC heap %.0f -> %.0f MB; GC committed %.0f -> %.0f MB; methods jitted in the window %s; audit queue at most %d events\n",
        warm - start, end - start, b, e, g, med(anon, 1), med(anon, n - 2), med(shm, 1), med(shm, n - 2), med(heap, 1), med(heap, n - 2),
        med(com, 1), med(com, n - 2), (jit[n] != "-" && jit[1] != "-") ? jit[n] - jit[1] : "-", q
      print (g <= max ? "verdict flat " : "verdict growing ") sprintf("%.1f", g)
    }' "$WORK/memory.txt"
}
{
  echo "# Soak, ${SECONDS_TOTAL} s, $PERSONS persons ($(date -u +%Y-%m-%dT%H:%MZ))"
  echo
  echo "machine: $(nproc) cores; dotnet $(dotnet --version); $CONFIG build"
  echo "load before: $LOAD_BEFORE"
  echo "load after:  $LOAD_AFTER"
  echo
  echo "## Load (8 unary, 2 streams, 4 reviewers)"
  echo '```'
  cat "$WORK/load.txt"
  echo '```'
  echo "load client exit code: $LOAD_CODE"
  echo
  echo "## Batches (every form exactly once)"
  check_batch 05443 "$WORK/forms-a.csv" "$WORK/out-a"
  check_batch 05446 "$WORK/forms-b.csv" "$WORK/out-b"
  echo
  echo "## Faults injected"
  echo "- kill -9 at 20 %, SIGTERM at 40 %: exit code $TERM_CODE after ${STOP_MS} ms"
  echo
  echo "## Error-level log lines: $ERRORS"
  echo '```'
  for f in "$WORK"/server-*.log; do { grep -E -A2 '^(fail|crit):' "$f" || true; } | sed "s|^|$(basename "$f"): |" | head -40; done
  echo '```'
  echo
  echo "## Server memory: flat after warm-up (the last segment: growth at most $MEM_GROWTH_MAX %)"
  echo
  echo "Warm-up: the first $WARMUP_SECONDS s of a segment (registry index and model loaded, hot paths jitted and tiered up, GC"
  echo "budgets, SQLite and Kestrel pools grown to the load's concurrency). Then RSS and GC heap should stay flat."
  for seg in $(seq 1 "$SEGMENT"); do
    seg_end=$LOAD_END
    [ "$seg" -lt "$SEGMENT" ] && seg_end=$(( SEGMENT_START[seg + 1] ))
    echo
    echo "segment $seg ($([ "$seg" -eq 1 ] && echo "fresh database" || echo "restart after the $([ "$seg" -eq 2 ] && echo "kill -9" || echo SIGTERM)"), $(( seg_end - SEGMENT_START[seg] )) s):"
    memory_report "$seg" "${SEGMENT_START[$seg]}" "$seg_end" | tee "$WORK/memory-$seg.txt" | grep -v '^verdict'
  done
  MEM_VERDICT=$(tail -1 "$WORK/memory-$SEGMENT.txt")
  echo
  echo "memory (last segment): ${MEM_VERDICT#verdict }"
  echo
  echo "command: SECONDS_TOTAL=$SECONDS_TOTAL PERSONS=$PERSONS CONFIG=$CONFIG bash bench/soak/run.sh"
} | tee "$RESULTS"
case "$(tail -1 "$WORK/memory-$SEGMENT.txt")" in "verdict flat"*) ;; *) FAIL=1 ;; esac
[ "$ERRORS" -eq 0 ] || FAIL=1
[ "$LOAD_CODE" -eq 0 ] || FAIL=1
[ "$TERM_CODE" -eq 0 ] || FAIL=1
exit $FAIL
