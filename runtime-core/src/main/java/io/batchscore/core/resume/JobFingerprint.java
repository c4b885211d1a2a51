package io.batchscore.core.resume;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.batchscore.core.deployment.Deployment;
import io.batchscore.core.deployment.SecretNames;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * What makes two runs the same job, so that {@code --resume} only continues the job it
 * interrupted: the settings that shape the output and the input's path. Kept in {@code
 * logs/sys/job_state.json}, written as the job starts. The input's contents are checked
 * separately, mini-batch by mini-batch: each commit records the source's listing digest (see
 * {@link io.batchscore.core.input.MiniBatchSource#listingDigest()}).
 *
 * <p>The file is readable by whoever may read the job's outputs, so the values of secret-looking
 * {@code environment_variables} ({@link SecretNames}) are kept only as a salted PBKDF2 digest
 * ({@code pbkdf2-sha256:HEX}, the salt under {@link #SECRETS_SALT}): a resume still notices that
 * a secret changed, and nobody reads it back. A fingerprint an earlier BatchScore wrote (values in
 * clear, no salt) is still compared, never quoted, and is replaced when the resumed job starts.
 */
public final class JobFingerprint {

  /** The key of the salt of the secret values' digests. */
  public static final String SECRETS_SALT = "environment_variables.salt";

  private static final String ENVIRONMENT = "environment_variables";
  private static final int ITERATIONS = 10_000; // tens of milliseconds a value in a cold JVM
  private static final JsonFactory JSON = new JsonFactory();

  /** The mapper that reads a fingerprint back: made only when a job is resumed. */
  private static final class Reader {
    static final ObjectMapper MAPPER = new ObjectMapper();
  }

  private JobFingerprint() {}

  /**
   * @param d the deployment
   * @param input the input file or folder
   * @return the fingerprint, field by field, its secret values digested with a new salt
   */
  public static Map<String, String> of(Deployment d, Path input) {
    byte[] salt = new byte[16];
    new SecureRandom().nextBytes(salt);
    return of(d, input, HexFormat.of().formatHex(salt));
  }

  private static Map<String, String> of(Deployment d, Path input, String salt) {
    Map<String, String> f = new LinkedHashMap<>();
    f.put("model.path", d.modelPath().toString());
    f.put("code_configuration.code", d.code().map(Path::toString).orElse(""));
    f.put("code_configuration.scoring_script", d.scorerClass());
    f.put("mini_batch_size", d.miniBatchSize().toString());
    f.put("output_action", d.outputAction().toString());
    f.put("output_file_name", d.outputFileName());
    f.put(ENVIRONMENT, environment(d.environmentVariables(), salt));
    f.put(SECRETS_SALT, salt);
    f.put("isolate_failed_items", String.valueOf(d.isolateFailures()));
    f.put("input", input.toString());
    return f;
  }

  /** The variables in name order, each secret value replaced by its digest. */
  private static String environment(Map<String, String> variables, String salt) {
    Map<String, String> shown = new TreeMap<>();
    variables.forEach(
        (name, value) -> shown.put(name, SecretNames.isSecret(name) ? digest(value, salt) : value));
    return shown.toString();
  }

  private static String digest(String value, String salt) {
    try {
      PBEKeySpec spec =
          new PBEKeySpec(value.toCharArray(), HexFormat.of().parseHex(salt), ITERATIONS, 128);
      byte[] hash =
          SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
      spec.clearPassword();
      return "pbkdf2-sha256:" + HexFormat.of().formatHex(hash);
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      throw new IllegalStateException("cannot digest a secret value: " + e.getMessage(), e);
    }
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
   * @param d this run's deployment
   * @param input this run's input
   * @return one line per setting that differs, empty when they match, never a secret value in
   *     clear; checksums are compared by {@link #changedContents}
   */
  public static List<String> differences(Map<String, String> before, Deployment d, Path input) {
    String salt = before.get(SECRETS_SALT);
    boolean clear = salt == null; // an earlier BatchScore's file: every value in clear
    Map<String, String> now = clear ? of(d, input) : of(d, input, salt);
    List<String> diffs = new ArrayList<>();
    for (Map.Entry<String, String> e : now.entrySet()) {
      String key = e.getKey();
      if (key.equals(MODEL_CHECKSUM) || key.equals(CODE_CHECKSUM) || key.equals(SECRETS_SALT)) {
        continue;
      }
      String was = before.get(key);
      if (key.equals(ENVIRONMENT) && clear) {
        if (!new TreeMap<>(d.environmentVariables()).toString().equals(was)) {
          diffs.add(
              ENVIRONMENT
                  + " differ from those of the interrupted job (its values are not repeated:"
                  + " some may be secret), now '"
                  + e.getValue()
                  + "'");
        }
      } else if (!e.getValue().equals(was)) {
        diffs.add(key + " was '" + was + "', now '" + e.getValue() + "'");
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
