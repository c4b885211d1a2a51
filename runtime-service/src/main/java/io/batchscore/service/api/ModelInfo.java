package io.batchscore.service.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.Map;

/**
 * A model version, as {@code az ml model show} prints it.
 *
 * @param id {@code azureml:NAME:VERSION}
 * @param name the model's name
 * @param version its version (a positive integer, as text)
 * @param type {@code custom_model}, {@code mlflow_model} or {@code triton_model}
 * @param path where the workspace keeps its copy: the model root ({@code AZUREML_MODEL_DIR}),
 *     holding the registered file or folder under its own name
 * @param modelDir what a Java scorer gets as {@code modelDir()}: the registered folder, or the
 *     root holding a registered file
 * @param sourcePath the file or folder it was registered from
 * @param checksum SHA-256 of the copied files (names and contents)
 * @param description free text, or null
 * @param tags free key/value pairs
 * @param stage {@code Development}, or {@code Archived} once archived
 * @param createdAt when it was registered (ISO-8601)
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ModelInfo(
    String id,
    String name,
    String version,
    String type,
    String path,
    String modelDir,
    String sourcePath,
    String checksum,
    String description,
    Map<String, String> tags,
    String stage,
    String createdAt) {}
