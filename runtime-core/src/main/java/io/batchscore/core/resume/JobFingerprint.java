package io.batchscore.core.resume;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.batchscore.core.deployment.Deployment;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What makes two runs the same job, so that {@code --resume} only continues the job it
 * interrupted: the settings that shape the output and the input's path. Kept in {@code
 * logs/sys/job_state.json}, written as the job starts. The input's contents are checked
 * separately, mini-batch by mini-batch: each commit records the source's listing digest (see
 * {@link io.batchscore.core.input.MiniBatchSource#listingDigest()}).
 */
public final class JobFingerprint {

  private static final JsonFactory JSON = new JsonFactory();

  /** The mapper that reads a fingerprint back: made only when a job is resumed. */
  private static final class Reader {
    static final ObjectMapper MAPPER = new ObjectMapper();
  }

  private JobFingerprint() {}

  /**
   * @param d the deployment
   * @param input the input file or folder
   * @return the fingerprint, field by field
   */
  public static Map<String, String> of(Deployment d, Path input) {
    Map<String, String> f = new LinkedHashMap<>();
    f.put("model.path", d.modelPath().toString());
    f.put("code_configuration.code", d.code().map(Path::toString).orElse(""));
    f.put("code_configuration.scoring_script", d.scorerClass());
    f.put("mini_batch_size", d.miniBatchSize().toString());
    f.put("output_action", d.outputAction().toString());
    f.put("output_file_name", d.outputFileName());
    f.put("environment_variables", new TreeMap<>(d.environmentVariables()).toString());
    f.put("isolate_failed_items", String.valueOf(d.isolateFailures()));
    f.put("input", input.toString());
    return f;
  }

  /**
   * @param file where to write
   * @param fingerprint the fingerprint
   * @throws IOException when it cannot be written
   */
  public static void write(Path file, Map<String, String> fingerprint) throws IOException {
    // Jackson's streaming generator: no ObjectMapper serializers to build at every job's start
    try (OutputStream out = Files.newOutputStream(file);
        JsonGenerator g = JSON.createGenerator(out).useDefaultPrettyPrinter()) {
      g.writeStartObject();
      for (Map.Entry<String, String> e : fingerprint.entrySet()) {
        g.writeStringField(e.getKey(), e.getValue());
      }
      g.writeEndObject();
    }
  }

  /**
   * @param file a job's {@code job_state.json}
   * @return its fingerprint
   * @throws IOException when it cannot be read
   */
  public static Map<String, String> read(Path file) throws IOException {
    return Reader.MAPPER.readValue(
        file.toFile(), new TypeReference<LinkedHashMap<String, String>>() {});
  }

  /** The key of the model's {@link ContentChecksum} in a fingerprint. */
  public static final String MODEL_CHECKSUM = "model.checksum";

  /** The key of the scorer code's {@link ContentChecksum}: empty for the class path. */
  public static final String CODE_CHECKSUM = "code_configuration.code.checksum";

  /**
   * @param before the interrupted job's fingerprint
   * @param now this run's
   * @return one line per setting that differs, empty when they match; checksums are compared by
   *     {@link #changedContents}
   */
  public static List<String> differences(Map<String, String> before, Map<String, String> now) {
    List<String> diffs = new ArrayList<>();
    for (Map.Entry<String, String> e : now.entrySet()) {
      if (e.getKey().equals(MODEL_CHECKSUM) || e.getKey().equals(CODE_CHECKSUM)) {
        continue;
      }
      String was = before.get(e.getKey());
      if (!e.getValue().equals(was)) {
        diffs.add(e.getKey() + " was '" + was + "', now '" + e.getValue() + "'");
      }
    }
    return diffs;
  }

  /**
   * @param before the interrupted job's fingerprint
   * @param now this run's, with its checksums
   * @return what changed since: {@code the model (model.path ...)}, {@code the scorer code
   *     (...)}; empty when neither did
   */
  public static List<String> changedContents(Map<String, String> before, Map<String, String> now) {
    List<String> changed = new ArrayList<>();
    if (!now.get(MODEL_CHECKSUM).equals(before.get(MODEL_CHECKSUM))) {
      changed.add("the model (model.path " + now.get("model.path") + ")");
    }
    if (!now.get(CODE_CHECKSUM).equals(before.get(CODE_CHECKSUM))) {
      changed.add(
          "the scorer code (code_configuration.code " + now.get("code_configuration.code") + ")");
    }
    return changed;
  }
}
