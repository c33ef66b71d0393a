# Sourced by run.sh and restart.sh (from the repository's root): free loopback ports, a process's CPU seconds, a
# PostgreSQL cluster of the run's own, and the server, started and stopped. The caller sets PORT, PG_PORT, SERVER_DLL
# and, before the first call, SERVER_PID="" PG_DIR="" PG_BIN="" RUNAS=(); start_postgres sets CONNECTION.
# PostgreSQL: a cluster of its own (initdb in a temp folder, run as the postgres user when root), durable settings
# (fsync and synchronous commit on) with larger shared_buffers and WAL than the defaults, on 127.0.0.1.
free_port() { python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }

HZ=$(getconf CLK_TCK)
cpu_seconds() { # utime+stime, and with "all" the reaped children's too, of a process, in seconds
  # The command name in /proc/PID/stat may hold spaces: the fields are counted after its closing parenthesis.
  { sed 's/.*) //' "/proc/$1/stat" 2>/dev/null || echo; } | awk -v hz="$HZ" -v all="${2:-}" \
    '{ t = $12 + $13; if (all != "") t += $14 + $15; printf "%.2f\n", t / hz }'
}

start_postgres() { # sets PG_DIR, PG_BIN, RUNAS and CONNECTION (not in a subshell: cleanup and the CPU figures need them)
  PG_BIN=$(dirname "$(ls /usr/lib/postgresql/*/bin/pg_ctl 2>/dev/null | sort -V | tail -1)")
  [ -x "$PG_BIN/pg_ctl" ] || PG_BIN=$(dirname "$(command -v pg_ctl)")
  RUNAS=()
  [ "$(id -u)" = 0 ] && RUNAS=(runuser -u postgres --)
  PG_DIR=$("${RUNAS[@]}" mktemp -d /tmp/cccdrecon-batchbench-pg-XXXXXX)
  local port=$PG_PORT
  "${RUNAS[@]}" "$PG_BIN/initdb" -D "$PG_DIR/data" -U postgres --auth=trust --encoding=UTF8 --locale=C >/dev/null
  "${RUNAS[@]}" "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -l "$PG_DIR/server.log" -w -o \
    "-p $port -k $PG_DIR -c listen_addresses=127.0.0.1 -c shared_buffers=1GB -c max_wal_size=8GB -c checkpoint_timeout=30min -c wal_compression=on -c log_autovacuum_min_duration=0${PG_STATEMENTS:+ -c shared_preload_libraries=pg_stat_statements -c pg_stat_statements.track=all}" start >/dev/null
  "${RUNAS[@]}" psql -h 127.0.0.1 -p "$port" -U postgres -qc "CREATE DATABASE cccdrecon" >/dev/null
  [ -z "${PG_STATEMENTS:-}" ] || "${RUNAS[@]}" psql -h 127.0.0.1 -p "$port" -U postgres -d cccdrecon -qc "CREATE EXTENSION pg_stat_statements" >/dev/null
  CONNECTION="Host=127.0.0.1;Port=$port;Username=postgres;Database=cccdrecon;Maximum Pool Size=50"
}

start_server() { # $1 provider, $2 connection string, $3 working directory, $4 (optional) its log (else $3/server.log)
  local log=${4:-$3/server.log}
  (cd "$3" && ASPNETCORE_ENVIRONMENT=Development exec dotnet "$SERVER_DLL" --urls "http://127.0.0.1:$PORT" \
    --Database:Provider="$1" --ConnectionStrings:Recon="$2" --Console:Urls="http://127.0.0.1:$(free_port)" \
    --Limits:MaxFormsPerBatch=5000000 --Limits:RequestsPerSecond=1000000 --Limits:RequestBurst=1000000 ${SERVER_ARGS:-}) >"$log" 2>&1 &
  SERVER_PID=$!
  # Up to 5 minutes: a server restarted on a large registry rebuilds its index before it listens.
  for _ in $(seq 1 3000); do
    grep -q "Now listening\|Listening on" "$log" 2>/dev/null && [ -f "$3/data/dev-signing-key.json" ] && return 0
    kill -0 "$SERVER_PID" 2>/dev/null || { cat "$log" >&2; return 1; }
    sleep 0.1
  done
  echo "server did not start" >&2; cat "$log" >&2; return 1
}

stop_server() {
  if [ -n "$SERVER_PID" ]; then kill "$SERVER_PID" 2>/dev/null || true; wait "$SERVER_PID" 2>/dev/null || true; SERVER_PID=""; fi
}
stop_postgres() { # $1 (optional) a folder to keep PostgreSQL's log in (KEEP=1: autovacuum and analyze runs are logged)
  if [ -n "$PG_DIR" ]; then
    "${RUNAS[@]}" "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -m fast -w stop >/dev/null 2>&1 || true
    [ -z "${1:-}" ] || cp "$PG_DIR/server.log" "$1/postgres.log" 2>/dev/null || true
    rm -rf "$PG_DIR"; PG_DIR=""
  fi
}
