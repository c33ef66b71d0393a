#!/usr/bin/env bash
# The server's memory at restart: a batch through the server on a fresh database, then the server stopped and started
# again on the same database; prints the peak RSS (VmHWM) over the first run (start + batch) and over the second start
# alone (migrations, the registry index rebuilt from the database, the warm-up), the second start's wall time until the
# server listens and its CPU seconds by then, and the index rebuild's own time as the server logs it.
#
#   N=1300000 DB=PostgreSql BUILT=<server folder> DATA=/work/benchdata bash bench/batch/restart.sh
#
# N picks DATA/pN (registry.csv, forms.csv, as bench/batch/run.sh generates them); DB is Sqlite or PostgreSql (a cluster
# of its own in a temp folder, as run.sh starts it); the CLI is this tree's Release build (built when missing).
set -euo pipefail
cd "$(dirname "$0")/../.."
N=${N:-400000}; DB=${DB:-PostgreSql}; DATA=${DATA:-bench/data}
BUILT=${BUILT:?the server built into a folder: dotnet build -c Release src/CccdRecon.Server -o <folder>}
[ -f src/CccdRecon.Cli/bin/Release/net10.0/cccdrecon.dll ] || dotnet build -c Release src/CccdRecon.Cli -v quiet -nologo >/dev/null
CLI="dotnet $PWD/src/CccdRecon.Cli/bin/Release/net10.0/cccdrecon.dll"
free_port() { python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
WORK=$(mktemp -d /tmp/cccdrecon-restart-XXXXXX); chmod 755 "$WORK"; mkdir -p "$WORK/srv"
PORT=$(free_port); SERVER_PID=""; PG_BIN=""; RUNAS=()
cleanup() {
  [ -z "$SERVER_PID" ] || { kill "$SERVER_PID" 2>/dev/null || true; wait "$SERVER_PID" 2>/dev/null || true; }
  [ -z "$PG_BIN" ] || "${RUNAS[@]}" "$PG_BIN/pg_ctl" -D "$WORK/pg" -m fast -w stop >/dev/null 2>&1 || true
  rm -rf "$WORK"
}
trap cleanup EXIT
if [ "$DB" = PostgreSql ]; then
  PG_BIN=$(dirname "$(ls /usr/lib/postgresql/*/bin/pg_ctl 2>/dev/null | sort -V | tail -1)")
  [ "$(id -u)" = 0 ] && RUNAS=(runuser -u postgres --) && chown postgres "$WORK"
  PG_PORT=$(free_port)
  "${RUNAS[@]}" "$PG_BIN/initdb" -D "$WORK/pg" -U postgres --auth=trust --encoding=UTF8 --locale=C >/dev/null
  "${RUNAS[@]}" "$PG_BIN/pg_ctl" -D "$WORK/pg" -l "$WORK/pg.log" -w -o \
    "-p $PG_PORT -k $WORK -c listen_addresses=127.0.0.1 -c shared_buffers=1GB -c max_wal_size=8GB" start >/dev/null
  "${RUNAS[@]}" psql -h 127.0.0.1 -p "$PG_PORT" -U postgres -qc "CREATE DATABASE cccdrecon"
  CONNECTION="Host=127.0.0.1;Port=$PG_PORT;Username=postgres;Database=cccdrecon;Maximum Pool Size=50"
else
  CONNECTION="Data Source=$WORK/srv/data/recon.db"
fi
start_server() { # $1 the log's name
  (cd "$WORK/srv" && ASPNETCORE_ENVIRONMENT=Development exec dotnet "$BUILT/CccdRecon.Server.dll" --urls "http://127.0.0.1:$PORT" \
    --Database:Provider="$DB" --ConnectionStrings:Recon="$CONNECTION" --Console:Urls="http://127.0.0.1:$(free_port)" \
    --Limits:MaxFormsPerBatch=5000000 --Limits:RequestsPerSecond=1000000 --Limits:RequestBurst=1000000) >"$WORK/$1.log" 2>&1 &
  SERVER_PID=$!
  for _ in $(seq 1 3000); do
    grep -q "Listening on" "$WORK/$1.log" 2>/dev/null && return 0
    kill -0 "$SERVER_PID" 2>/dev/null || { cat "$WORK/$1.log" >&2; exit 1; }
    sleep 0.1
  done
  echo "the server did not start" >&2; exit 1
}
peak() { awk '/VmHWM/ { printf "%.0f", $2 / 1024 }' "/proc/$SERVER_PID/status"; }
stop_server() { kill "$SERVER_PID"; wait "$SERVER_PID" 2>/dev/null || true; SERVER_PID=""; }

start_server first
token=$($CLI token --role recon.admin --subject restart-bench --data "$WORK/srv/data")
$CLI batch --server "http://127.0.0.1:$PORT" --token "$token" --unit 01 --registry "$DATA/p$N/registry.csv" \
  --forms "$DATA/p$N/forms.csv" --out "$WORK/out" --quiet >/dev/null
first=$(peak); stop_server
cpu() { awk -v hz="$(getconf CLK_TCK)" '{ printf "%.1f", ($14 + $15) / hz }' "/proc/$SERVER_PID/stat"; }
started=$(date +%s.%N)
start_server second
wall=$(echo "$(date +%s.%N) - $started" | bc)
rebuild=$(grep -o 'Registry index rebuilt: [0-9]* records in [0-9]* ms' "$WORK/second.log" | awk '{ print $(NF-1) }')
echo "p$N $DB: peak RSS over the first start and its batch $first MB; over the restart alone $(peak) MB;" \
  "restart $(printf '%.1f' "$wall") s wall (until listening), $(cpu) s CPU; index rebuild ${rebuild:-?} ms"
