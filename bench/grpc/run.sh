#!/usr/bin/env bash
# gRPC service benchmark: starts the Release server on loopback with a fresh database, imports an N-person
# registry through RegistryService.ImportRecords, then measures unary Reconcile (throughput, p50/p90/p99 latency at
# several concurrencies) and ReconcileStream (forms/s with 1 and 2 streams). Figures, not pass/fail.
#
#   bash bench/grpc/run.sh                         # 1.3M-person registry (~0.6 GB of CSV in bench/data)
#   PERSONS=200000 bash bench/grpc/run.sh
#   CCCDRECON_TOKEN=... bash bench/grpc/run.sh     # a token of your own (default: one minted with the server's
#                                                  # development key, role recon.admin)
#
# Settings (environment): PERSONS (1300000), DATA (bench/data/pPERSONS), PORT (5099), CONCURRENCY (1,8,32,64),
# DURATION seconds per unary level (10), MAX_CALLS per level (500000), STREAMS (1,2), STREAM_DURATION (15),
# FORMS loaded for the load phases (200000), RESULTS (bench/out/grpc-PERSONS.md).
set -euo pipefail
cd "$(dirname "$0")/../.."
PERSONS=${PERSONS:-1300000}
DATA=${DATA:-bench/data/p$PERSONS}
PORT=${PORT:-5099}
RESULTS=${RESULTS:-bench/out/grpc-$PERSONS.md}
URL="http://127.0.0.1:$PORT"
mkdir -p "$(dirname "$RESULTS")"

echo "== build (Release)"
for p in src/CccdRecon.Cli src/CccdRecon.Server bench/CccdRecon.Bench; do
  dotnet build -c Release "$p" -v quiet -nologo >/dev/null
done
CLI="dotnet src/CccdRecon.Cli/bin/Release/net10.0/cccdrecon.dll"
SERVER_DLL="$PWD/src/CccdRecon.Server/bin/Release/net10.0/CccdRecon.Server.dll"
BENCH_DLL="$PWD/bench/CccdRecon.Bench/bin/Release/net10.0/CccdRecon.Bench.dll"

if [ -f "$DATA/registry.csv" ] && [ -f "$DATA/forms.csv" ]; then
  echo "== data: reusing $DATA"
else
  echo "== data: generating $PERSONS persons into $DATA"
  # Generated beside and renamed, so a half-written directory is never taken for a finished one.
  rm -rf "$DATA.tmp"
  $CLI generate --persons "$PERSONS" --seed 1 --out "$DATA.tmp" >/dev/null
  mv "$DATA.tmp" "$DATA"
fi

if (exec 3<>"/dev/tcp/127.0.0.1/$PORT") 2>/dev/null; then
  echo "port $PORT is already in use; set PORT" >&2
  exit 1
fi

# The server's ./data (SQLite) goes in a temp directory, so every run starts from an empty database.
WORK=$(mktemp -d /tmp/cccdrecon-grpc-bench.XXXXXX)
SERVER_PID=
cleanup() {
  if [ -n "$SERVER_PID" ] && kill -0 "$SERVER_PID" 2>/dev/null; then
    kill "$SERVER_PID"
    for _ in $(seq 1 100); do kill -0 "$SERVER_PID" 2>/dev/null || break; sleep 0.1; done
    kill -0 "$SERVER_PID" 2>/dev/null && kill -9 "$SERVER_PID"
  fi
  rm -rf "$WORK"
}
trap cleanup EXIT

echo "== server on $URL (working directory $WORK)"
# Development: the server signs its own tokens with a key in $WORK/data. The per-caller rate limit is lifted: the
# bench measures throughput, and all its calls come from one subject. So is the stream length: at full speed one
# timed ReconcileStream outgrows the production limit of 100,000 messages, and the server ends it.
(cd "$WORK" && ASPNETCORE_ENVIRONMENT=Development exec dotnet "$SERVER_DLL" --urls "$URL" --Batch:TrainOnBatch=false \
  --Limits:RequestsPerSecond=1000000 --Limits:RequestBurst=1000000 --Limits:MaxStreamMessages=10000000) >"$WORK/server.log" 2>&1 &
SERVER_PID=$!
if [ -z "${CCCDRECON_TOKEN:-}" ]; then
  for _ in $(seq 1 600); do [ -f "$WORK/data/dev-signing-key.json" ] && break; sleep 0.1; done
  CCCDRECON_TOKEN=$($CLI token --role recon.admin --subject grpc-bench --data "$WORK/data")
  export CCCDRECON_TOKEN
fi

BENCH_ARGS=(grpc --data "$PWD/$DATA" --server "$URL" --server-pid "$SERVER_PID"
  --concurrency "${CONCURRENCY:-1,8,32,64}" --duration "${DURATION:-10}" --max-calls "${MAX_CALLS:-500000}"
  --streams "${STREAMS:-1,2}" --stream-duration "${STREAM_DURATION:-15}" --forms "${FORMS:-200000}")
LOAD_BEFORE=$(uptime)
status=0
dotnet "$BENCH_DLL" "${BENCH_ARGS[@]}" | tee "$WORK/bench.txt" || status=$?
LOAD_AFTER=$(uptime)

{
  echo "# gRPC benchmark, $PERSONS-person registry ($(date -u +%Y-%m-%dT%H:%MZ))"
  echo
  echo "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo); dotnet $(dotnet --version)"
  echo "load before: $LOAD_BEFORE"
  echo "load after:  $LOAD_AFTER"
  echo
  sed -n '/^import:/p; /^server peak RSS/p' "$WORK/bench.txt"
  echo
  sed -n '/^| unary Reconcile/,$p' "$WORK/bench.txt" | grep -v '^server peak RSS'
  echo
  echo "command: PERSONS=$PERSONS DATA=$DATA CONCURRENCY=${CONCURRENCY:-1,8,32,64} DURATION=${DURATION:-10} MAX_CALLS=${MAX_CALLS:-500000} STREAMS=${STREAMS:-1,2} STREAM_DURATION=${STREAM_DURATION:-15} FORMS=${FORMS:-200000} bash bench/grpc/run.sh"
  echo "client:  dotnet bench/CccdRecon.Bench/bin/Release/net10.0/CccdRecon.Bench.dll ${BENCH_ARGS[*]}"
} | tee "$RESULTS"
if [ "$status" -ne 0 ]; then
  echo "benchmark client failed (exit $status); server log:" >&2
  tail -20 "$WORK/server.log" >&2
fi
exit "$status"
