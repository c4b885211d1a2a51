package io.batchscore.service.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * A compute target, as {@code az ml compute show} prints it. {@code amlcompute} means this
 * machine: {@code max_instances} caps a deployment's {@code resources.instance_count}. {@code
 * spark} is an Apache Spark cluster: a job of a deployment on it runs its mini-batches on the
 * cluster's executors ({@code batchscore run --set compute=spark:MASTER}).
 *
 * @param id {@code azureml:NAME}
 * @param name its name
 * @param type {@code amlcompute} or {@code spark}
 * @param master the Spark master URL of a {@code spark} compute, null for {@code amlcompute}
 * @param size the VM size the YAML names (kept, not used locally)
 * @param minInstances {@code min_instances}
 * @param maxInstances {@code max_instances}
 * @param description free text, or null
 * @param provisioningState {@code Succeeded}
 * @param createdAt when it was created (ISO-8601)
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ComputeInfo(
    String id,
    String name,
    String type,
    String master,
    String size,
    int minInstances,
    int maxInstances,
    String description,
    String provisioningState,
    String createdAt) {}
