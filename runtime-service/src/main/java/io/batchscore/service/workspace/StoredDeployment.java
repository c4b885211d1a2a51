package io.batchscore.service.workspace;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A deployment as the database keeps it.
 *
 * @param endpointName its endpoint
 * @param name its name
 * @param description free text, or null
 * @param modelName the model it runs
 * @param modelVersion the version its reference resolved to
 * @param modelReference the reference as written ({@code azureml:NAME@latest}, or the path)
 * @param compute the compute it names, or null
 * @param document the deployment file the driver gets: the user's keys with the model and the
 *     code replaced by the workspace's copies
 * @param source the user's keys as given (paths made absolute), which updates start from
 * @param createdAt ISO-8601
 * @param updatedAt ISO-8601
 */
public record StoredDeployment(
    String endpointName,
    String name,
    String description,
    String modelName,
    int modelVersion,
    String modelReference,
    String compute,
    ObjectNode document,
    ObjectNode source,
    String createdAt,
    String updatedAt) {}
