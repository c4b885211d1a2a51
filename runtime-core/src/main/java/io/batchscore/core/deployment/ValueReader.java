package io.batchscore.core.deployment;

import com.fasterxml.jackson.databind.JsonNode;
import io.batchscore.core.deployment.FlatSettings.Entry;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;

/**
 * Turns one YAML value into a Java value, or fails with a message naming the file, the key as the
 * user wrote it, the value, and what was expected: {@code deployment.yml: mini_batch_size:
 * expected a positive integer or a size such as 1MB, got 'ten'}.
 */
final class ValueReader {
  private static final int MAX_SHOWN = 80;

  private final String file;
  private final Path baseDir;

  /**
   * @param file the file's name, for messages
   * @param baseDir the folder relative paths resolve against
   */
  ValueReader(String file, Path baseDir) {
    this.file = file;
    this.baseDir = baseDir;
  }

  /** @return the file's name, for messages */
  String file() {
    return file;
  }

  /** @return the value as a message shows it: text as it is, nothing as {@code nothing} */
  static String show(JsonNode node) {
    String text = node.isValueNode() ? node.asText() : node.toString();
    return text.length() > MAX_SHOWN ? text.substring(0, MAX_SHOWN) + "..." : text;
  }

  /** @return the failure for {@code entry}, which is not {@code expected} */
  DeploymentException invalid(Entry entry, String expected) {
    String got = entry.value().isNull() ? "nothing" : "'" + show(entry.value()) + "'";
    return new DeploymentException(
        String.format("%s: %s: expected %s, got %s", file, entry.where(), expected, got));
  }

  /** @return the failure for {@code entry}, explained by {@code reason} */
  DeploymentException invalidBecause(Entry entry, String reason) {
    return new DeploymentException(String.format("%s: %s: %s", file, entry.where(), reason));
  }

  /** @return a non-blank scalar as text */
  String text(Entry entry, String expected) {
    JsonNode node = entry.value();
    if (!node.isValueNode() || node.isNull() || node.asText().isBlank()) {
      throw invalid(entry, expected);
    }
    return node.asText().strip();
  }

  /** @return any scalar as text; nothing is an empty string */
  String anyScalar(Entry entry) {
    JsonNode node = entry.value();
    if (!node.isValueNode()) {
      throw invalid(entry, "a plain value (text or number)");
    }
    return node.isNull() ? "" : node.asText();
  }

  /** @return an integer of at least {@code min} */
  int intAtLeast(Entry entry, int min) {
    String expected = min == 1 ? "a positive integer" : "an integer of at least " + min;
    long value = longAtLeast(entry, min, expected);
    if (value > Integer.MAX_VALUE) {
      throw invalid(entry, expected);
    }
    return (int) value;
  }

  /** @return an integer of at least {@code min}, from a number or a text of digits */
  long longAtLeast(Entry entry, long min, String expected) {
    Long value = integer(entry.value());
    if (value == null || value < min) {
      throw invalid(entry, expected);
    }
    return value;
  }

  /** @return the integer in {@code node}, or null when it holds none */
  static Long integer(JsonNode node) {
    if (node.isIntegralNumber()) {
      return node.canConvertToLong() ? node.longValue() : null;
    }
    if (node.isTextual() && node.asText().strip().matches("[-+]?\\d+")) {
      try {
        return Long.parseLong(node.asText().strip());
      } catch (NumberFormatException e) {
        return null;
      }
    }
    return null;
  }

  /** @return a boolean, from {@code true}/{@code false} in any case */
  boolean bool(Entry entry) {
    JsonNode node = entry.value();
    if (node.isBoolean()) {
      return node.booleanValue();
    }
    String text = node.isTextual() ? node.asText().strip() : "";
    if (text.equalsIgnoreCase("true") || text.equalsIgnoreCase("false")) {
      return Boolean.parseBoolean(text.toLowerCase(Locale.ROOT));
    }
    throw invalid(entry, "true or false");
  }

  /** @return a positive number of seconds, integer or decimal, as a duration */
  Duration positiveSeconds(Entry entry) {
    String expected = "a positive number of seconds such as 30 or 2.5";
    JsonNode node = entry.value();
    BigDecimal seconds;
    try {
      if (node.isNumber()) {
        seconds = node.decimalValue();
      } else if (node.isTextual()) {
        seconds = new BigDecimal(node.asText().strip());
      } else {
        throw invalid(entry, expected);
      }
      long nanos = seconds.movePointRight(9).setScale(0, RoundingMode.HALF_UP).longValueExact();
      if (nanos <= 0) {
        throw invalid(entry, expected);
      }
      return Duration.ofNanos(nanos);
    } catch (NumberFormatException | ArithmeticException e) {
      throw invalid(entry, expected);
    }
  }

  /**
   * @return a local path, resolved against the base folder, absolute and normalised; its existence
   *     is not checked
   */
  Path path(Entry entry, String expected) {
    String text = text(entry, expected);
    try {
      return baseDir.resolve(text).toAbsolutePath().normalize();
    } catch (InvalidPathException e) {
      throw invalidBecause(entry, "'" + text + "' is not a valid path: " + e.getReason());
    }
  }
}
