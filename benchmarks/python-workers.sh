#!/usr/bin/env bash
# python-workers.sh: what BatchScore's Python workers add to a Python scoring script (issue 17).
#
#   benchmarks/python-workers.sh [-n N] [-r ROUNDS]
#
# Runs, in alternation, ROUNDS times each (after one untimed warm-up round of each):
#   (p) bin/batchscore run --deployment benchmarks/python/deployment.yml: the seed's per-image
#       scoring script (benchmarks/python/seed_score.py) in 2 BatchScore Python workers, one
#       engine thread each, mini-batches of 10: the whole command, JVM start included;
#   (c) benchmarks/python/seed_driver.py: the same script driven the way the managed driver does
#       it, by a multiprocessing pool of 2 processes (torch.set_num_threads(1)), mini-batches of
#       10: the whole command, interpreter start included.
# Both start their processes and run init() inside the timed command, on the same N PNGs, and
# write the same rows (checked). Prints the median wall and CPU times, the ratio p/c of the
# medians and the median of the per-round ratios (each round's p and c run back to back).
#
# Needs: runtime-core/target/batchscore.jar (built here when missing), Debian's /usr/bin/python3
# with python3-torch, python3-torchvision and python3-pil, and dataset-fashion-mnist +
# python3-numpy to make the PNGs (once, into benchmarks/target/fashion-mnist-N).
set -euo pipefail

N=10000
ROUNDS=5
while [ $# -gt 0 ]; do
  case "$1" in
    -n) N="$2"; shift 2 ;;
    -r) ROUNDS="$2"; shift 2 ;;
    -h|--help) sed -n '2,19p' "$0"; exit 0 ;;
    *) echo "python-workers.sh: unknown argument $1" >&2; exit 2 ;;
  esac
done

root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
if [ ! -e runtime-core/target/batchscore.jar ]; then
  echo "python-workers.sh: runtime-core/target/batchscore.jar missing; building it"
  mvn -B -q package -DskipTests -pl runtime-core -am
fi
if ! /usr/bin/python3 -c 'import torch, torchvision, PIL' 2>/dev/null; then
  echo "python-workers.sh: needs /usr/bin/python3 with torch, torchvision and PIL:" \
    "apt-get install -y python3-torch python3-torchvision python3-pil" >&2
  exit 2
fi

data="benchmarks/target/fashion-mnist-$N"
images="$data/png"
if [ ! -f "$data/.complete" ]; then
  echo "making $N PNGs in $images ..."
  rm -rf "$data"
  /usr/bin/python3 examples/fashion-mnist/tools/make_images.py --out "$images" --count "$N" >/dev/null
  touch "$data/.complete"
fi

work=$(mktemp -d "${TMPDIR:-/tmp}/bs-python-workers.XXXXXX")
trap 'rm -rf "$work"' EXIT

# run_timed NAME CMD...: runs CMD, appends "wall cpu" (seconds) to $work/NAME.times
run_timed() {
  local name=$1; shift
  /usr/bin/env time -f '%e %U %S' -o "$work/t" "$@" >"$work/$name.log" 2>&1 || {
    echo "python-workers.sh: $name failed:" >&2; tail -20 "$work/$name.log" >&2; exit 1; }
  awk '{printf "%s %.2f\n", $1, $2 + $3}' "$work/t" >>"$work/$name.times"
}

run_p() { rm -rf "$work/p"; run_timed p bin/batchscore run --deployment benchmarks/python/deployment.yml --input "$images" --output "$work/p" --progress none; }
run_c() { run_timed c /usr/bin/python3 benchmarks/python/seed_driver.py --model examples/fashion-mnist/model --input "$images" --output "$work/c.csv" --processes 2 --mini-batch-size 10; }

echo "machine: $(lscpu | sed -n 's/^Model name: *//p'), $(nproc) cores; $(java -version 2>&1 | head -1)"
echo "load before: $(uptime | sed 's/.*load average/load average/')"
echo "warm-up round ..."
run_p; run_c
rm -f "$work"/*.times
for r in $(seq 1 "$ROUNDS"); do
  run_p; run_c
  echo "round $r: p $(tail -1 "$work/p.times")  c $(tail -1 "$work/c.times")   (wall s, cpu s)"
done
echo "load after: $(uptime | sed 's/.*load average/load average/')"

if cmp -s "$work/p/predictions.csv" "$work/c.csv"; then
  echo "rows: (p) and (c) identical ($(wc -l <"$work/c.csv") rows)"
else
  echo "rows: (p) and (c) DIFFER" >&2; exit 1
fi

median() { sort -n -k"$1" "$2" | awk -v c="$1" '{v[NR]=$c} END {if (NR%2) print v[(NR+1)/2]; else printf "%.3f\n", (v[NR/2]+v[NR/2+1])/2}'; }
spread() { sort -n -k1 "$1" | awk 'NR==1{lo=$1} {hi=$1} END {printf "%s-%s", lo, hi}'; }

printf '\n%-44s %12s %14s %12s\n' "variant (N=$N, $ROUNDS rounds)" "median wall" "wall min-max" "median cpu"
printf '%-44s %11ss %14s %11ss\n' "(p) batchscore, Python workers" "$(median 1 "$work/p.times")" "$(spread "$work/p.times")" "$(median 2 "$work/p.times")"
printf '%-44s %11ss %14s %11ss\n' "(c) seed_driver.py, multiprocessing pool" "$(median 1 "$work/c.times")" "$(spread "$work/c.times")" "$(median 2 "$work/c.times")"
mp=$(median 1 "$work/p.times"); mc=$(median 1 "$work/c.times")
cp=$(median 2 "$work/p.times"); cc=$(median 2 "$work/c.times")
echo
awk -v p="$mp" -v c="$mc" -v cp="$cp" -v cc="$cc" 'BEGIN {printf "p/c = %.2f (wall)   %.2f (cpu)\n", p / c, cp / cc}'
paste -d' ' "$work/p.times" "$work/c.times" | awk '{print $1 / $3}' | sort -n | awk '
  {r[NR] = $1} END {m = (NR % 2) ? r[(NR + 1) / 2] : (r[NR / 2] + r[NR / 2 + 1]) / 2
  printf "p/c per round: median %.2f, min %.2f, max %.2f (wall)\n", m, r[1], r[NR]}'
