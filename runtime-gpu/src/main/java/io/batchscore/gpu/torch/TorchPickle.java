package io.batchscore.gpu.torch;

import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import net.razorvine.pickle.IObjectConstructor;
import net.razorvine.pickle.PickleException;
import net.razorvine.pickle.Unpickler;

/**
 * The Python objects of a {@code torch.save} pickle, as {@code net.razorvine:pickle} constructs
 * them: storage types, tensors waiting for their storage, and {@code collections.OrderedDict}
 * ({@link PickledOrderedDict}).
 *
 * <p>The library keeps constructors in one process-wide table; registering them here overrides
 * {@code collections.OrderedDict} (to keep key order and accept {@code _metadata}) and adds the
 * {@code torch} callables, for every unpickler in the JVM.
 */
final class TorchPickle {

  /** Storage classes a {@code torch.save} file may name, with their element sizes. */
  private static final Map<String, Integer> STORAGE_TYPES =
      Map.ofEntries(
          Map.entry("FloatStorage", 4),
          Map.entry("DoubleStorage", 8),
          Map.entry("HalfStorage", 2),
          Map.entry("BFloat16Storage", 2),
          Map.entry("LongStorage", 8),
          Map.entry("IntStorage", 4),
          Map.entry("ShortStorage", 2),
          Map.entry("CharStorage", 1),
          Map.entry("ByteStorage", 1),
          Map.entry("BoolStorage", 1),
          Map.entry("ComplexFloatStorage", 8),
          Map.entry("ComplexDoubleStorage", 16),
          Map.entry("QInt8Storage", 1),
          Map.entry("QUInt8Storage", 1),
          Map.entry("QInt32Storage", 4));

  private static final AtomicLong SEQUENCE = new AtomicLong();

  static {
    for (Map.Entry<String, Integer> e : STORAGE_TYPES.entrySet()) {
      Unpickler.registerConstructor("torch", e.getKey(), new StorageType(e.getKey(), e.getValue()));
    }
    Unpickler.registerConstructor("torch._utils", "_rebuild_tensor_v2", TorchPickle::rebuildTensor);
    Unpickler.registerConstructor("torch._utils", "_rebuild_parameter", args -> args[0]);
    Unpickler.registerConstructor("collections", "OrderedDict", TorchPickle::orderedDict);
  }

  private TorchPickle() {}

  /** Makes sure the constructors are registered. */
  static void register() {
    // the static initializer does the work
  }

  /**
   * A {@code torch.XStorage} class named in a persistent id.
   *
   * @param name such as {@code FloatStorage}
   * @param elementSize bytes per element
   */
  record StorageType(String name, int elementSize) implements IObjectConstructor {
    @Override
    public Object construct(Object[] args) {
      throw new PickleException("torch." + name + " cannot be built from a pickle");
    }

    @Override
    public String toString() {
      return "torch." + name;
    }
  }

  /**
   * A storage a persistent id names, with its raw bytes.
   *
   * @param type its element type
   * @param key its entry under {@code <archive>/data/}
   * @param numel the number of elements
   * @param bytes its bytes, at least {@code numel * elementSize}
   */
  record Storage(StorageType type, String key, long numel, java.nio.ByteBuffer bytes) {}

  /**
   * What {@code torch._utils._rebuild_tensor_v2(storage, offset, size, stride, ...)} describes.
   *
   * @param storage the storage, a {@link Storage} when the persistent id was read
   * @param offset the storage offset, in elements
   * @param size the sizes
   * @param stride the strides, in elements
   * @param sequence when it was built, increasing through the pickle: restores the dict's order,
   *     which the unpickler loses (it gathers dict items in a HashMap)
   */
  record TensorRef(Object storage, long offset, long[] size, long[] stride, long sequence) {}

  private static Object rebuildTensor(Object[] args) {
    if (args.length < 4) {
      throw new PickleException("_rebuild_tensor_v2 with " + args.length + " arguments");
    }
    return new TensorRef(
        args[0], toLong(args[1]), toLongs(args[2]), toLongs(args[3]), SEQUENCE.incrementAndGet());
  }

  private static Object orderedDict(Object[] args) {
    PickledOrderedDict dict = new PickledOrderedDict();
    if (args.length == 1 && args[0] instanceof Iterable<?> pairs) {
      for (Object pair : pairs) {
        Object[] kv = (Object[]) pair;
        dict.put(kv[0], kv[1]);
      }
    }
    return dict;
  }

  static long toLong(Object o) {
    if (o instanceof Number n) {
      return n.longValue();
    }
    throw new PickleException("expected an integer, got " + o);
  }

  static long[] toLongs(Object o) {
    if (o instanceof Object[] tuple) {
      long[] out = new long[tuple.length];
      for (int i = 0; i < tuple.length; i++) {
        out[i] = toLong(tuple[i]);
      }
      return out;
    }
    throw new PickleException("expected a tuple of integers, got " + o);
  }
}
