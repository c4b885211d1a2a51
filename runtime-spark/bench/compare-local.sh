#!/usr/bin/env bash
# Compares `compute: spark:local[2]` with the local runtime on the same cores, separating start-up
# from throughput: each is run on a SMALL and a LARGE input; throughput is the extra items of
# LARGE over the extra seconds it took, start-up what is left of SMALL's time once its items are
# paid at that rate (wall time of bin/batchscore, JVM and Spark session start included).
#
#   runtime-spark/bench/compare-local.sh SMALL_DIR LARGE_DIR [ROUNDS] [DEPLOYMENT]
#
# e.g. with the FashionMNIST test and training images (examples/fashion-mnist/tools/make_images.py
# --split test --count 10000 / --split train --count 60000). Build first:
#   mvn -B -q package -DskipTests -pl runtime-spark -am
set -euo pipefail
here=$(cd "$(dirname "$0")/../.." && pwd)
small=$1
large=$2
rounds=${3:-3}
deployment=${4:-$here/examples/fashion-mnist/deployment.yml}
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
export SPARK_LOCAL_IP=127.0.0.1 BATCHSCORE_CDS=0

count() { find "$1" -type f | wc -l; }
run() { # compute input -> seconds
  local compute=$1 input=$2 start end
  rm -rf "$out/job"
  start=$(date +%s.%N)
  if [ "$compute" = local ]; then
    "$here/bin/batchscore" run --deployment "$deployment" --input "$input" --output "$out/job" \
      --progress none >/dev/null 2>&1
  else
    "$here/bin/batchscore" run --deployment "$deployment" --input "$input" --output "$out/job" \
      --progress none --set "compute=$compute" --set spark.ui.enabled=false >/dev/null 2>&1
  fi
  end=$(date +%s.%N)
  echo "$end - $start" | bc
}
median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }

ns=$(count "$small")
nl=$(count "$large")
echo "small: $ns files, large: $nl files, $rounds rounds, $(nproc) cores"
printf '%-16s %10s %10s %12s %12s\n' compute small_s large_s items_per_s startup_s
for compute in local 'spark:local[2]'; do
  s=(); l=()
  for _ in $(seq "$rounds"); do # alternate the sizes so drift in the machine's load hits both
    s+=("$(run "$compute" "$small")")
    l+=("$(run "$compute" "$large")")
  done
  ts=$(printf '%s\n' "${s[@]}" | median)
  tl=$(printf '%s\n' "${l[@]}" | median)
  rate=$(echo "($nl - $ns) / ($tl - $ts)" | bc -l)
  startup=$(echo "$ts - $ns / $rate" | bc -l)
  printf '%-16s %10.2f %10.2f %12.0f %12.2f\n' "$compute" "$ts" "$tl" "$rate" "$startup"
done
