package io.batchscore.gpu.torch;

import java.util.HashMap;
import java.util.LinkedHashMap;

/**
 * A Python {@code collections.OrderedDict} as {@link StateDictReader} unpickles it. Public only
 * because the unpickler calls {@link #__setstate__} reflectively; not meant for other use.
 */
public final class PickledOrderedDict extends LinkedHashMap<Object, Object> {
  private static final long serialVersionUID = 1L;

  /** Made by the unpickler. */
  public PickledOrderedDict() {}

  /**
   * Called by the unpickler's BUILD with the object's attributes ({@code _metadata} for a state
   * dict: per-module versions, which a Java module has no use for); ignored.
   *
   * @param state the attributes
   */
  public void __setstate__(HashMap<?, ?> state) {
    // ignored
  }
}
