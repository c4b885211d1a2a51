package io.batchscore.service.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.Map;

/**
 * A data asset version, as {@code az ml data show} prints it.
 *
 * @param id {@code azureml:NAME:VERSION}
 * @param name its name
 * @param version its version
 * @param type {@code uri_folder} or {@code uri_file}
 * @param path the workspace's copy, or the linked path itself
 * @param sourcePath the path it was created from
 * @param linked true when the asset is referenced in place ({@code --link}) rather than copied
 * @param digest for a copy, SHA-256 of its files; for a link, the digest of its listing (names,
 *     sizes, modification times) at creation
 * @param description free text, or null
 * @param tags free key/value pairs
 * @param createdAt when it was created (ISO-8601)
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DataInfo(
    String id,
    String name,
    String version,
    String type,
    String path,
    String sourcePath,
    boolean linked,
    String digest,
    String description,
    Map<String, String> tags,
    String createdAt) {}
