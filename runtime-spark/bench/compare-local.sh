#!/usr/bin/env bash
# Compares `compute: spark:local[2]` with the local runtime on the same cores, separating start-up
# from throughput in two ways:
#   - two inputs, SMALL and LARGE: throughput (items_per_s) is the extra items of LARGE over the
#     extra seconds it took, start-up (startup_s) what is left of SMALL's time once its items are
#     paid at that rate (wall time of bin/batchscore, JVM and Spark session start and stop
#     included);
#   - within each LARGE run: first_row_s is the time from launch until predictions.csv has its
#     first row, after_first_per_s the rows written after that over the time until the job log's
#     "job Completed" line (the steady rate, free of start-up and of the Spark session's stop);
#   - cpu_ms_per_1k: the extra CPU time (user + system, all threads) of LARGE over SMALL per
#     1,000 extra items: what a busy machine's other processes change least.
# Each round runs local SMALL, local LARGE, Spark SMALL, Spark LARGE, so drift in the machine's
# load hits both; the table gives medians over the rounds, and the load average is printed.
# SPARK_JARS="before=/tmp/old/batchscore-spark.jar after=runtime-spark/target/batchscore-spark.jar"
# compares builds of batchscore-spark.jar (BATCHSCORE_SPARK_JAR; each beside a copy of
# spark-classpath.txt) in the same rounds.
#
#   runtime-spark/bench/compare-local.sh SMALL_DIR LARGE_DIR [ROUNDS] [DEPLOYMENT] [MASTER]
#
# e.g. with the FashionMNIST test and training images (examples/fashion-mnist/tools/make_images.py
# --split test --count 10000 / --split train --count 60000). Build first:
#   mvn -B -q package -DskipTests -pl runtime-spark,examples -am
set -euo pipefail
here=$(cd "$(dirname "$0")/../.." && pwd)
small=$1
large=$2
rounds=${3:-3}
deployment=${4:-$here/examples/fashion-mnist/deployment.yml}
master=${5:-local[2]}
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
export SPARK_LOCAL_IP=127.0.0.1 BATCHSCORE_CDS=0
exec {tick}<> <(:) # read -t on it waits without starting a process

count() { find -L "$1" -type f | wc -l; } # -L: a folder of links (copies of one set of images) counts too
now() { date +%s.%N; }
cpu() { # utime + stime of a live process, in clock ticks (no process started: it runs often)
  local st
  read -r -a st <"/proc/$1/stat" && echo $((st[13] + st[14]))
}
run() { # label input -> "wall first_row rows_at_first completed cpu" (seconds from launch)
  local label=$1 input=$2 start end first="" rows=0 done_line pid ticks=0 t
  local args=(run --deployment "$deployment" --input "$input" --output "$out/job" --progress none)
  [ "$label" = local ] || args+=(--set "compute=spark:$master" --set spark.ui.enabled=false)
  rm -rf "$out/job"
  start=$(now)
  BATCHSCORE_SPARK_JAR=${jar[$label]:-} "$here/bin/batchscore" "${args[@]}" >/dev/null 2>&1 &
  pid=$!
  while kill -0 "$pid" 2>/dev/null; do
    if [ -z "$first" ] && [ -s "$out/job/predictions.csv" ]; then
      first=$(now)
      rows=$(wc -l <"$out/job/predictions.csv")
    fi
    t=$(cpu "$pid" 2>/dev/null) && ticks=$t # the JVM's own time, up to its last moments
    read -t 0.01 -u "$tick" || true
  done
  if ! wait "$pid"; then
    echo "$label on $input failed; run it alone to see why" >&2
    exit 1
  fi
  end=$(now)
  done_line=$(grep -m1 ' job Completed in ' "$out/job/logs/sys/job.log" | cut -c1-23)
  echo "$(echo "$end - $start" | bc) $(echo "${first:-$end} - $start" | bc) $rows" \
    "$(echo "$(date -d "${done_line/,/.}" +%s.%N) - $start" | bc)" \
    "$(echo "$ticks / $(getconf CLK_TCK)" | bc -l)"
}
median() { sort -g | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
col() { awk -v c="$1" '{print $c}'; }

ns=$(count "$small")
nl=$(count "$large")
declare -A jar
computes=(local)
if [ -n "${SPARK_JARS:-}" ]; then
  for j in $SPARK_JARS; do
    computes+=("spark:$master:${j%%=*}")
    jar["spark:$master:${j%%=*}"]=$(realpath "${j#*=}")
  done
else
  computes+=("spark:$master")
fi
echo "small: $ns files, large: $nl files, $rounds rounds, $(nproc) cores; load $(cut -d' ' -f1-3 /proc/loadavg)"
declare -A res
for r in $(seq "$rounds"); do
  for compute in "${computes[@]}"; do
    res[$compute,s]+="$(run "$compute" "$small")"$'\n'
    res[$compute,l]+="$(run "$compute" "$large")"$'\n'
  done
  echo "round $r done; load $(cut -d' ' -f1-3 /proc/loadavg)"
done
printf '%-22s %8s %8s %11s %9s %11s %17s %13s\n' compute small_s large_s items_per_s \
  startup_s first_row_s after_first_per_s cpu_ms_per_1k
for compute in "${computes[@]}"; do
  ts=$(printf '%s' "${res[$compute,s]}" | col 1 | median)
  tl=$(printf '%s' "${res[$compute,l]}" | col 1 | median)
  rate=$(echo "($nl - $ns) / ($tl - $ts)" | bc -l)
  startup=$(echo "$ts - $ns / $rate" | bc -l)
  first=$(printf '%s' "${res[$compute,l]}" | col 2 | median)
  after=$(printf '%s' "${res[$compute,l]}" | awk -v n="$nl" '{print (n - $3) / ($4 - $2)}' | median)
  cs=$(printf '%s' "${res[$compute,s]}" | col 5 | median)
  cl=$(printf '%s' "${res[$compute,l]}" | col 5 | median)
  cpu1k=$(echo "($cl - $cs) * 1000000 / ($nl - $ns)" | bc -l)
  printf '%-22s %8.2f %8.2f %11.0f %9.2f %11.2f %17.0f %13.1f\n' "$compute" "$ts" "$tl" "$rate" \
    "$startup" "$first" "$after" "$cpu1k"
done
echo "per run (wall first_row_s rows_at_first completed_s cpu_s):"
for compute in "${computes[@]}"; do
  printf '%s' "${res[$compute,s]}" | sed "s/^/  $compute small: /"
  printf '%s' "${res[$compute,l]}" | sed "s/^/  $compute large: /"
done
