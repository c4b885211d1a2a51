package io.batchscore.service.auth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.batchscore.core.deployment.SecretNames;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;

/**
 * Keeps secrets out of what people read. Values of environment variables whose names look secret
 * (holding {@code TOKEN}, {@code SECRET}, {@code PASSWORD} or {@code KEY}, in any case: the rule
 * of {@link SecretNames}) are shown as {@value #MASK} in documents, logs and pages, whether they
 * stand in an {@code environment_variables} object or as a job's {@code --set
 * environment_variables.NAME} override; {@link SecretYaml} does the same to stored YAML text. A
 * job's child process gets an environment without the client's {@link #CLIENT_VARIABLES}.
 */
public final class SecretMasker {

  /** What a secret value is shown as. */
  public static final String MASK = SecretNames.MASK;

  /** The variables that carry the client's own credentials, never passed to a job's process. */
  public static final Set<String> CLIENT_VARIABLES =
      Set.of("BATCHSCORE_TOKEN", "BATCHSCORE_CREDENTIALS");

  private SecretMasker() {}

  /**
   * @param name an environment variable's name
   * @return whether its value must be masked
   */
  public static boolean isSecretName(String name) {
    return SecretNames.isSecret(name);
  }

  /**
   * @param environment variables and values
   * @return a copy, in the same order, with the secret-looking values masked
   */
  public static Map<String, String> mask(Map<String, String> environment) {
    return SecretNames.mask(environment);
  }

  /**
   * @param overrides a job's {@code --set} keys and values
   * @return a copy, in the same order, with the values of secret-looking {@code
   *     environment_variables.NAME} keys masked
   */
  public static Map<String, String> maskOverrides(Map<String, String> overrides) {
    Map<String, String> masked = new java.util.LinkedHashMap<>();
    overrides.forEach(
        (key, value) -> masked.put(key, SecretNames.isSecretSetting(key) ? MASK : value));
    return masked;
  }

  /**
   * Masks, in place, the secret-looking values of every {@code environment_variables} object
   * anywhere in a JSON document (a deployment as shown, a job's settings), and of every {@code
   * environment_variables.NAME} field (a job's overrides).
   *
   * @param document the document to mask
   * @return the same document
   */
  public static JsonNode maskDocument(JsonNode document) {
    if (document instanceof ObjectNode object) {
      Iterator<Map.Entry<String, JsonNode>> fields = object.fields();
      while (fields.hasNext()) {
        Map.Entry<String, JsonNode> field = fields.next();
        if (field.getKey().equals("environment_variables") && field.getValue().isObject()) {
          ObjectNode variables = (ObjectNode) field.getValue();
          variables
              .fieldNames()
              .forEachRemaining(
                  name -> {
                    if (isSecretName(name)) {
                      variables.put(name, MASK);
                    }
                  });
        } else if (SecretNames.isSecretSetting(field.getKey())) {
          field.setValue(object.textNode(MASK));
        } else {
          maskDocument(field.getValue());
        }
      }
    } else if (document != null && document.isArray()) {
      document.forEach(SecretMasker::maskDocument);
    }
    return document;
  }

  /**
   * Removes, in place, the client's credential variables from a child process's environment.
   *
   * @param environment a {@link ProcessBuilder#environment()}
   * @return the same map
   */
  public static Map<String, String> withoutClientCredentials(Map<String, String> environment) {
    CLIENT_VARIABLES.forEach(environment::remove);
    return environment;
  }
}
