#!/usr/bin/env bash
# Bounded soak of the service on loopback (issue 12): for SECONDS (default 600) 8 unary Reconcile callers, 2
# ReconcileStream callers, 2 `cccdrecon batch` runs (units 05443 and 05446, each rerun on exit code 3 until done) and 4
# reviewers racing on the same cases, with one `kill -9` of the server at 30 % of the time and one SIGTERM at 60 %
# (each followed by a restart on the same database). Then it checks: every form of each batch exactly once in its
# results.csv and in the server's counts, no decision a reviewer was told it won lost, no case won twice, the
# error-level lines of the server's logs (each listed, to be judged), and the server's memory over the last segment.
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

if (exec 3<>"/dev/tcp/127.0.0.1/$PORT") 2>/dev/null; then
  echo "port $PORT is already in use; set PORT" >&2
  exit 1
fi

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
start_server() {
  SEGMENT=$((SEGMENT + 1))
  (cd "$WORK" && ASPNETCORE_ENVIRONMENT=Development exec dotnet "$SERVER_DLL" --urls "$URL" \
    --Limits:RequestsPerSecond=1000000 --Limits:RequestBurst=1000000 --Limits:MaxStreamMessages=10000000 \
    --Batch:ChunkSize=50 --Batch:PauseBetweenChunks="$PAUSE") >"$WORK/server-$SEGMENT.log" 2>&1 &
  SERVER_PID=$!
  for _ in $(seq 1 600); do
    grep -q "Application started" "$WORK/server-$SEGMENT.log" 2>/dev/null && return 0
    kill -0 "$SERVER_PID" 2>/dev/null || { echo "server exited:" >&2; tail -20 "$WORK/server-$SEGMENT.log" >&2; exit 1; }
    sleep 0.1
  done
  echo "server did not start" >&2; exit 1
}

rss_sampler() {
  while kill -0 "$1" 2>/dev/null; do
    awk -v t="$(date +%s)" -v s="$2" '/VmRSS/ { print t, s, $2 }' "/proc/$1/status" 2>/dev/null >> "$WORK/rss.txt" || true
    sleep 10
  done
}

echo "== server on $URL ($WORK)"
start_server
rss_sampler "$SERVER_PID" "$SEGMENT" & PIDS+=($!)
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

sleep $((SECONDS_TOTAL * 3 / 10))
echo "== kill -9 at +$(( $(date +%s) - T0 )) s"
kill -9 "$SERVER_PID"; wait "$SERVER_PID" 2>/dev/null || true
sleep 2
start_server
rss_sampler "$SERVER_PID" "$SEGMENT" & PIDS+=($!)

sleep $((SECONDS_TOTAL * 3 / 10))
echo "== SIGTERM at +$(( $(date +%s) - T0 )) s"
STOP_START=$(date +%s%N)
kill -TERM "$SERVER_PID"; TERM_CODE=0; wait "$SERVER_PID" || TERM_CODE=$?
STOP_MS=$(( ($(date +%s%N) - STOP_START) / 1000000 ))
start_server
rss_sampler "$SERVER_PID" "$SEGMENT" & PIDS+=($!)

echo "== waiting for the load (until +$SECONDS_TOTAL s) and the batches"
LOAD_CODE=0; wait "$LOAD_PID" || LOAD_CODE=$?
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
  echo "- kill -9 at 30 %, SIGTERM at 60 %: exit code $TERM_CODE after ${STOP_MS} ms"
  echo
  echo "## Error-level log lines: $ERRORS"
  echo '```'
  for f in "$WORK"/server-*.log; do { grep -E -A2 '^(fail|crit):' "$f" || true; } | sed "s|^|$(basename "$f"): |" | head -40; done
  echo '```'
  echo
  echo "## Server memory (RSS, MB) in the last segment, every 10 s"
  awk -v s="$SEGMENT" '$2 == s { printf "%.0f ", $3 / 1024 } END { print "" }' "$WORK/rss.txt"
  echo
  echo "command: SECONDS_TOTAL=$SECONDS_TOTAL PERSONS=$PERSONS CONFIG=$CONFIG bash bench/soak/run.sh"
} | tee "$RESULTS"
[ "$LOAD_CODE" -eq 0 ] || FAIL=1
[ "$TERM_CODE" -eq 0 ] || FAIL=1
exit $FAIL
