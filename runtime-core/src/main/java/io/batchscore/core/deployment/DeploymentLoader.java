package io.batchscore.core.deployment;

import static com.google.common.base.Preconditions.checkNotNull;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.databind.JsonNode;
import com.google.common.io.MoreFiles;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;

/**
 * Reads a batch deployment YAML file into a {@link Deployment}: keys at the top level (as older
 * files have them) or under {@code settings:} (newer schema), defaults for what is missing, then
 * the launcher's {@code --set KEY=VALUE} overrides. Everything a user can get wrong fails here with
 * a {@link DeploymentException} whose message names the file, the key and the value.
 *
 * <p>Relative paths resolve against the file's folder. Whether the model and code paths exist is
 * not checked here: the job checks it, so that {@code --set model.path=...} can fix a file. Keys
 * that mean something only in the cloud ({@code environment}, {@code compute}, ...) are accepted
 * and listed in {@link Deployment#ignoredKeys()} for the caller to log.
 */
public final class DeploymentLoader {
  /** The label that stands for the file in messages about a deployment given as a string. */
  public static final String INLINE = "<inline>";

  private DeploymentLoader() {}

  /**
   * @param file the deployment YAML file
   * @param overrides {@code KEY=VALUE} strings from {@code --set}, applied in order; a dotted key
   *     reaches into a mapping ({@code retry_settings.timeout=5}, {@code
   *     environment_variables.NAME=VALUE}) and a key works whether the file has it at the top level
   *     or under {@code settings:}
   * @return the deployment; its {@code source} is {@code file}, absolute
   * @throws DeploymentException when the file cannot be read, is not YAML, or has an unknown key,
   *     a bad value or a missing required key, or an override is malformed or unknown
   */
  public static Deployment load(Path file, List<String> overrides) {
    checkNotNull(file, "file");
    checkNotNull(overrides, "overrides");
    String yaml;
    try {
      yaml = Files.readString(file);
    } catch (NoSuchFileException e) {
      throw new DeploymentException(file + ": no such deployment file", e);
    } catch (CharacterCodingException e) {
      throw new DeploymentException(file + ": cannot read: not UTF-8 text", e);
    } catch (IOException e) {
      throw new DeploymentException(file + ": cannot read: " + e, e);
    }
    Path source = file.toAbsolutePath().normalize();
    String name = MoreFiles.getNameWithoutExtension(file);
    return parse(yaml, file.toString(), source, name, overrides);
  }

  /** Same as {@link #load(Path, List)} without overrides. */
  public static Deployment load(Path file) {
    return load(file, List.of());
  }

  /**
   * Reads a deployment given as a string, for tests and for embedding BatchScore.
   *
   * @param yaml the deployment YAML
   * @param baseDir the folder relative paths resolve against
   * @param overrides as for {@link #load(Path, List)}
   * @return the deployment; its {@code source} is {@code baseDir.resolve("<inline>")}, absolute,
   *     and messages name the file {@value #INLINE}; its name defaults to {@code inline}
   * @throws DeploymentException as for {@link #load(Path, List)}
   */
  public static Deployment fromYaml(String yaml, Path baseDir, List<String> overrides) {
    checkNotNull(yaml, "yaml");
    checkNotNull(baseDir, "baseDir");
    checkNotNull(overrides, "overrides");
    Path source = baseDir.toAbsolutePath().normalize().resolve(INLINE);
    return parse(yaml, INLINE, source, "inline", overrides);
  }

  /**
   * Reads which compute a deployment asks for: the last {@code --set compute=VALUE}, else the
   * file's {@code compute} key. The launcher hands a job to a {@code ComputePlugin} by it.
   *
   * @param file the deployment YAML file
   * @param overrides {@code KEY=VALUE} strings from {@code --set}; only {@code compute} is read
   * @return the compute, such as {@code spark:local[2]} or {@code azureml:cpu-cluster}
   * @throws DeploymentException when the file cannot be read or is not YAML
   */
  public static java.util.Optional<String> compute(Path file, List<String> overrides) {
    for (int i = overrides.size() - 1; i >= 0; i--) {
      String o = overrides.get(i);
      if (o.startsWith("compute=")) {
        return java.util.Optional.of(o.substring("compute=".length()).trim());
      }
    }
    String yaml;
    try {
      yaml = Files.readString(file);
    } catch (IOException e) {
      return java.util.Optional.empty(); // load() reports it
    }
    YamlDocument document = read(yaml, file.toString());
    return FlatSettings.of(file.toString(), document.root(), document.numbers())
        .get("compute")
        .map(e -> e.value().asText().trim());
  }

  private static Deployment parse(
      String yaml, String file, Path source, String defaultName, List<String> overrides) {
    YamlDocument document = read(yaml, file);
    FlatSettings flat = FlatSettings.of(file, document.root(), document.numbers());
    for (String override : overrides) {
      flat.override(checkNotNull(override, "override"));
    }
    ValueReader reader = new ValueReader(file, source.getParent());
    Deployment.Builder builder =
        Deployment.builder(source).name(defaultName).ignoredKeys(flat.ignoredKeys());
    for (DeploymentKey<?> key : DeploymentKeys.ALL) {
      key.read(flat, reader, builder);
    }
    return builder.build();
  }

  private static YamlDocument read(String yaml, String file) {
    YamlDocument document;
    try {
      document = YamlDocument.parse(yaml);
    } catch (JacksonException e) {
      JsonLocation where = e.getLocation();
      String at =
          where == null || where.getLineNr() < 0
              ? ""
              : " at line " + where.getLineNr() + ", column " + where.getColumnNr();
      String reason = e.getOriginalMessage().lines().findFirst().orElse("").strip();
      throw new DeploymentException(file + ": malformed YAML" + at + ": " + reason, e);
    } catch (IOException e) {
      throw new DeploymentException(file + ": malformed YAML: " + e.getMessage(), e);
    }
    JsonNode root = document.root();
    if (root == null || root.isMissingNode() || root.isNull()) {
      throw new DeploymentException(file + ": the deployment file is empty");
    }
    if (!root.isObject()) {
      throw new DeploymentException(
          file
              + ": expected a mapping of keys such as model: and mini_batch_size:, got '"
              + ValueReader.show(root)
              + "'");
    }
    return document;
  }
}
