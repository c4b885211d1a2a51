package io.batchscore.core.deployment;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses sizes such as {@code 1MB}, {@code 512KB}, {@code 10 mb}, {@code 1.5MB} or {@code 100B}
 * into bytes. Units are case-insensitive and are powers of 1024 ({@code KB} = 1024 bytes, {@code
 * MB} = 1024², {@code GB} = 1024³); {@code KiB}, {@code MiB}, {@code GiB} and the one-letter forms
 * {@code K}, {@code M}, {@code G} mean the same. A fractional size rounds to the nearest byte.
 */
public final class ByteSize {
  private static final Pattern SIZE =
      Pattern.compile("(\\d+(?:\\.\\d+)?|\\.\\d+)\\s*([kmg]?)(i?b)?", Pattern.CASE_INSENSITIVE);

  private ByteSize() {}

  /**
   * @param text a size: a number, optional blanks, and a unit ({@code B}, {@code KB}, {@code MB},
   *     {@code GB}); a bare number is not a size
   * @return the size in bytes, at least 1
   * @throws IllegalArgumentException when {@code text} is not a size, has no unit, is zero, or
   *     does not fit in a {@code long}
   */
  public static long parse(String text) {
    checkNotNull(text, "text");
    Matcher m = SIZE.matcher(text.strip());
    checkArgument(m.matches(), "not a size such as 1MB: '%s'", text);
    String prefix = m.group(2).toLowerCase(Locale.ROOT);
    checkArgument(
        !prefix.isEmpty() || m.group(3) != null,
        "a size needs a unit such as KB or MB: '%s'",
        text);
    checkArgument(
        m.group(3) == null || !m.group(3).equalsIgnoreCase("ib") || !prefix.isEmpty(),
        "not a size such as 1MB: '%s'",
        text);
    BigDecimal bytes = new BigDecimal(m.group(1)).multiply(BigDecimal.valueOf(multiplier(prefix)));
    checkArgument(
        bytes.compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) <= 0, "size too large: '%s'", text);
    long rounded = bytes.setScale(0, RoundingMode.HALF_UP).longValueExact();
    checkArgument(rounded > 0, "size must be at least 1 byte: '%s'", text);
    return rounded;
  }

  private static long multiplier(String prefix) {
    return switch (prefix) {
      case "k" -> 1L << 10;
      case "m" -> 1L << 20;
      case "g" -> 1L << 30;
      default -> 1L;
    };
  }
}
