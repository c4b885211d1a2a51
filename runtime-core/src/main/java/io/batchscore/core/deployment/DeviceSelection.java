package io.batchscore.core.deployment;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import com.google.common.base.Splitter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The {@code devices} key: {@code auto} (the CUDA devices when there are any, else the CPU),
 * {@code cpu}, {@code cuda} (every CUDA device; an error when there is none) or
 * {@code cuda:0,1} (those ordinals).
 *
 * @param mode which form was given
 * @param ordinals the ordinals listed for {@code cuda:N,M}; empty otherwise
 */
public record DeviceSelection(Mode mode, List<Integer> ordinals) {

  /** The forms of the {@code devices} key. */
  public enum Mode {
    /** GPUs when present, else CPU. */
    AUTO,
    /** CPU only. */
    CPU,
    /** All CUDA devices, or those listed. */
    CUDA
  }

  /** @return {@code auto}: the CUDA devices when there are any, else the CPU */
  public static DeviceSelection auto() {
    return new DeviceSelection(Mode.AUTO, List.of());
  }

  /**
   * @param text {@code auto}, {@code cpu}, {@code cuda} or {@code cuda:N,M,...} (case-insensitive,
   *     blanks allowed around the ordinals)
   * @return the selection
   * @throws IllegalArgumentException when {@code text} is none of these, or an ordinal is negative
   *     or repeated
   */
  public static DeviceSelection parse(String text) {
    checkNotNull(text, "text");
    String lower = text.strip().toLowerCase(Locale.ROOT);
    switch (lower) {
      case "auto":
        return auto();
      case "cpu":
        return new DeviceSelection(Mode.CPU, List.of());
      case "cuda":
        return new DeviceSelection(Mode.CUDA, List.of());
      default:
        break;
    }
    checkArgument(lower.startsWith("cuda:"), "not a device selection: '%s'", text);
    List<Integer> ordinals = new ArrayList<>();
    for (String part : Splitter.on(',').trimResults().split(lower.substring("cuda:".length()))) {
      checkArgument(part.matches("\\d{1,4}"), "not a CUDA ordinal: '%s' in '%s'", part, text);
      int ordinal = Integer.parseInt(part);
      checkArgument(!ordinals.contains(ordinal), "CUDA ordinal %s repeated in '%s'", ordinal, text);
      ordinals.add(ordinal);
    }
    return new DeviceSelection(Mode.CUDA, List.copyOf(ordinals));
  }

  @Override
  public String toString() {
    if (mode == Mode.CUDA && !ordinals.isEmpty()) {
      return "cuda:" + String.join(",", ordinals.stream().map(String::valueOf).toList());
    }
    return mode.name().toLowerCase(java.util.Locale.ROOT);
  }
}
