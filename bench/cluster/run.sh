#!/usr/bin/env bash
# Cluster benchmark (issue 14): a registry in 1, 2 and 3 silo processes on this machine (Redis membership on a private
# port), forms sent through the cluster's router. Prints, per silo count: forms/s, CPU per form (silos + client, from
# /proc, since the silos share this machine's cores), memory per silo; then the failover after kill -9 of a silo
# during a stream of calls. Figures, not pass/fail. Bounded: a few minutes at the defaults.
#
#   bash bench/cluster/run.sh
#   PERSONS=300000 FORMS=20000 bash bench/cluster/run.sh
#
# Settings (environment): PERSONS (100000), FORMS sent per run (10000), CONCURRENCY (16), SILOS (1 2 3),
# REDIS_PORT (16380), DATA (bench/data/pPERSONS), RESULTS (bench/out/cluster-PERSONS.md).
set -euo pipefail
cd "$(dirname "$0")/../.."
PERSONS=${PERSONS:-100000}
FORMS=${FORMS:-10000}
CONCURRENCY=${CONCURRENCY:-16}
SILOS=${SILOS:-1 2 3}
REDIS_PORT=${REDIS_PORT:-16380}
DATA=${DATA:-bench/data/p$PERSONS}
RESULTS=${RESULTS:-bench/out/cluster-$PERSONS.md}
WORK=$(mktemp -d)
mkdir -p "$(dirname "$RESULTS")"
command -v redis-server >/dev/null || { echo "redis-server is not installed (apt-get install redis-server)" >&2; exit 1; }

pids=()
cleanup() { for p in "${pids[@]}"; do kill -9 "$p" 2>/dev/null || true; done; rm -rf "$WORK"; }
trap cleanup EXIT

echo "== build (Release)"
for p in src/CccdRecon.Cli src/CccdRecon.Silo bench/cluster/CccdRecon.ClusterBench; do
  dotnet build -c Release "$p" -v quiet -nologo >/dev/null
done
CLI="dotnet src/CccdRecon.Cli/bin/Release/net10.0/cccdrecon.dll"
SILO="src/CccdRecon.Silo/bin/Release/net10.0/CccdRecon.Silo.dll"
DRIVER="bench/cluster/CccdRecon.ClusterBench/bin/Release/net10.0/CccdRecon.ClusterBench.dll"

if [ -f "$DATA/registry.csv" ] && [ -f "$DATA/forms.csv" ]; then
  echo "== data: reusing $DATA"
else
  echo "== data: generating $PERSONS persons into $DATA"
  rm -rf "$DATA.tmp"; $CLI generate --persons "$PERSONS" --seed 1 --out "$DATA.tmp" >/dev/null; mv "$DATA.tmp" "$DATA"
fi

redis-server --port "$REDIS_PORT" --bind 127.0.0.1 --save "" --appendonly no >"$WORK/redis.log" 2>&1 &
pids+=($!)
sleep 0.5

ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }              # utime + stime, in clock ticks
rss_mb() { awk '/VmRSS/ {printf "%.0f\n", $2 / 1024}' "/proc/$1/status"; }
HZ=$(getconf CLK_TCK)
FAILOVER="--Cluster:Failover:ProbeTimeout=00:00:01 --Cluster:Failover:NumMissedProbesLimit=2 --Cluster:Failover:NumVotesForDeathDeclaration=1 --Cluster:Failover:TableRefreshTimeout=00:00:02 --Cluster:Failover:IAmAliveTablePublishTimeout=00:00:05"

start_cluster() { # $1 silos, $2 cluster id → sets silo_pids
  silo_pids=()
  for i in $(seq 1 "$1"); do
    dotnet "$SILO" --Cluster:ClusterId="$2" --Cluster:MembershipConnectionString=127.0.0.1:$REDIS_PORT \
      --Cluster:SnapshotDirectory="$WORK/$2" --Cluster:SiloPort=$((21000 + i)) --Cluster:GatewayPort=$((22000 + i)) \
      $FAILOVER >"$WORK/$2-silo$i.log" 2>&1 &
    silo_pids+=($!); pids+=($!)
  done
  dotnet "$DRIVER" wait "$1" --Cluster:ClusterId="$2" --Cluster:MembershipConnectionString=127.0.0.1:$REDIS_PORT
}

{
  echo "# Cluster benchmark — $PERSONS-person registry, $FORMS forms per run, concurrency $CONCURRENCY"
  echo
  echo "Machine: $(nproc) cores shared with other work (load average at start: $(cut -d' ' -f1-3 /proc/loadavg)); Release build; $(date -u +%F)."
  echo "CPU per form = CPU time of every silo and of the client during the run ÷ forms (the silos share the same cores,"
  echo "so wall-clock forms/s does not grow with silos here; CPU per form is what a real cluster multiplies)."
  echo
  echo "| silos | import s | forms/s | CPU ms/form (silos) | CPU ms/form (client) | idle CPU ms/s per silo | p50 ms | p99 ms | RSS per silo MB (empty → loaded) |"
  echo "|---|---|---|---|---|---|---|---|---|"
} >"$RESULTS"

for n in $SILOS; do
  id="bench-$n-$$"
  echo "== $n silo(s)"
  start_cluster "$n" "$id"
  empty=$(for p in "${silo_pids[@]}"; do rss_mb "$p"; done | paste -sd/)
  # What the silos burn doing nothing (membership probes, timers, GC), per silo per second.
  idle0=0; for p in "${silo_pids[@]}"; do idle0=$((idle0 + $(ticks "$p"))); done; sleep 5
  idle1=0; for p in "${silo_pids[@]}"; do idle1=$((idle1 + $(ticks "$p"))); done
  idle_ms=$(echo "scale=1; ($idle1 - $idle0) * 1000 / $HZ / 5 / $n" | bc)
  t0=$(date +%s.%N)
  dotnet "$SILO" import "$DATA/registry.csv" --Cluster:ClusterId="$id" --Cluster:MembershipConnectionString=127.0.0.1:$REDIS_PORT >/dev/null
  import_s=$(echo "$(date +%s.%N) - $t0" | bc)
  before=0; for p in "${silo_pids[@]}"; do before=$((before + $(ticks "$p"))); done
  line=$(dotnet "$DRIVER" load "$DATA/forms.csv" "$FORMS" "$CONCURRENCY" --Cluster:ClusterId="$id" --Cluster:MembershipConnectionString=127.0.0.1:$REDIS_PORT)
  after=0; for p in "${silo_pids[@]}"; do after=$((after + $(ticks "$p"))); done
  loaded=$(for p in "${silo_pids[@]}"; do rss_mb "$p"; done | paste -sd/)
  echo "   $line"
  get() { echo "$line" | tr ' ' '\n' | awk -F= -v k="$1" '$1 == k {print $2}'; }
  silo_ms=$(echo "scale=3; ($after - $before) * 1000 / $HZ / $FORMS" | bc)
  client_ms=$(echo "scale=3; $(get client_cpu_ms) / $FORMS" | bc)
  printf '| %s | %.1f | %s | %s | %s | %s | %s | %s | %s → %s |\n' "$n" "$import_s" "$(get forms_per_s)" "$silo_ms" "$client_ms" \
    "$idle_ms" "$(get p50_ms)" "$(get p99_ms)" "$empty" "$loaded" >>"$RESULTS"
  if [ "$n" = "$(echo $SILOS | awk '{print $NF}')" ] && [ "$n" -ge 2 ]; then
    echo "== failover: kill -9 of one of $n silos 5 s into a stream of calls"
    dotnet "$DRIVER" load "$DATA/forms.csv" "$FORMS" "$CONCURRENCY" --Cluster:ClusterId="$id" --Cluster:MembershipConnectionString=127.0.0.1:$REDIS_PORT >"$WORK/failover.txt" &
    driver=$!; pids+=($driver)
    sleep 5; kill -9 "${silo_pids[1]}"
    wait "$driver"
    fl=$(cat "$WORK/failover.txt"); echo "   $fl"
    line=$fl
    { echo; echo "Failover ($n silos, kill -9 of one 5 s into $FORMS calls, probe 1 s × 2 missed): call timeout 5 s: longest time with no call completing $(get longest_gap_ms) ms; slowest call $(get max_ms) ms; calls failed $(get failed) of $FORMS."; } >>"$RESULTS"
  fi
  for p in "${silo_pids[@]}"; do kill -9 "$p" 2>/dev/null || true; done
done
echo >>"$RESULTS"
echo "Registry: $(($(wc -l <"$DATA/registry.csv") - 1)) records." >>"$RESULTS"
echo "== results: $RESULTS"; cat "$RESULTS"
