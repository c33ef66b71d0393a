#!/usr/bin/env bash
# The server's memory at restart: a batch through the server on a fresh database, then the server stopped and started
# again on the same database; prints the peak RSS (VmHWM) over the first run (start + batch) and over the second start
# alone (migrations, the registry index rebuilt from the database, the warm-up), the second start's wall time until the
# server listens and its CPU seconds by then, and the index rebuild's own time as the server logs it.
#
#   N=1300000 DB=PostgreSql BUILT=<server folder> DATA=/work/benchdata bash bench/batch/restart.sh
#
# N picks DATA/pN (registry.csv, forms.csv, as bench/batch/run.sh generates them); DB is Sqlite or PostgreSql (a cluster
# of its own in a temp folder, started as run.sh starts it: bench/batch/common.sh); the CLI is this tree's Release build (built when missing).
set -euo pipefail
cd "$(dirname "$0")/../.."
N=${N:-400000}; DB=${DB:-PostgreSql}; DATA=${DATA:-bench/data}
BUILT=${BUILT:?the server built into a folder: dotnet build -c Release src/CccdRecon.Server -o <folder>}
[ -f src/CccdRecon.Cli/bin/Release/net10.0/cccdrecon.dll ] || dotnet build -c Release src/CccdRecon.Cli -v quiet -nologo >/dev/null
CLI="dotnet $PWD/src/CccdRecon.Cli/bin/Release/net10.0/cccdrecon.dll"
source bench/batch/common.sh
PORT=$(free_port); PG_PORT=$(free_port); SERVER_DLL="$BUILT/CccdRecon.Server.dll"
SERVER_PID=""; PG_DIR=""; PG_BIN=""; RUNAS=()
WORK=$(mktemp -d /tmp/cccdrecon-restart-XXXXXX); mkdir -p "$WORK/srv"
cleanup() { stop_server; stop_postgres; rm -rf "$WORK"; }
trap cleanup EXIT
if [ "$DB" = PostgreSql ]; then
  start_postgres
else
  CONNECTION="Data Source=$WORK/srv/data/recon.db"
fi
peak() { awk '/VmHWM/ { printf "%.0f", $2 / 1024 }' "/proc/$SERVER_PID/status"; }

start_server "$DB" "$CONNECTION" "$WORK/srv" "$WORK/first.log"
token=$($CLI token --role recon.admin --subject restart-bench --data "$WORK/srv/data")
$CLI batch --server "http://127.0.0.1:$PORT" --token "$token" --unit 01 --registry "$DATA/p$N/registry.csv" \
  --forms "$DATA/p$N/forms.csv" --out "$WORK/out" --quiet >/dev/null
first=$(peak); stop_server
started=$(date +%s.%N)
start_server "$DB" "$CONNECTION" "$WORK/srv" "$WORK/second.log"
wall=$(echo "$(date +%s.%N) - $started" | bc)
rebuild=$(grep -o 'Registry index rebuilt: [0-9]* records in [0-9]* ms' "$WORK/second.log" | awk '{ print $(NF-1) }')
echo "p$N $DB: peak RSS over the first start and its batch $first MB; over the restart alone $(peak) MB;" \
  "restart $(printf '%.1f' "$wall") s wall (until listening), $(cpu_seconds "$SERVER_PID") s CPU; index rebuild ${rebuild:-?} ms"
