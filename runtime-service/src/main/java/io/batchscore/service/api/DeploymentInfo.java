package io.batchscore.service.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A batch deployment, as {@code az ml batch-deployment show} prints it.
 *
 * @param name its name
 * @param endpointName its endpoint
 * @param description free text, or null
 * @param model the model version it runs, {@code azureml:NAME:VERSION}, or the workspace's copy
 *     of an inline model path
 * @param modelReference the reference as written ({@code azureml:model-batch@latest}), resolved
 *     when the deployment was created or its model updated
 * @param modelDir the driver's {@code model.path}: for a Java scorer the folder it gets as {@code
 *     modelDir()} (the registered folder, or the root holding a registered file); for a Python
 *     script the registered file or folder itself, which the driver keeps by name under {@code
 *     AZUREML_MODEL_DIR}
 * @param codeConfiguration {@code code} (the workspace's copy) and {@code scoring_script}
 * @param compute the compute it names, or null
 * @param settings the driver's settings as the deployment file gives them (mini-batch size,
 *     retries, output file name, environment variables...)
 * @param isDefault whether it is its endpoint's default deployment
 * @param provisioningState {@code Succeeded}
 * @param createdAt when it was created (ISO-8601)
 * @param updatedAt when it was last updated (ISO-8601)
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DeploymentInfo(
    String name,
    String endpointName,
    String description,
    String model,
    String modelReference,
    String modelDir,
    ObjectNode codeConfiguration,
    String compute,
    ObjectNode settings,
    boolean isDefault,
    String provisioningState,
    String createdAt,
    String updatedAt) {}
