#!/usr/bin/env bash
# profile.sh: where the FashionMNIST job's wall and CPU time go (issue 20).
#
#   benchmarks/profile/profile.sh IMAGES OUT [ROOT]
#
# Runs ROOT/bin/batchscore run --deployment ROOT/examples/fashion-mnist/deployment.yml (ROOT: this
# repository by default, or a copy of another build laid out the same way) on the folder IMAGES
# under Linux perf (CPU-clock samples at 499 Hz of every thread, user and kernel, with call
# stacks; the JVM keeps frame pointers and writes a perf map of its compiled code at exit), after
# a run of the same command without perf, and writes:
#   OUT.data      the samples; OUT.perf-PID.map the JVM's symbols for them (move it back to
#                 /tmp/perf-PID.map to read OUT.data again with perf script);
#   OUT.cpu.md    the CPU split into the issue's items (benchmarks/profile/classify.py);
#   OUT.wall.md   the wall phases of the run without perf, from the command's start and end and
#                 the worker logs' times:
#                 start-up (JVM, CLI, deployment, job set-up) until the first worker's "Init
#                 started", worker init (ONNX Runtime) until the first "run mini-batch", scoring
#                 until the last, and the end (last commit, report, metrics, JVM exit).
# Needs perf (Debian linux-perf) and a kernel.perf_event_paranoid that lets it sample (root here).
# perf and the frame pointers slow the job by a few per cent.
set -euo pipefail
images=$1; out=$2; root=${3:-$(cd "$(dirname "$0")/../.." && pwd)}
here=$(cd "$(dirname "$0")" && pwd)
# the wall phases: a run without perf
rm -rf "$out.out"
start=$(date +%s.%N)
/usr/bin/time -f '%e %U %S' -o "$out.time" "$root/bin/batchscore" run \
  --deployment "$root/examples/fashion-mnist/deployment.yml" --input "$images" --output "$out.out" \
  >"$out.log" 2>&1
end=$(date +%s.%N)
# the CPU split: a run under perf
rm -rf "$out.perf-out"
JAVA_OPTS="${JAVA_OPTS:-} -XX:+PreserveFramePointer -XX:+UnlockDiagnosticVMOptions -XX:+DumpPerfMapAtExit" \
  /usr/bin/time -f '%e %U %S' -o "$out.perf-time" \
  perf record -q -F 499 -g -o "$out.data" -- "$root/bin/batchscore" run \
  --deployment "$root/examples/fashion-mnist/deployment.yml" --input "$images" --output "$out.perf-out" \
  >"$out.perf-log" 2>&1
perf script -i "$out.data" -F comm,tid,time,ip,sym,dso 2>/dev/null | python3 "$here/classify.py" >"$out.cpu.md"
for pid in $(perf script -i "$out.data" -F comm,pid 2>/dev/null | awk '$1 == "java" {print $2}' | sort -u); do
  if [ -f "/tmp/perf-$pid.map" ]; then mv "/tmp/perf-$pid.map" "$out.perf-$pid.map"; fi
done
python3 - "$start" "$end" "$out.out" "$out.time" >"$out.wall.md" <<'PY'
import datetime, glob, sys
start, end, folder, timefile = float(sys.argv[1]), float(sys.argv[2]), sys.argv[3], sys.argv[4]
def t(line):
    d = datetime.datetime.strptime(line[:23], "%Y-%m-%d %H:%M:%S,%f")
    return d.replace(tzinfo=datetime.datetime.now().astimezone().tzinfo).timestamp()
init, runs = [], []
for f in glob.glob(folder + "/logs/user/stdout/*/*.txt"):
    for line in open(f):
        if "] Init started" in line:
            init.append(t(line))
        elif "] run mini-batch " in line:
            runs.append(t(line))
wall, user, sys_ = open(timefile).read().split()[-3:]
phases = [("start-up: JVM, CLI, deployment, job set-up", start, min(init)),
          ("worker init (ONNX Runtime session)", min(init), min(runs)),
          ("scoring (first to last mini-batch)", min(runs), max(runs)),
          ("end: last commit, report, metrics, JVM exit", max(runs), end)]
print("| phase | wall s |\n| --- | --- |")
for name, a, b in phases:
    print("| %s | %.2f |" % (name, b - a))
print("| whole command | %.2f (CPU %.2f) |" % (end - start, float(user) + float(sys_)))
pw, pu, ps = open(timefile.replace(".time", ".perf-time")).read().split()[-3:]
print("\nUnder perf: %.2f s wall, %.2f s CPU." % (float(pw), float(pu) + float(ps)))
PY
cat "$out.wall.md" "$out.cpu.md"
