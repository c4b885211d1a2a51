package io.batchscore.service.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * The workspace's settings, as {@code batchscore workspace show} prints them.
 *
 * @param path the workspace folder
 * @param database the JDBC URL of its database
 * @param serverAddress the address scoring and studio URIs start with
 * @param maxConcurrentJobs how many jobs run at once
 * @param jobRetentionDays finished jobs older than this are cleaned up; 0 keeps them
 * @param datastore the default datastore's folder ({@code workspaceblobstore})
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record WorkspaceInfo(
    String path,
    String database,
    String serverAddress,
    int maxConcurrentJobs,
    int jobRetentionDays,
    String datastore) {}
