package io.batchscore.service.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.Map;

/**
 * A batch endpoint, as {@code az ml batch-endpoint show} prints it.
 *
 * @param name its name
 * @param description free text, or null
 * @param authMode {@code aad_token} (the cloud's batch endpoints), or {@code key}
 * @param scoringUri where a POST starts a job: the workspace's server address followed by
 *     {@code /endpoints/NAME/jobs}
 * @param defaults {@code deployment_name}: the default deployment, absent when there is none
 * @param tags free key/value pairs
 * @param provisioningState {@code Succeeded}
 * @param createdAt when it was created (ISO-8601)
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record EndpointInfo(
    String name,
    String description,
    String authMode,
    String scoringUri,
    Map<String, String> defaults,
    Map<String, String> tags,
    String provisioningState,
    String createdAt) {}
