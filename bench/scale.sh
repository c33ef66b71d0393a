#!/usr/bin/env bash
# Scale benchmark for the offline reconcile run: generates a synthetic province at several sizes and reconciles each
# (registry N records against the forms of the same N people), printing time per phase, forms/s and peak memory,
# then the growth from the smallest to the largest size. Figures, not pass/fail.
#
#   bash bench/scale.sh                      # 100k, 400k, 1.3M (needs ~3 GB disk in bench/data)
#   SIZES="100000 200000" bash bench/scale.sh
set -euo pipefail
cd "$(dirname "$0")/.."
SIZES=${SIZES:-"100000 400000 1300000"}
DATA=${DATA:-bench/data}
mkdir -p "$DATA"
dotnet build -c Release src/CccdRecon.Cli -v quiet -nologo >/dev/null
CLI="dotnet src/CccdRecon.Cli/bin/Release/net10.0/cccdrecon.dll"

printf '%-9s %-9s %8s %8s %8s %8s %8s %8s %10s %9s %7s %7s\n' persons forms read index train match total wall forms/s peakMB linkF1 clean
for n in $SIZES; do
  dir="$DATA/p$n"
  [ -f "$dir/forms.csv" ] || $CLI generate --persons "$n" --seed 1 --out "$dir" >/dev/null
  start=$(date +%s.%N)
  /usr/bin/time -f '%M' -o "$dir/maxrss" $CLI reconcile --registry "$dir/registry.csv" --forms "$dir/forms.csv" --out "$dir/out" --quiet >/dev/null
  wall=$(echo "$(date +%s.%N) - $start" | bc)
  $CLI evaluate --truth "$dir/truth.csv" --results "$dir/out/results.csv" --json "$dir/eval.json" >/dev/null
  python3 - "$dir" "$n" "$wall" <<'PY'
import json, sys
d, n, wall = sys.argv[1], int(sys.argv[2]), float(sys.argv[3])
s = json.load(open(f"{d}/out/summary.json")); e = json.load(open(f"{d}/eval.json")); t = s["timings_seconds"]
rss = int(open(f"{d}/maxrss").read().split()[-1]) / 1024
print(f"{n:<9} {s['forms']:<9} {t['read_registry']:8.2f} {t['build_index']:8.2f} {t['train']:8.2f} {t['match']:8.2f} {t['total']:8.2f} {wall:8.2f} {s['forms_per_second']:10.0f} {rss:9.0f} {e['link_f1']:7.4f} {e['cosmetic_only_clean_share']:7.4f}")
with open(f"{d}/../scale.tsv", "a") as f: f.write(f"{n}\t{t['total']}\t{wall}\n")
PY
done
python3 - "$DATA" <<'PY'
import sys
rows = [l.split('\t') for l in open(f"{sys.argv[1]}/scale.tsv")]
rows = {int(r[0]): float(r[2]) for r in rows}
ns = sorted(rows)
if len(ns) > 1:
    a, b = ns[0], ns[-1]
    print(f"growth {a:,} -> {b:,} persons: x{b/a:.1f} size, x{rows[b]/rows[a]:.2f} wall time (linear would be x{b/a:.1f})")
PY
rm -f "$DATA/scale.tsv"
