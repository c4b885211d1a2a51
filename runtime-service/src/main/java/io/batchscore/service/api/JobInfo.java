package io.batchscore.service.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.Map;

/**
 * A batch scoring job, as {@code az ml job show} prints it (with BatchScore's counts).
 *
 * @param name the job's name ({@code batchjob-...})
 * @param displayName a short display name
 * @param type {@code pipeline}, as the cloud's batch jobs
 * @param status {@code Queued}, {@code Running}, {@code Completed}, {@code Failed} or {@code
 *     Canceled}
 * @param endpointName the endpoint invoked
 * @param deploymentName the deployment that ran it
 * @param model the model version it used, {@code azureml:NAME:VERSION} (or the inline path)
 * @param input the input path the driver read
 * @param inputType {@code uri_folder} or {@code uri_file}
 * @param outputPath the job's output folder (predictions and {@code logs/})
 * @param overrides the per-job settings ({@code mini_batch_size}, {@code --set} keys)
 * @param createdBy who invoked it (the subject of the token, or the local user)
 * @param creationTime when it was queued (ISO-8601)
 * @param startTime when its driver started, or null
 * @param endTime when it ended, or null
 * @param items items scored (succeeded plus failed), or null before the end
 * @param succeeded items that got a row
 * @param failed items that failed
 * @param error why it failed or was canceled, or null
 * @param attempts how many times a driver was started for it (resumes included)
 * @param studioUrl the job's page on the workspace's server
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record JobInfo(
    String name,
    String displayName,
    String type,
    String status,
    String endpointName,
    String deploymentName,
    String model,
    String input,
    String inputType,
    String outputPath,
    Map<String, String> overrides,
    String createdBy,
    String creationTime,
    String startTime,
    String endTime,
    Long items,
    Long succeeded,
    Long failed,
    String error,
    int attempts,
    String studioUrl) {}
