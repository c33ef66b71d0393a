#!/usr/bin/env bash
# Issue 9's accuracy grid: {own generator, altgen} x {5 %, 30 % absent} x {full, abbreviated addresses} at SIZE
# persons, each cell with absent look-alikes and name typos, reconciled with the Release CLI and scored by
# `cccdrecon evaluate`; plus FEBRL 4. Prints one markdown table (and a breakdown by hard-case tag) and writes
# bench/out/grid.json (also bench/out/grid-SIZE.json and .md). Figures, not pass/fail: a cell that meets issue 9's
# "done when" bar is marked.
#
#   bash bench/accuracy/grid.sh                 # SIZE=100000 (about 10-20 min on 2 shared cores, ~1.5 GB in bench/data)
#   SIZE=20000 bash bench/accuracy/grid.sh      # quick run
#   REUSE=1 ...                                 # keep existing reconcile outputs (re-evaluate and re-print only)
#
# Idempotent: a cell's data is generated once per (SIZE, SEED, options) and reused; reconcile runs every time (the
# engine is what is measured). One grid at a time (a lock in bench/data/grid); every step has a time limit (STEP_TIMEOUT).
set -euo pipefail
cd "$(dirname "$0")/../.."

SIZE=${SIZE:-100000}
SEED=${SEED:-1}
DATA=${DATA:-bench/data/grid}
OUT=${OUT:-bench/out}
STEP_TIMEOUT=${STEP_TIMEOUT:-1800}
REUSE=${REUSE:-0}
case "$SIZE" in ''|*[!0-9]*) echo "grid: SIZE must be a number of persons" >&2; exit 2;; esac
if [ "$SIZE" -lt 1000 ] || [ "$SIZE" -gt 2000000 ]; then echo "grid: SIZE must be between 1000 and 2000000" >&2; exit 2; fi

# The rates every cell carries (see bench/accuracy/README.md for why these).
LOOKALIKES=0.5      # half of the absent people look like a registered person (a sixth each: namesake+year, same day, same commune)
TYPOS=0.03          # 3 % of registered people's forms carry a one-letter keying slip in the given name or surname
POST2025=0.3        # abbreviated cells: 30 % of forms write the address on the 2025 map (34 provinces, no district)
OWN_PROVINCE=019    # a province batch: own generator in Thái Nguyên,
ALT_PROVINCE=038    # altgen in Thanh Hóa

mkdir -p "$DATA" "$OUT"
exec 9>"$DATA/.lock"
flock -n 9 || { echo "grid: another grid run holds $DATA/.lock; one at a time" >&2; exit 1; }

echo "grid: building the Release CLI" >&2
dotnet build -c Release src/CccdRecon.Cli -v quiet -nologo >/dev/null
CLI=(dotnet src/CccdRecon.Cli/bin/Release/net10.0/cccdrecon.dll)
step() { timeout --foreground "$STEP_TIMEOUT" "$@"; }

CELLS=()
for gen in own altgen; do
  for absent in 0.05 0.30; do
    for addr in full abbreviated; do
      dir="$DATA/$SIZE/$gen-a${absent#0.}-$addr"
      if [ "$gen" = own ]; then
        args=(generate --persons "$SIZE" --seed "$SEED" --absent-rate "$absent" --absent-lookalikes "$LOOKALIKES"
              --name-typo-rate "$TYPOS" --province "$OWN_PROVINCE" --address-style "$addr")
        [ "$addr" = abbreviated ] && args+=(--post2025-share "$POST2025")
        make=("${CLI[@]}" "${args[@]}" --out "$dir")
        shown="cccdrecon ${args[*]}"
      else
        args=(--persons "$SIZE" --seed "$SEED" --absent-rate "$absent" --absent-lookalikes "$LOOKALIKES"
              --name-typo-rate "$TYPOS" --province "$ALT_PROVINCE" --address-style "$addr")
        [ "$addr" = abbreviated ] && args+=(--post2025-share "$POST2025")
        make=(python3 bench/altgen/altgen.py "${args[@]}" --out "$dir")
        shown="python3 bench/altgen/altgen.py ${args[*]}"
      fi
      if [ ! -f "$dir/truth.csv" ] || [ "$(cat "$dir/made-with" 2>/dev/null)" != "$shown" ]; then
        echo "grid: generating $dir" >&2
        rm -rf "$dir"
        step "${make[@]}" >/dev/null
        echo "$shown" > "$dir/made-with"
      fi
      if [ "$REUSE" != 1 ] || [ ! -f "$dir/out/results.csv" ]; then
        echo "grid: reconciling $dir" >&2
        rm -rf "$dir/out"
        step "${CLI[@]}" reconcile --registry "$dir/registry.csv" --forms "$dir/forms.csv" --out "$dir/out" --quiet >/dev/null
      fi
      step "${CLI[@]}" evaluate --truth "$dir/truth.csv" --results "$dir/out/results.csv" --json "$dir/eval.json" >/dev/null
      CELLS+=("$gen|$absent|$addr|$dir|$shown")
    done
  done
done

febrl="$DATA/febrl"
if [ ! -f "$febrl/truth.csv" ]; then
  step "${CLI[@]}" febrl --a bench/data-febrl/dataset4a.csv --b bench/data-febrl/dataset4b.csv --out "$febrl" >/dev/null
fi
if [ "$REUSE" != 1 ] || [ ! -f "$febrl/out/results.csv" ]; then
  rm -rf "$febrl/out"
  step "${CLI[@]}" reconcile --registry "$febrl/registry.csv" --forms "$febrl/forms.csv" --out "$febrl/out" --quiet >/dev/null
fi
step "${CLI[@]}" evaluate --truth "$febrl/truth.csv" --results "$febrl/out/results.csv" --json "$febrl/eval.json" >/dev/null

commit=$(git rev-parse --short HEAD 2>/dev/null || echo unknown)
dirty=$(git status --porcelain --untracked-files=no -- src protos 2>/dev/null | grep -q . && echo "+engine-changes" || true)
printf '%s\n' "${CELLS[@]}" | python3 bench/accuracy/grid_report.py --size "$SIZE" --seed "$SEED" --commit "$commit$dirty" \
  --febrl "$febrl" --out "$OUT" --rates "lookalikes=$LOOKALIKES typos=$TYPOS post2025=$POST2025 own_province=$OWN_PROVINCE altgen_province=$ALT_PROVINCE"
