#!/usr/bin/env bash
# Batch benchmark (issue 13): the same province reconciled offline (`cccdrecon reconcile`) and through the server
# (`cccdrecon batch`: registry import, form upload, matching with the chunk writes, download of the files), on each
# database, at each size; prints one table and writes it to bench/out/batch.md.
#
#   bash bench/batch/run.sh                                   # 100k, 400k, 1.3M persons; SQLite and PostgreSQL
#   SIZES=100000 DATABASES=PostgreSql bash bench/batch/run.sh
#
# Per row: offline wall time; the server end to end (the batch command from start to the last file written); the
# ratio; forms per second end to end; the server's peak RSS (VmHWM) and CPU seconds, PostgreSQL's CPU seconds (its
# server processes), the client's CPU seconds; how many forms got the same status and record on both paths; the load
# average before the row. The machine may be shared: the CPU seconds say what the work cost whatever the load.
#
# Memory by phase: the server's RSS is sampled every second (rss.tsv in the run's folder) and its peak printed per
# phase of the client's summary.json (import, upload, match, download). COUNTERS=1 also records the runtime's counters
# (GC heap size, gen sizes, working set, JIT) with dotnet-counters, where it is installed, into counters.csv, and adds
# each phase's JIT time and methods compiled to the phase line.
# OFFLINE_FROM=<a kept work folder> reuses its offline runs (offline-N/ and offline-N.time) instead of running them again.
# SERVER_ARGS="--Logging:LogLevel:CccdRecon.Server.Batches=Debug" adds settings to the server's command line (here: each
# chunk's read, match and write times in server.log).
# PostgreSQL's log (autovacuum and autoanalyze runs) and its per-table counters (pg_tables.txt) are kept with KEEP=1;
# PG_STATEMENTS=1 also loads pg_stat_statements and keeps the dearest statements (pg_statements.txt); pg_tables.txt also
# holds each index's size and scans and each table's heap and index sizes; PG_WALDUMP=1 keeps the WAL's records and
# bytes by kind (pg_waldump.txt).
# SERVED_BEFORE=<n> first runs, untimed, a batch of the data set's first n registry records and forms (another unit) on
# the same server and database: the timed batch then meets what a server in service meets — code already compiled, the
# result tables' statistics taken after an earlier batch (the planner's view of a batch id it has not seen), a registry
# import that updates records as well as adding them.
# DL_REPS=<n> reruns the client n times after the timed batch (download only: the batch is found by its forms hash),
# each with its own figures (the download's wall, the server's, PostgreSQL's and the client's CPU s).
# KEEP=1 keeps the work folder (server logs, the client's summary.json with its phase timings) and prints its path.
# PostgreSQL: a cluster of its own (initdb in a temp folder, run as the postgres user when root), durable settings
# (fsync and synchronous commit on) with larger shared_buffers and WAL than the defaults, on 127.0.0.1.
set -euo pipefail
cd "$(dirname "$0")/../.."
SIZES=${SIZES:-"100000 400000 1300000"}
DATABASES=${DATABASES:-"Sqlite PostgreSql"}
DATA=${DATA:-bench/data}
# Shared with restart.sh: free_port, cpu_seconds, PostgreSQL's and the server's start and stop.
source bench/batch/common.sh
# Free loopback ports unless given (a fixed port may be taken by another run on a shared machine).
PORT=${PORT:-$(free_port)}
PG_PORT=${PG_PORT:-$(free_port)}
RESULTS=${RESULTS:-bench/out/batch.md}
mkdir -p "$DATA" "$(dirname "$RESULTS")"

# BUILT=<folder>: the server built there beforehand (`dotnet build -c Release src/CccdRecon.Server -o <folder>`), so that
# a build does not overwrite the files of a server another run is using; the CLI is then not rebuilt either.
if [ -z "${BUILT:-}" ]; then
  dotnet build -c Release src/CccdRecon.Cli -v quiet -nologo >/dev/null
  dotnet build -c Release src/CccdRecon.Server -v quiet -nologo >/dev/null
fi
CLI="dotnet $PWD/src/CccdRecon.Cli/bin/Release/net10.0/cccdrecon.dll"
SERVER_DLL="${BUILT:-$PWD/src/CccdRecon.Server/bin/Release/net10.0}/CccdRecon.Server.dll"
WORK=$(mktemp -d /tmp/cccdrecon-batchbench-XXXXXX)
SERVER_PID=""
PG_DIR=""
PG_BIN=""
RUNAS=()

pg_cpu_seconds() { # the postmaster with its reaped children (backends that ended), plus the live ones
  local main total
  main=$(head -1 "$PG_DIR/data/postmaster.pid")
  total=$(cpu_seconds "$main" all)
  for child in $(pgrep -P "$main"); do
    total=$(echo "$total + $(cpu_seconds "$child")" | bc)
  done
  echo "$total"
}
pg_table_stats() { # $1 the run's folder: per table, rows written and what autovacuum and autoanalyze did (KEEP=1)
  "${RUNAS[@]}" psql -h 127.0.0.1 -p "$PG_PORT" -U postgres -d cccdrecon -qAF' ' -c \
    "SELECT relname, n_tup_ins, n_tup_upd, n_dead_tup, autovacuum_count, autoanalyze_count, analyze_count, last_autovacuum, last_autoanalyze FROM pg_stat_user_tables ORDER BY n_tup_ins DESC" \
    >"$1/pg_tables.txt" 2>&1 || true
  # The write-ahead log of the whole run (records, full-page images, bytes) and the checkpoints that wrote it out.
  "${RUNAS[@]}" psql -h 127.0.0.1 -p "$PG_PORT" -U postgres -d cccdrecon -qA -c \
    "SELECT w.wal_records, w.wal_fpi, pg_size_pretty(w.wal_bytes) AS wal, b.checkpoints_timed, b.checkpoints_req, b.buffers_checkpoint, b.buffers_backend FROM pg_stat_wal w, pg_stat_bgwriter b" \
    >>"$1/pg_tables.txt" 2>&1 || true
  # Per index: its size and how often the run's queries read it (an index no query reads costs upkeep only).
  "${RUNAS[@]}" psql -h 127.0.0.1 -p "$PG_PORT" -U postgres -d cccdrecon -qAF' ' -c \
    "SELECT relname, indexrelname, pg_size_pretty(pg_relation_size(indexrelid)) AS size, idx_scan, idx_tup_read FROM pg_stat_user_indexes ORDER BY pg_relation_size(indexrelid) DESC" \
    >>"$1/pg_tables.txt" 2>&1 || true
  "${RUNAS[@]}" psql -h 127.0.0.1 -p "$PG_PORT" -U postgres -d cccdrecon -qAF' ' -c \
    "SELECT relname, pg_size_pretty(pg_relation_size(relid)) AS heap, pg_size_pretty(pg_indexes_size(relid)) AS indexes, pg_size_pretty(pg_total_relation_size(relid) - pg_relation_size(relid) - pg_indexes_size(relid)) AS toast FROM pg_stat_user_tables ORDER BY pg_total_relation_size(relid) DESC" \
    >>"$1/pg_tables.txt" 2>&1 || true
  # PG_WALDUMP=1: the write-ahead log's records and bytes by kind (heap, B-tree, ...), from the kept segments.
  if [ -n "${PG_WALDUMP:-}" ]; then
    local last
    last=$("${RUNAS[@]}" psql -h 127.0.0.1 -p "$PG_PORT" -U postgres -d cccdrecon -qAt -c "SELECT pg_walfile_name(pg_current_wal_lsn())")
    "${RUNAS[@]}" "$PG_BIN/pg_waldump" --stats=record -p "$PG_DIR/data/pg_wal" \
      "$(ls "$PG_DIR/data/pg_wal" | grep -E "^[0-9A-F]{24}$" | sort | head -1)" "$last" >"$1/pg_waldump.txt" 2>&1 || true
  fi
  [ -z "${PG_STATEMENTS:-}" ] || "${RUNAS[@]}" psql -h 127.0.0.1 -p "$PG_PORT" -U postgres -d cccdrecon -qA -c \
    "SELECT calls, round(total_exec_time::numeric) AS total_ms, round((total_exec_time / calls)::numeric, 2) AS mean_ms, rows, wal_records, wal_fpi, pg_size_pretty(wal_bytes) AS wal, left(regexp_replace(query, '\s+', ' ', 'g'), 300) AS query FROM pg_stat_statements ORDER BY total_exec_time DESC LIMIT 40" \
    >"$1/pg_statements.txt" 2>&1 || true
}
SAMPLER_PID=""
COUNTERS_PID=""
stop_sampling() {
  # dotnet-counters writes its last lines on an interrupt (as on Ctrl+C); a plain kill loses the batch's last seconds.
  if [ -n "$COUNTERS_PID" ]; then kill -INT "$COUNTERS_PID" 2>/dev/null || true; wait "$COUNTERS_PID" 2>/dev/null || true; fi
  if [ -n "$SAMPLER_PID" ]; then kill "$SAMPLER_PID" 2>/dev/null || true; wait "$SAMPLER_PID" 2>/dev/null || true; fi
  SAMPLER_PID=""; COUNTERS_PID=""
}
start_sampling() { # $1 the run's folder: every second, seconds since the batch began, the server's RSS (MB) and CPU s so far, and PostgreSQL's CPU s so far when it runs
  local started=$(date +%s.%N)
  echo "$started" >"$1/started"
  ( while kill -0 "$SERVER_PID" 2>/dev/null; do
      rss=$(awk '/VmRSS/ { printf "%.0f", $2 / 1024 }' "/proc/$SERVER_PID/status" 2>/dev/null) || break
      pg=""; [ -n "$PG_DIR" ] && pg=" $(pg_cpu_seconds 2>/dev/null || true)"
      echo "$(echo "$(date +%s.%N) - $started" | bc) $rss $(cpu_seconds "$SERVER_PID" all)$pg"
      sleep 1
    done ) >"$1/rss.tsv" &
  SAMPLER_PID=$!
  local counters
  counters=$(command -v dotnet-counters || echo "$HOME/.dotnet/tools/dotnet-counters")
  if [ -n "${COUNTERS:-}" ] && [ -x "$counters" ]; then
    # A background job of a script starts with SIGINT ignored: restored, so that stop_sampling's interrupt ends it.
    env --default-signal=INT "$counters" collect -p "$SERVER_PID" --refresh-interval 2 --format csv -o "$1/counters.csv" \
      --counters 'System.Runtime' >/dev/null 2>&1 &
    COUNTERS_PID=$!
  fi
}
phase_peaks() { # $1 the run's folder, $2 the client's wall s: per phase of summary.json (in the order the client ran them) its wall s, the server's CPU s (and PostgreSQL's) and peak RSS
  python3 - "$1/out/summary.json" "$1/rss.tsv" "$2" <<'PY'
import csv, json, os, sys, time
t = json.load(open(sys.argv[1]))["timings_seconds"]
samples = [tuple(map(float, l.split())) for l in open(sys.argv[2]) if len(l.split()) >= 2]
# COUNTERS=1: the JIT's time and methods compiled (the runtime's dotnet.jit.* rates, 2 s apart) within each phase.
jits, run = [], os.path.dirname(sys.argv[2])
if os.path.exists(f"{run}/counters.csv") and os.path.exists(f"{run}/started"):
    started = float(open(f"{run}/started").read())
    for r in csv.reader(open(f"{run}/counters.csv")):
        if len(r) == 5 and r[2].startswith(("dotnet.jit.compilation.time", "dotnet.jit.compiled_methods")):
            # The rate's timestamp (local time, whole seconds) ends its 2 s interval: counted at its middle.
            at = time.mktime(time.strptime(r[0], "%m/%d/%Y %H:%M:%S")) - 1 - started
            jits.append((at, r[2].startswith("dotnet.jit.compilation.time"), float(r[4])))
def jit(a, b):
    inside = [j for j in jits if a <= j[0] < b]
    return f", JIT {sum(v for _, s, v in inside if s):.2f} s / {sum(v for _, s, v in inside if not s):.0f} methods" if jits else ""
# The client hashes and checks both files before the import: that time, the rest of its wall time, comes first.
t["read"] = max(0.0, float(sys.argv[3]) - sum(t.get(p, 0.0) for p in ("import", "upload", "match", "download")))
edges, at = [], 0.0
for phase in ("read", "import", "upload", "match", "download"):
    if phase in t:
        edges.append((phase, at, at + t[phase])); at += t[phase]
edges[-1] = (edges[-1][0], edges[-1][1], float("inf"))
out = []
for phase, a, b in edges:
    inside = [s for s in samples if a <= s[0] < b]
    before = [s for s in samples if s[0] < a]
    peak = max((s[1] for s in inside), default=0)
    cpu = f"{inside[-1][2] - (before[-1][2] if before else inside[0][2]):.0f} CPU s" if inside and len(inside[-1]) > 2 else "CPU ?"
    if inside and len(inside[-1]) > 3 and (not before or len(before[-1]) > 3):
        cpu += f" + PostgreSQL {inside[-1][3] - (before[-1][3] if before else inside[0][3]):.0f}"
    out.append(f"{phase} {t[phase]:.0f} s, {cpu}{jit(a, b)} → {peak:,.0f} MB")
print("; ".join(out))
PY
}
cleanup() { stop_sampling; stop_server; stop_postgres; [ -n "${KEEP:-}" ] || rm -rf "$WORK"; }
trap cleanup EXIT

HEADER="| persons | forms | database | offline s | server end to end s | ratio | forms/s end to end | server peak RSS MB | server CPU s | PostgreSQL CPU s | client CPU s | same decision | load avg (1 min) before |"
ROWS=()
PHASES=()
for n in $SIZES; do
  dir="$DATA/p$n"
  [ -f "$dir/forms.csv" ] || $CLI generate --persons "$n" --seed 1 --out "$dir" >/dev/null
  forms=$(($(wc -l <"$dir/forms.csv") - 1))
  load=$(cut -d' ' -f1 /proc/loadavg)
  if [ -n "${OFFLINE_FROM:-}" ] && [ -f "$OFFLINE_FROM/offline-$n.time" ]; then
    # The offline run of an earlier invocation (its folder kept with KEEP=1): results and figures reused.
    ln -s "$OFFLINE_FROM/offline-$n" "$WORK/offline-$n"; cp "$OFFLINE_FROM/offline-$n.time" "$WORK/offline-$n.time"
  else
    /usr/bin/time -f '%e %U %S %M' -o "$WORK/offline-$n.time" $CLI reconcile --registry "$dir/registry.csv" --forms "$dir/forms.csv" --out "$WORK/offline-$n" --quiet >/dev/null
  fi
  read -r offline_wall offline_user offline_sys offline_rss <"$WORK/offline-$n.time"
  echo "p$n offline: ${offline_wall}s wall, $(echo "$offline_user + $offline_sys" | bc)s CPU, $((offline_rss / 1024)) MB peak (load $load)" >&2
  for db in $DATABASES; do
    run="$WORK/$db-$n"; mkdir -p "$run"
    if [ "$db" = PostgreSql ]; then start_postgres; else CONNECTION="Data Source=$run/data/cccdrecon.db"; fi
    start_server "$db" "$CONNECTION" "$run"
    token=$($CLI token --role recon.admin --subject batch-bench --data "$run/data")
    if [ -n "${SERVED_BEFORE:-}" ]; then
      mkdir -p "$run/before"
      head -n $((SERVED_BEFORE + 1)) "$dir/registry.csv" >"$run/before/registry.csv"
      head -n $((SERVED_BEFORE + 1)) "$dir/forms.csv" >"$run/before/forms.csv"
      $CLI batch --server "http://127.0.0.1:$PORT" --token "$token" --unit 00 --registry "$run/before/registry.csv" \
        --forms "$run/before/forms.csv" --out "$run/before/out" --quiet >"$run/before/client.log" 2>&1 \
        || { echo "the batch before failed:" >&2; cat "$run/before/client.log" >&2; exit 1; }
    fi
    load=$(cut -d' ' -f1 /proc/loadavg)
    server_cpu0=$(cpu_seconds "$SERVER_PID" all)
    pg_cpu0=0; [ "$db" = PostgreSql ] && pg_cpu0=$(pg_cpu_seconds)
    start_sampling "$run"
    /usr/bin/time -f '%e %U %S' -o "$run/client.time" $CLI batch --server "http://127.0.0.1:$PORT" --token "$token" --unit 01 \
      --registry "$dir/registry.csv" --forms "$dir/forms.csv" --out "$run/out" --quiet >"$run/client.log" 2>&1 \
      || { echo "batch failed:" >&2; cat "$run/client.log" "$run/server.log" >&2; exit 1; }
    stop_sampling
    read -r wall client_user client_sys <"$run/client.time"
    phases="p$n $db server by phase (wall, server CPU, peak RSS): $(phase_peaks "$run" "$wall")"
    echo "$phases" >&2
    PHASES+=("$phases")
    server_cpu=$(echo "$(cpu_seconds "$SERVER_PID" all) - $server_cpu0" | bc)
    rss=$(awk '/VmHWM/ { printf "%.0f", $2 / 1024 }' "/proc/$SERVER_PID/status")
    pg_cpu="–"; [ "$db" = PostgreSql ] && pg_cpu=$(echo "$(pg_cpu_seconds) - $pg_cpu0" | bc)
    same=$(python3 - "$WORK/offline-$n/results.csv" "$run/out/results.csv" <<'PY'
import csv, sys
def decisions(path):
    with open(path, newline="", encoding="utf-8") as f:
        return {r["form_id"]: (r["status"], r["record_id"]) for r in csv.DictReader(f)}
a, b = decisions(sys.argv[1]), decisions(sys.argv[2])
same = sum(1 for k, v in a.items() if b.get(k) == v)
print(f"{100 * same / max(1, len(a)):.2f} % ({len(a) - same} differ)")
PY
)
    # DL_REPS=<n>: after the timed batch's figures, n reruns of the client on the same server, each finding the batch by
    # its forms hash, so that only the download runs: per rerun the download's wall (summary.json), the server's and PostgreSQL's CPU s, and the client's
    # wall and CPU s (which include its scan and hash of forms.csv); the files are compared with the timed run's.
    for rep in $(seq 1 "${DL_REPS:-0}"); do
      s0=$(cpu_seconds "$SERVER_PID" all); p0=0; [ "$db" = PostgreSql ] && p0=$(pg_cpu_seconds)
      la=$(cut -d' ' -f1 /proc/loadavg)
      /usr/bin/time -f '%e %U %S' -o "$run/dl$rep.time" $CLI batch --server "http://127.0.0.1:$PORT" --token "$token" --unit 01 \
        --registry "$dir/registry.csv" --forms "$dir/forms.csv" --out "$run/out$rep" --quiet >"$run/dl$rep.log" 2>&1 \
        || { echo "download rerun failed:" >&2; cat "$run/dl$rep.log" >&2; exit 1; }
      s1=$(cpu_seconds "$SERVER_PID" all); p1=0; [ "$db" = PostgreSql ] && p1=$(pg_cpu_seconds)
      read -r w u s <"$run/dl$rep.time"
      echo "p$n $db download rerun $rep (load $la): download $(python3 -c "import json, sys; print(json.load(open(sys.argv[1]))['timings_seconds']['download'])" "$run/out$rep/summary.json") s; server CPU $(echo "$s1 - $s0" | bc) s; PostgreSQL CPU $(echo "$p1 - $p0" | bc) s; client wall $w s, CPU $(echo "$u + $s" | bc) s" >&2
      for f in results review clean rejected; do cmp -s "$run/out/$f.csv" "$run/out$rep/$f.csv" || echo "download rerun $rep: $f.csv differs from the timed run's" >&2; done
    done
    stop_server
    if [ "$db" = PostgreSql ]; then
      [ -z "${KEEP:-}" ] || pg_table_stats "$run"
      stop_postgres "${KEEP:+$run}"
    fi
    ratio=$(echo "scale=2; $wall / $offline_wall" | bc)
    rate=$(echo "$forms / $wall" | bc)
    row="| $(printf "%'d" "$n") | $(printf "%'d" "$forms") | $db | $offline_wall | $wall | ${ratio}× | $(printf "%'d" "$rate") | $(printf "%'d" "$rss") | $server_cpu | $pg_cpu | $(echo "$client_user + $client_sys" | bc) | $same | $load |"
    echo "$row" >&2
    ROWS+=("$row")
  done
done

{
  echo "# Batch benchmark ($(date -u +%Y-%m-%dT%H:%MZ))"
  echo
  echo "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo); dotnet $(dotnet --version); PostgreSQL $("$(dirname "$(ls /usr/lib/postgresql/*/bin/postgres 2>/dev/null | sort -V | tail -1)")/postgres" --version 2>/dev/null | awk '{print $3}')"
  echo
  echo "$HEADER"
  echo "|---:|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
  printf '%s\n' "${ROWS[@]}"
  echo
  printf -- '- %s\n' "${PHASES[@]}"
  echo
  echo "command: SIZES=\"$SIZES\" DATABASES=\"$DATABASES\"${SERVED_BEFORE:+ SERVED_BEFORE=$SERVED_BEFORE} bash bench/batch/run.sh"
} | tee "$RESULTS"
[ -z "${KEEP:-}" ] || echo "work folder: $WORK" >&2
