#!/usr/bin/env sh
# The seed's batch endpoint workflow on this machine, with the seed's YAML files: register the
# model, create the compute, the endpoint and its default deployment, register the data asset,
# invoke the endpoint, follow the job, download its predictions.
#
# Build first, from the repository's root:  mvn -B -q package -DskipTests
# Then:                                     examples/fashion-mnist/endpoint/deploy-and-run.sh
# BATCHSCORE_WORKSPACE picks the workspace (default here: target/fashion-mnist-workspace).
set -e
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../../.." && pwd)
bs="$root/bin/batchscore"
export BATCHSCORE_WORKSPACE="${BATCHSCORE_WORKSPACE:-$root/target/fashion-mnist-workspace}"
ENDPOINT=endpoint-batch

"$bs" model create -f "$here/model.yml" --query id -o tsv 2>/dev/null \
  || "$bs" model show -n model-batch --query id -o tsv
"$bs" compute create -f "$here/cluster-cpu.yml" --query name -o tsv
"$bs" batch-endpoint show --name "$ENDPOINT" --query name -o tsv 2>/dev/null \
  || "$bs" batch-endpoint create -f "$here/endpoint.yml" --name "$ENDPOINT" --query name -o tsv
"$bs" batch-deployment show --name blue --endpoint-name "$ENDPOINT" --query name -o tsv 2>/dev/null \
  || "$bs" batch-deployment create -f "$here/deployment.yml" --set-default --endpoint-name "$ENDPOINT" --query name -o tsv
"$bs" data create -f "$here/dataset-invoke.yml" --query id -o tsv

SCORING_URI=$("$bs" batch-endpoint show --name "$ENDPOINT" --query scoring_uri -o tsv)
echo "scoring URI (batchscore serve): $SCORING_URI"

JOB=$("$bs" batch-endpoint invoke --name "$ENDPOINT" --input azureml:dataset-invoke-batch@latest --query name -o tsv)
echo "job: $JOB ($("$bs" job show --name "$JOB" --query status -o tsv))"
"$bs" job stream --name "$JOB"
"$bs" job show --name "$JOB" --query "{status: status, model: model, items: items, failed: failed}" -o table
"$bs" job download --name "$JOB" --output-name score --download-path "$root/target/$JOB" --query path -o tsv
head -3 "$root/target/$JOB/named-outputs/score/predictions_pytorch.csv"
