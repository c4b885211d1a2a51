#!/usr/bin/env bash
# compare.sh: the end-to-end comparison of issues 6 and 20, on N FashionMNIST PNGs.
#
#   benchmarks/compare.sh [-n N] [-r ROUNDS] [--split test|train] [-w WORKERS] [--no-python]
#                         [--base DIR [--pair]]
#
# --split picks the dataset split the PNGs are made from (test: 10,000 images, the default;
# train: 60,000); -w the workers of (a) (--set max_concurrency_per_instance=W) and the threads or
# processes of (b), (f) and (c) (default 2).
#
# Runs, in alternation, ROUNDS times each (after one untimed warm-up round of each, so the page
# cache and ~/.javacpp hold what they will hold in steady use):
#   (a) bin/batchscore run --deployment examples/fashion-mnist/deployment.yml (2 workers,
#       mini-batches of 10, ONNX Runtime): the whole command, JVM start included;
#   (b) BareOnnxLoop: a hand-written ONNX Runtime loop, same decoder, one run per 10 images,
#       2 threads with a session each: the whole `java` command, JVM start included;
#   (f) ReadFloor: the read floor, the same listing and the same W threads taking mini-batches of
#       10 and reading every file whole, nothing else: the whole `java` command;
#   (z) with --base DIR: (a) run from another build, DIR/bin/batchscore with
#       DIR/examples/fashion-mnist/deployment.yml (a copy of bin/, runtime-core/target/batchscore.jar
#       and .jsa, examples/target/scorer-onnx and examples/fashion-mnist/{deployment.yml,model}
#       of that build), to measure one change alone: a/z per round; --pair runs (a) and (z) only;
#   (c) when /usr/bin/python3 has torch: the seed's per-image Python scorer driven over
#       mini-batches of 10 by 2 processes (benchmarks/python/seed_driver.py), interpreter start
#       included.
# Prints, per variant, the median wall time (and min/max) and the median CPU time (user+sys of
# the process tree), then the ratios a/b, a/f and a/c of the medians, and the median of the
# per-round ratios a/b and a/f (each round's variants run back to back). Checks that (a) and (b)
# wrote identical rows.
#
# Needs: the jars of mvn -B package -DskipTests (built here when missing) and Debian's
# dataset-fashion-mnist + python3-numpy/PIL for making the PNGs (once, into
# benchmarks/target/fashion-mnist-N); python3-torch + python3-torchvision for (c).
set -euo pipefail

N=10000
ROUNDS=5
PYTHON=auto
SPLIT=test
WORKERS=2
BASE=
PAIR=no
while [ $# -gt 0 ]; do
  case "$1" in
    -n) N="$2"; shift 2 ;;
    -r) ROUNDS="$2"; shift 2 ;;
    --split) SPLIT="$2"; shift 2 ;;
    -w) WORKERS="$2"; shift 2 ;;
    --base) BASE=$(cd "$2" && pwd); shift 2 ;;
    --pair) PAIR=yes; PYTHON=no; shift ;;
    --no-python) PYTHON=no; shift ;;
    -h|--help) sed -n '2,34p' "$0"; exit 0 ;;
    *) echo "compare.sh: unknown argument $1" >&2; exit 2 ;;
  esac
done

root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
bench_jar=benchmarks/target/benchmarks.jar
for f in runtime-core/target/batchscore.jar "$bench_jar" examples/target/scorer; do
  if [ ! -e "$f" ]; then
    echo "compare.sh: $f missing; building: mvn -B -q package -DskipTests"
    mvn -B -q package -DskipTests
    break
  fi
done

case "$SPLIT" in
  test) data="benchmarks/target/fashion-mnist-$N" ;;
  train) data="benchmarks/target/fashion-mnist-train-$N" ;;
  *) echo "compare.sh: --split must be test or train, not $SPLIT" >&2; exit 2 ;;
esac
images="$data/png"   # the PNGs alone: a marker file beside them must not be scored
if [ ! -f "$data/.complete" ]; then
  if [ ! -d /usr/share/datasets/fashion-mnist ] || ! /usr/bin/python3 -c 'import numpy, PIL' 2>/dev/null; then
    echo "compare.sh: making the PNGs needs Debian's dataset-fashion-mnist, python3-numpy and" \
      "python3-pil: apt-get install -y dataset-fashion-mnist python3-numpy python3-pil" \
      "(and python3-torch python3-torchvision for the Python variant)" >&2
    exit 2
  fi
  echo "making $N PNGs of the $SPLIT split in $images ..."
  rm -rf "$data"
  /usr/bin/python3 examples/fashion-mnist/tools/make_images.py --split "$SPLIT" --out "$images" \
    --count "$N" >/dev/null
  touch "$data/.complete"
fi

if [ "$PYTHON" = auto ]; then
  if /usr/bin/python3 -c 'import torch' 2>/dev/null; then PYTHON=yes; else PYTHON=no; fi
fi

work=$(mktemp -d "${TMPDIR:-/tmp}/bs-compare.XXXXXX")
trap 'rm -rf "$work"' EXIT
model=examples/fashion-mnist/model

# run_timed NAME CMD...: runs CMD, appends "wall cpu" (seconds) to $work/NAME.times
run_timed() {
  local name=$1; shift
  /usr/bin/env time -f '%e %U %S' -o "$work/t" "$@" >"$work/$name.log" 2>&1 || {
    echo "compare.sh: $name failed:" >&2; tail -20 "$work/$name.log" >&2; exit 1; }
  awk '{printf "%s %.2f\n", $1, $2 + $3}' "$work/t" >>"$work/$name.times"
}

run_a() { rm -rf "$work/a"; run_timed a bin/batchscore run --deployment examples/fashion-mnist/deployment.yml --input "$images" --output "$work/a" --set "max_concurrency_per_instance=$WORKERS"; }
run_b() { [ "$PAIR" = yes ] && return 0; run_timed b java -cp "$bench_jar" io.batchscore.benchmarks.BareOnnxLoop "$model/model.onnx" "$images" "$work/b.csv" "$WORKERS" 10; }
run_z() { rm -rf "$work/z"; run_timed z "$BASE/bin/batchscore" run --deployment "$BASE/examples/fashion-mnist/deployment.yml" --input "$images" --output "$work/z" --set "max_concurrency_per_instance=$WORKERS"; }
if [ "$PAIR" = yes ] && [ -z "$BASE" ]; then echo "compare.sh: --pair needs --base DIR" >&2; exit 2; fi
run_f() { [ "$PAIR" = yes ] && return 0; run_timed f java -cp "$bench_jar" io.batchscore.benchmarks.ReadFloor "$images" "$WORKERS" 10; }
run_c() { run_timed c /usr/bin/python3 benchmarks/python/seed_driver.py --model "$model" --input "$images" --output "$work/c.csv" --processes "$WORKERS" --mini-batch-size 10; }

echo "machine: $(lscpu | sed -n 's/^Model name: *//p'), $(nproc) cores; $(java -version 2>&1 | head -1)"
echo "split $SPLIT, $N images, $WORKERS workers; load before: $(uptime | sed 's/.*load average/load average/')"
echo "warm-up round ..."
run_a; run_b; run_f; [ -n "$BASE" ] && run_z; [ "$PYTHON" = yes ] && run_c
rm -f "$work"/*.times
for r in $(seq 1 "$ROUNDS"); do
  run_a; run_b; run_f; [ -n "$BASE" ] && run_z; [ "$PYTHON" = yes ] && run_c
  echo "round $r: a $(tail -1 "$work/a.times")$([ "$PAIR" = no ] && echo "  b $(tail -1 "$work/b.times")  f $(tail -1 "$work/f.times")")$([ -n "$BASE" ] && echo "  z $(tail -1 "$work/z.times")")$([ "$PYTHON" = yes ] && echo "  c $(tail -1 "$work/c.times")")   (wall s, cpu s)"
done
echo "load after: $(uptime | sed 's/.*load average/load average/')"

if [ "$PAIR" = yes ]; then :
elif cmp -s "$work/a/predictions.csv" "$work/b.csv"; then
  echo "rows: (a) and (b) identical ($(wc -l <"$work/b.csv") rows)"
else
  echo "rows: (a) and (b) DIFFER" >&2; exit 1
fi
if [ -n "$BASE" ]; then
  if cmp -s "$work/a/predictions.csv" "$work/z/predictions.csv"; then echo "rows: (a) and (z) identical"
  else echo "rows: (a) and (z) DIFFER" >&2; exit 1; fi
fi
if [ "$PYTHON" = yes ]; then
  if cmp -s "$work/a/predictions.csv" "$work/c.csv"; then c_rows=identical; else
    c_rows="$(diff "$work/a/predictions.csv" "$work/c.csv" | grep -c '^<') rows differ"; fi
  echo "rows: (a) and (c) $c_rows"
fi

# median COLUMN FILE
median() { sort -n -k"$1" "$2" | awk -v c="$1" '{v[NR]=$c} END {if (NR%2) print v[(NR+1)/2]; else printf "%.3f\n", (v[NR/2]+v[NR/2+1])/2}'; }
spread() { sort -n -k1 "$1" | awk 'NR==1{lo=$1} {hi=$1} END {printf "%s-%s", lo, hi}'; }

printf '\n%-40s %12s %14s %12s\n' "variant (N=$N, $ROUNDS rounds)" "median wall" "wall min-max" "median cpu"
for v in a z b f c; do
  [ -f "$work/$v.times" ] || continue
  case $v in
    a) label="(a) batchscore run" ;;
    b) label="(b) bare ONNX Runtime loop" ;;
    f) label="(f) read floor" ;;
    z) label="(z) batchscore run, --base build" ;;
    c) label="(c) seed Python, 2 processes" ;;
  esac
  printf '%-40s %11ss %14s %11ss\n' "$label" "$(median 1 "$work/$v.times")" "$(spread "$work/$v.times")" "$(median 2 "$work/$v.times")"
done
ma=$(median 1 "$work/a.times"); ca=$(median 2 "$work/a.times")
echo
per_round() { # NAME OTHER: the per-round ratios NAME/OTHER, of wall and of CPU time
  local col
  for col in 1 2; do
    paste -d' ' "$work/$1.times" "$work/$2.times" | awk -v c="$col" '{print $c / $(c + 2)}' | sort -n |
      awk -v l="$1/$2" -v k="$([ $col = 1 ] && echo wall || echo cpu)" '
      {r[NR] = $1} END {m = (NR % 2) ? r[(NR + 1) / 2] : (r[NR / 2] + r[NR / 2 + 1]) / 2
      printf "%s per round: median %.3f, min %.3f, max %.3f (%s)\n", l, m, r[1], r[NR], k}'
  done
}
if [ "$PAIR" = no ]; then
mb=$(median 1 "$work/b.times"); mf=$(median 1 "$work/f.times")
cb=$(median 2 "$work/b.times"); cf=$(median 2 "$work/f.times")
awk -v a="$ma" -v b="$mb" -v ca="$ca" -v cb="$cb" 'BEGIN {printf "a/b = %.2f (wall)   %.2f (cpu)\n", a / b, ca / cb}'
awk -v a="$ma" -v f="$mf" -v ca="$ca" -v cf="$cf" 'BEGIN {printf "a/f = %.2f (wall)   %.2f (cpu); a over the read floor\n", a / f, ca / cf}'
awk -v a="$ma" -v n="$N" 'BEGIN {printf "throughput (a) = %.0f images/s (wall median)\n", n / a}'
# each round's variants ran back to back: their ratio is less exposed to a noisy machine's slow
# spells than the ratio of the medians
per_round a b
per_round a f
fi
if [ -f "$work/z.times" ]; then
  mz=$(median 1 "$work/z.times"); cz=$(median 2 "$work/z.times")
  awk -v a="$ma" -v z="$mz" -v ca="$ca" -v cz="$cz" 'BEGIN {printf "a/z = %.3f (wall)   %.3f (cpu); this build over the --base build\n", a / z, ca / cz}'
  per_round a z
fi
if [ -f "$work/c.times" ]; then
  mc=$(median 1 "$work/c.times"); cc=$(median 2 "$work/c.times")
  awk -v a="$ma" -v c="$mc" -v ca="$ca" -v cc="$cc" 'BEGIN {printf "a/c = %.2f (wall)   %.2f (cpu); Python/BatchScore = %.1fx (wall)\n", a / c, ca / cc, c / a}'
  per_round c a
fi
