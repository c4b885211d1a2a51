#!/usr/bin/env bash
# The seed's rest/invoke.sh against `batchscore serve`, changed only where Azure's names differ:
#   az account get-access-token --query accessToken -o tsv
#     -> batchscore token create --role invoker --query accessToken -o tsv
#   az ml batch-endpoint show --name E --query scoring_uri -o tsv
#     -> batchscore batch-endpoint show --name E --query scoring_uri -o tsv
# The subscription, resource group and workspace in the data URI are read but not needed: the
# server resolves .../data/NAME/versions/V to its own data asset NAME version V.
#
# Needs a workspace with the endpoint, its default deployment and the data asset (see the README's
# "Batch endpoints"), and a server on it: batchscore serve --workspace "$BATCHSCORE_WORKSPACE" &
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
batchscore=${BATCHSCORE:-$here/../../../bin/batchscore}

ENDPOINT_NAME=${ENDPOINT_NAME:-endpoint-batch}
DATASET_NAME=${DATASET_NAME:-dataset-invoke-batch}
DATASET_VERSION=${DATASET_VERSION:-1}
SUBSCRIPTION_ID=local
RESOURCE_GROUP=local
WORKSPACE=$(basename "${BATCHSCORE_WORKSPACE:-$HOME/.batchscore/workspace}")

SCORING_URI=$("$batchscore" batch-endpoint show --name $ENDPOINT_NAME --query scoring_uri -o tsv)

SCORING_TOKEN=$("$batchscore" token create --role invoker --query accessToken -o tsv)

curl --location --request POST $SCORING_URI \
--header "Authorization: Bearer $SCORING_TOKEN" \
--header "Content-Type: application/json" \
--data-raw "{
    \"properties\": {
        \"inputData\": {
            \"uriFolder\": {
                \"uri\": \"/subscriptions/$SUBSCRIPTION_ID/resourceGroups/$RESOURCE_GROUP/providers/Microsoft.MachineLearningServices/workspaces/$WORKSPACE/data/$DATASET_NAME/versions/$DATASET_VERSION\",
                \"jobInputType\": \"UriFolder\"
            },
        },
        \"outputData\": {
            \"uriFile\": {
                \"uri\": \"azureml://datastores/workspaceblobstore/paths/$ENDPOINT_NAME/batch-endpoint-output.csv\",
                \"jobOutputType\": \"UriFile\"
            },
        },
    },
}"
echo
