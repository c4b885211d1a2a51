package io.batchscore.core.deployment;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Which {@code environment_variables} hold secrets: those whose names contain {@code TOKEN},
 * {@code SECRET}, {@code PASSWORD} or {@code KEY}, in any case. Their values reach the scorer as
 * given but are never written in clear where people read: logs, job folders, documents, pages.
 * The one place this rule is written; the workspace service's masking reads it.
 */
public final class SecretNames {

  /** What a secret value is shown as. */
  public static final String MASK = "****";

  private static final String[] SECRET_WORDS = {"TOKEN", "SECRET", "PASSWORD", "KEY"};

  private static final String DOTTED = DeploymentKeys.ENVIRONMENT_VARIABLES + ".";

  private SecretNames() {}

  /**
   * @param name an environment variable's name
   * @return whether its value is a secret
   */
  public static boolean isSecret(String name) {
    String upper = name.toUpperCase(Locale.ROOT);
    for (String word : SECRET_WORDS) {
      if (upper.contains(word)) {
        return true;
      }
    }
    return false;
  }

  /**
   * @param key a dotted setting, as {@code --set} takes it
   * @return whether it is {@code environment_variables.NAME} with a secret-looking {@code NAME}
   */
  public static boolean isSecretSetting(String key) {
    return key.startsWith(DOTTED) && isSecret(key.substring(DOTTED.length()));
  }

  /**
   * @param environment variables and values
   * @return a copy, in the same order, with the secret values shown as {@link #MASK}
   */
  public static Map<String, String> mask(Map<String, String> environment) {
    Map<String, String> masked = new LinkedHashMap<>();
    environment.forEach((name, value) -> masked.put(name, isSecret(name) ? MASK : value));
    return masked;
  }

  /**
   * @param override a {@code --set KEY=VALUE} argument
   * @return the same with the value shown as {@link #MASK} when the key is a secret setting
   */
  public static String maskOverride(String override) {
    int eq = override.indexOf('=');
    return eq > 0 && isSecretSetting(override.substring(0, eq).strip())
        ? override.substring(0, eq + 1) + MASK
        : override;
  }
}
