#!/usr/bin/env bash
# scaling.sh: throughput of the FashionMNIST job by worker count (issue 20).
#
#   benchmarks/scaling.sh [-n N] [--split test|train] [-r ROUNDS] [WORKERS...]   (default: 1 2)
#
# Runs bin/batchscore run --deployment examples/fashion-mnist/deployment.yml on the PNGs of
# compare.sh (made by it: run compare.sh with the same -n and --split first) with
# --set max_concurrency_per_instance=W, for each W in turn, ROUNDS times (after one untimed
# round of each), and prints per W the median wall and CPU time, the throughput (images/s, wall
# median, JVM start included) and the efficiency: throughput / W / throughput with the first W.
set -euo pipefail
N=60000; SPLIT=train; ROUNDS=5
while [ $# -gt 0 ]; do
  case "$1" in
    -n) N="$2"; shift 2 ;;
    --split) SPLIT="$2"; shift 2 ;;
    -r) ROUNDS="$2"; shift 2 ;;
    -h|--help) sed -n '2,11p' "$0"; exit 0 ;;
    *) break ;;
  esac
done
workers=("$@"); [ ${#workers[@]} -gt 0 ] || workers=(1 2)
root=$(cd "$(dirname "$0")/.." && pwd); cd "$root"
case "$SPLIT" in test) images="benchmarks/target/fashion-mnist-$N/png" ;; *) images="benchmarks/target/fashion-mnist-$SPLIT-$N/png" ;; esac
[ -d "$images" ] || { echo "scaling.sh: no $images; run benchmarks/compare.sh -n $N --split $SPLIT first" >&2; exit 2; }
work=$(mktemp -d "${TMPDIR:-/tmp}/bs-scaling.XXXXXX"); trap 'rm -rf "$work"' EXIT
run() { # W
  rm -rf "$work/out"
  /usr/bin/env time -f '%e %U %S' -o "$work/t" bin/batchscore run --deployment examples/fashion-mnist/deployment.yml \
    --input "$images" --output "$work/out" --set "max_concurrency_per_instance=$1" >"$work/log" 2>&1 \
    || { tail -20 "$work/log" >&2; exit 1; }
  awk '{printf "%s %.2f\n", $1, $2 + $3}' "$work/t"
}
echo "$N $SPLIT PNGs, workers ${workers[*]}, $ROUNDS rounds; load before: $(uptime | sed 's/.*load average: //')"
for w in "${workers[@]}"; do run "$w" >/dev/null; done
for r in $(seq 1 "$ROUNDS"); do
  line="round $r:"
  for w in "${workers[@]}"; do t=$(run "$w"); echo "$t" >>"$work/w$w"; line="$line  w$w $t"; done
  echo "$line   (wall s, cpu s)"
done
echo "load after: $(uptime | sed 's/.*load average: //')"
median() { sort -n -k"$1" "$2" | awk -v c="$1" '{v[NR]=$c} END {if (NR%2) print v[(NR+1)/2]; else printf "%.3f\n", (v[NR/2]+v[NR/2+1])/2}'; }
first=""
printf '\n%8s %12s %11s %14s %11s\n' workers "median wall" "median cpu" "images/s" efficiency
for w in "${workers[@]}"; do
  wall=$(median 1 "$work/w$w"); cpu=$(median 2 "$work/w$w")
  thr=$(awk -v n="$N" -v t="$wall" 'BEGIN {printf "%.0f", n / t}')
  [ -n "$first" ] || first="$w $thr"
  eff=$(awk -v w="$w" -v t="$thr" -v f="$first" 'BEGIN {split(f, a, " "); printf "%.2f", (t / a[2]) / (w / a[1])}')
  printf '%8s %11ss %10ss %14s %11s\n' "$w" "$wall" "$cpu" "$thr" "$eff"
done
