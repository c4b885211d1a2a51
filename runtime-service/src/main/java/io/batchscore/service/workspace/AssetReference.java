package io.batchscore.service.workspace;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A reference to a registered asset as the cloud writes it: {@code azureml:NAME:VERSION}, {@code
 * azureml:NAME@latest}, or the long form {@code azureml:/.../models/NAME/versions/VERSION}.
 *
 * @param name the asset's name
 * @param version its version, or null for the latest
 */
public record AssetReference(String name, String version) {

  private static final Pattern LONG =
      Pattern.compile("azureml:/.*/(?:models|data|datasets)/([^/]+)/versions/([^/]+)");

  /**
   * @param text a value from a YAML file or the command line
   * @return whether it is an {@code azureml:} asset reference (not an {@code azureml://} address)
   */
  public static boolean isReference(String text) {
    return text.startsWith("azureml:") && !text.startsWith("azureml://");
  }

  /**
   * @param text an {@code azureml:} reference
   * @return its parts, or null when it is not of a known form
   */
  public static AssetReference parse(String text) {
    Matcher m = LONG.matcher(text);
    if (m.matches()) {
      return new AssetReference(m.group(1), m.group(2));
    }
    String rest = text.substring("azureml:".length());
    if (rest.isEmpty() || rest.startsWith("/")) {
      return null;
    }
    int at = rest.lastIndexOf('@');
    if (at > 0) {
      String label = rest.substring(at + 1);
      return label.equals("latest") ? new AssetReference(rest.substring(0, at), null) : null;
    }
    int colon = rest.indexOf(':');
    if (colon > 0) {
      return new AssetReference(rest.substring(0, colon), rest.substring(colon + 1));
    }
    return new AssetReference(rest, null);
  }
}
