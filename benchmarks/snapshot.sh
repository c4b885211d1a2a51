#!/usr/bin/env bash
# snapshot.sh: copies what compare.sh and profile/profile.sh run of the current build into DIR,
# laid out as in the repository, so a later build can be measured against it:
#
#   benchmarks/snapshot.sh /tmp/bs-before       # after mvn -B package -DskipTests
#   ... change, rebuild ...
#   benchmarks/compare.sh --split train -n 60000 --base /tmp/bs-before
#   /tmp/bs-after/benchmarks/compare.sh ... --base /tmp/bs-before --pair   (two snapshots)
#   benchmarks/profile/profile.sh IMAGES /tmp/prof-before /tmp/bs-before
#
# Copies bin/, the launcher jar and its class-data archive, examples/target/scorer-onnx,
# examples/fashion-mnist/{deployment.yml,model} and the benchmarks jar (about 150 MB).
set -euo pipefail
dir=$1
root=$(cd "$(dirname "$0")/.." && pwd)
rm -rf "$dir"
mkdir -p "$dir/runtime-core/target" "$dir/examples/target" "$dir/examples/fashion-mnist" \
  "$dir/benchmarks/target"
cp -r "$root/bin" "$dir/"
cp -p "$root/runtime-core/target/batchscore.jar" "$dir/runtime-core/target/"
jsa="$root/runtime-core/target/batchscore.jsa"
if [ -f "$jsa" ] && [ "$jsa" -nt "$root/runtime-core/target/batchscore.jar" ]; then
  cp -p "$jsa" "$dir/runtime-core/target/" # else the snapshot's first run makes its own
fi
cp -r "$root/examples/target/scorer-onnx" "$dir/examples/target/"
cp -r "$root/examples/fashion-mnist/deployment.yml" "$root/examples/fashion-mnist/model" \
  "$dir/examples/fashion-mnist/"
cp "$root/benchmarks/target/benchmarks.jar" "$dir/benchmarks/target/"
echo "snapshot of $(git -C "$root" rev-parse --short HEAD)$(git -C "$root" diff --quiet || echo +) in $dir"
# what compare.sh needs to run from the snapshot itself (as the (a) build: DIR/benchmarks/compare.sh)
cp -r "$root/benchmarks/compare.sh" "$root/benchmarks/python" "$dir/benchmarks/"
mkdir -p "$dir/examples/target/scorer" "$dir/examples/fashion-mnist/tools"
cp "$root/examples/fashion-mnist/tools/"*.py "$dir/examples/fashion-mnist/tools/"
for d in "$root"/benchmarks/target/fashion-mnist-*; do
  [ -d "$d" ] && ln -s "$d" "$dir/benchmarks/target/"
done
