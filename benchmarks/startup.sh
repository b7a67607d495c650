#!/usr/bin/env bash
# The start-up part of `./backprop4j train`: the wall time of the whole program minus its training loop
# ("Trained in X s"), i.e. JVM start, option parsing, wiring, data loading, test accuracy, history, plots
# and exit; with application class-data sharing (the launcher's default) and without (BACKPROP4J_NO_CDS=1),
# runs interleaved, medians. Extra arguments go to train (default: --epochs 1, a short loop).
#   benchmarks/startup.sh [RUNS] [train options...]
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
runs="${1:-7}"
shift || true
args=("$@")
[ ${#args[@]} -eq 0 ] && args=(--epochs 1)
scratch="$(mktemp -d)"
trap 'rm -rf "$scratch"' EXIT
"$here/backprop4j" --version >/dev/null 2>&1 # builds the program and its class archive if needed

one() { # prints "wall loop" in seconds
  local start end out
  start=$(date +%s%N)
  out="$("$here/backprop4j" train --quiet --out "$scratch/run" "${args[@]}" 2>/dev/null)"
  end=$(date +%s%N)
  rm -rf "$scratch/run"
  echo "$(( (end - start) / 1000000 )) $(sed -n 's/^Trained in \([0-9.]*\) s;.*/\1/p' <<<"$out")"
}
median() { sort -g | awk '{v[NR]=$1} END {print (NR % 2) ? v[(NR+1)/2] : (v[NR/2] + v[NR/2+1]) / 2}'; }

: >"$scratch/cds"; : >"$scratch/nocds"
for ((i = 1; i <= runs; i++)); do
  read -r wall loop < <(one); echo "$wall $loop" >>"$scratch/cds"
  read -r wall loop < <(BACKPROP4J_NO_CDS=1 one); echo "$wall $loop" >>"$scratch/nocds"
done
echo "$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//'), $(nproc) cores; $(java -version 2>&1 | head -1)"
echo "train --quiet ${args[*]}: $runs runs each, interleaved, medians in seconds"
for v in cds nocds; do
  w=$(awk '{print $1 / 1000}' "$scratch/$v" | median)
  l=$(awk '{print $2}' "$scratch/$v" | median)
  r=$(awk '{print $1 / 1000 - $2}' "$scratch/$v" | median)
  printf '%-22s wall %6.2f  loop %6.2f  start-up and the rest %5.2f\n' \
    "$([ $v = cds ] && echo "class-data sharing" || echo "BACKPROP4J_NO_CDS=1")" "$w" "$l" "$r"
done
