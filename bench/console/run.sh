#!/usr/bin/env bash
# Review console benchmark: server time of the queue and case pages with CASES review cases in the database (default one
# million), on the Release server with SQLite. Seeds the database in SQL (bench/CccdRecon.ConsoleBench seed), starts the
# server on it (Development, for the development sign-in), then requests each page REQUESTS times in a row and prints the
# percentiles of the server's own time (Server-Timing) and of the time over loopback. Figures, not pass/fail.
#
#   bash bench/console/run.sh                       # 1,000,000 cases, 300 requests a page
#   CASES=200000 REQUESTS=100 bash bench/console/run.sh
#
# The seeded database is kept (bench/out/console-CASES.db) and reused by the next run; delete it to seed again.
set -euo pipefail
cd "$(dirname "$0")/../.."
CASES=${CASES:-1000000}
REQUESTS=${REQUESTS:-300}
PORT=${PORT:-5097}
CONSOLE_PORT=${CONSOLE_PORT:-5098}
DB=${DB:-$PWD/bench/out/console-$CASES.db}
WORK=$(mktemp -d)
mkdir -p bench/out

echo "== build (Release)"
for p in src/CccdRecon.Server bench/CccdRecon.ConsoleBench; do
  dotnet build -c Release "$p" -v quiet -nologo >/dev/null
done
BENCH="dotnet bench/CccdRecon.ConsoleBench/bin/Release/net10.0/CccdRecon.ConsoleBench.dll"
SERVER_DLL="$PWD/src/CccdRecon.Server/bin/Release/net10.0/CccdRecon.Server.dll"

if [ -f "$DB" ]; then
  echo "== database: reusing $DB"
else
  echo "== seeding $CASES cases into $DB"
  $BENCH seed "$DB.tmp" "$CASES"
  mv "$DB.tmp" "$DB"; rm -f "$DB.tmp-wal" "$DB.tmp-shm"
fi

echo "== server on http://127.0.0.1:$PORT, console on http://127.0.0.1:$CONSOLE_PORT"
(cd "$WORK" && ASPNETCORE_ENVIRONMENT=Development exec dotnet "$SERVER_DLL" --urls "http://127.0.0.1:$PORT" \
  --Console:Urls="http://127.0.0.1:$CONSOLE_PORT" --ConnectionStrings:Recon="Data Source=$DB" \
  --Logging:LogLevel:Default=Warning --Limits:RequestsPerSecond=100000 --Limits:RequestBurst=100000) > "$WORK/server.log" 2>&1 &
SERVER=$!
trap 'kill $SERVER 2>/dev/null || true; wait $SERVER 2>/dev/null || true; rm -rf "$WORK"' EXIT
for _ in $(seq 1 3600); do  # up to 30 min: the first start after a migration may fill every case (CaseCommune)
  if curl -s -o /dev/null "http://127.0.0.1:$CONSOLE_PORT/signin"; then break; fi
  kill -0 $SERVER 2>/dev/null || { cat "$WORK/server.log"; exit 1; }
  sleep 0.5
done

echo "== $REQUESTS requests a page ($(nproc) cores; the machine may be shared: see the load averages)"
$BENCH measure "http://127.0.0.1:$CONSOLE_PORT" "$DB" "$REQUESTS" "$SERVER"
