package io.batchscore.service.auth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Keeps secrets out of what people read. Values of environment variables whose names look secret
 * (holding {@code TOKEN}, {@code SECRET}, {@code PASSWORD} or {@code KEY}, in any case) are shown
 * as {@value #MASK} in documents, logs, reports and pages; and a job's child process gets an
 * environment without the client's {@link #CLIENT_VARIABLES}.
 */
public final class SecretMasker {

  /** What a secret value is shown as. */
  public static final String MASK = "****";

  /** The variables that carry the client's own credentials, never passed to a job's process. */
  public static final Set<String> CLIENT_VARIABLES =
      Set.of("BATCHSCORE_TOKEN", "BATCHSCORE_CREDENTIALS");

  private static final String[] SECRET_WORDS = {"TOKEN", "SECRET", "PASSWORD", "KEY"};

  private SecretMasker() {}

  /**
   * @param name an environment variable's name
   * @return whether its value must be masked
   */
  public static boolean isSecretName(String name) {
    String upper = name.toUpperCase(Locale.ROOT);
    for (String word : SECRET_WORDS) {
      if (upper.contains(word)) {
        return true;
      }
    }
    return false;
  }

  /**
   * @param environment variables and values
   * @return a copy, in the same order, with the secret-looking values masked
   */
  public static Map<String, String> mask(Map<String, String> environment) {
    Map<String, String> masked = new LinkedHashMap<>();
    environment.forEach((name, value) -> masked.put(name, isSecretName(name) ? MASK : value));
    return masked;
  }

  /**
   * Masks, in place, the secret-looking values of every {@code environment_variables} object
   * anywhere in a JSON document (a deployment as shown, a job's settings).
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
