package io.batchscore.gpu.torch;

import io.batchscore.gpu.torch.TorchPickle.Storage;
import io.batchscore.gpu.torch.TorchPickle.StorageType;
import io.batchscore.gpu.torch.TorchPickle.TensorRef;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
import net.razorvine.pickle.PickleException;
import net.razorvine.pickle.Unpickler;

/**
 * Reads a file written by Python's {@code torch.save(model.state_dict(), path)} without Python
 * and without libtorch: the zip format of torch 1.6 and later ({@code <archive>/data.pkl} holding
 * the pickled dict, {@code <archive>/data/<key>} holding each storage's raw bytes, little-endian
 * unless {@code <archive>/byteorder} says {@code big}).
 *
 * <p>Tensors are rebuilt from their storage with its offset, sizes and strides (views and
 * non-contiguous tensors come out as contiguous copies). Only float32 ({@code torch.FloatStorage})
 * tensors are supported; any other type fails naming the key and the type. The pickle is read with
 * {@code net.razorvine:pickle}, which builds only the few torch objects registered for it ({@link
 * TorchPickle}), so arbitrary code in a hostile file is not run.
 */
public final class StateDictReader {

  private StateDictReader() {}

  /**
   * Reads a state dict.
   *
   * @param file a {@code .pth} / {@code .pt} file saved by {@code torch.save(state_dict)}
   * @return the tensors by key, in the file's order (the module's registration order)
   * @throws IOException naming the file when it cannot be read, is not a torch zip file, or
   *     holds something other than a dict of float32 tensors
   */
  public static Map<String, NamedTensor> read(Path file) throws IOException {
    TorchPickle.register();
    if (!Files.isRegularFile(file)) {
      throw new IOException(file + ": state dict file not found");
    }
    try (ZipFile zip = new ZipFile(file.toFile())) {
      return read(file, zip);
    } catch (ZipException e) {
      throw new IOException(
          file
              + ": not a PyTorch state dict (not a zip file: "
              + e.getMessage()
              + "); expected a file saved by torch.save with torch 1.6 or later",
          e);
    }
  }

  private static Map<String, NamedTensor> read(Path file, ZipFile zip) throws IOException {
    String prefix = archivePrefix(file, zip);
    ByteOrder order = byteOrder(zip, prefix);
    Object root;
    try (InputStream pickle = zip.getInputStream(zip.getEntry(prefix + "data.pkl"))) {
      root = new StorageUnpickler(file, zip, prefix, order).load(pickle);
    } catch (PickleException | ClassCastException | IllegalArgumentException e) {
      throw new IOException(file + ": cannot read " + prefix + "data.pkl: " + e.getMessage(), e);
    }
    if (!(root instanceof Map<?, ?> dict)) {
      throw new IOException(
          file + ": holds a " + typeName(root) + ", not a state dict (a dict of tensors)");
    }
    List<Map.Entry<String, TensorRef>> refs = new ArrayList<>();
    for (Map.Entry<?, ?> e : dict.entrySet()) {
      String name = String.valueOf(e.getKey());
      if (!(e.getValue() instanceof TensorRef ref)) {
        throw new IOException(
            file + ": entry '" + name + "' is a " + typeName(e.getValue()) + ", not a tensor");
      }
      refs.add(Map.entry(name, ref));
    }
    // the order in which the pickle built the tensors is the dict's order
    refs.sort(
        Comparator.comparingLong((Map.Entry<String, TensorRef> e) -> e.getValue().sequence())
            .thenComparing(Map.Entry::getKey));
    Map<String, NamedTensor> tensors = new LinkedHashMap<>();
    for (Map.Entry<String, TensorRef> e : refs) {
      tensors.put(e.getKey(), toTensor(file, e.getKey(), e.getValue()));
    }
    return Collections.unmodifiableMap(tensors);
  }

  /** The folder all entries sit in, such as {@code weights/}, found from its data.pkl. */
  private static String archivePrefix(Path file, ZipFile zip) throws IOException {
    Enumeration<? extends ZipEntry> entries = zip.entries();
    while (entries.hasMoreElements()) {
      String name = entries.nextElement().getName();
      int slash = name.indexOf('/');
      if (slash > 0 && name.substring(slash + 1).equals("data.pkl")) {
        return name.substring(0, slash + 1);
      }
    }
    throw new IOException(
        file + ": a zip file without <archive>/data.pkl, so not a file written by torch.save");
  }

  private static ByteOrder byteOrder(ZipFile zip, String prefix) throws IOException {
    ZipEntry entry = zip.getEntry(prefix + "byteorder");
    if (entry == null) {
      return ByteOrder.LITTLE_ENDIAN;
    }
    try (InputStream in = zip.getInputStream(entry)) {
      String order = new String(in.readAllBytes(), StandardCharsets.US_ASCII).trim();
      return order.equals("big") ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
    }
  }

  private static NamedTensor toTensor(Path file, String name, TensorRef ref) throws IOException {
    if (!(ref.storage() instanceof Storage storage)) {
      throw new IOException(file + ": tensor '" + name + "' has no storage in the file");
    }
    if (!storage.type().name().equals("FloatStorage")) {
      throw new IOException(
          file
              + ": tensor '"
              + name
              + "' is stored as "
              + storage.type()
              + "; only torch.FloatStorage (float32) tensors are supported");
    }
    long[] size = ref.size();
    long[] stride = ref.stride();
    if (size.length != stride.length) {
      throw new IOException(
          file
              + ": tensor '"
              + name
              + "' has "
              + size.length
              + " sizes but "
              + stride.length
              + " strides");
    }
    long numel = NamedTensor.numel(size);
    long last = ref.offset();
    for (int d = 0; d < size.length; d++) {
      if (size[d] < 0 || stride[d] < 0) {
        throw new IOException(file + ": tensor '" + name + "' has a negative size or stride");
      }
      last += size[d] == 0 ? 0 : (size[d] - 1) * stride[d];
    }
    if (numel > 0 && (ref.offset() < 0 || last >= storage.numel())) {
      throw new IOException(
          file
              + ": tensor '"
              + name
              + "' (offset "
              + ref.offset()
              + ", size "
              + Arrays.toString(size)
              + ", stride "
              + Arrays.toString(stride)
              + ") reaches past its storage of "
              + storage.numel()
              + " elements");
    }
    if (numel > Integer.MAX_VALUE) {
      throw new IOException(file + ": tensor '" + name + "' is too large for a Java array");
    }
    FloatBuffer values = storage.bytes().asFloatBuffer();
    float[] data = new float[(int) numel];
    if (isContiguous(size, stride)) {
      values.get((int) ref.offset(), data);
    } else {
      gather(values, ref.offset(), size, stride, data);
    }
    return new NamedTensor(name, size, data);
  }

  private static boolean isContiguous(long[] size, long[] stride) {
    long expected = 1;
    for (int d = size.length - 1; d >= 0; d--) {
      if (size[d] != 1 && stride[d] != expected) {
        return false;
      }
      expected *= size[d];
    }
    return true;
  }

  /** Copies a strided view into row-major order. */
  private static void gather(
      FloatBuffer values, long offset, long[] size, long[] stride, float[] out) {
    long[] index = new long[size.length];
    for (int i = 0; i < out.length; i++) {
      long at = offset;
      for (int d = 0; d < size.length; d++) {
        at += index[d] * stride[d];
      }
      out[i] = values.get((int) at);
      for (int d = size.length - 1; d >= 0; d--) {
        if (++index[d] < size[d]) {
          break;
        }
        index[d] = 0;
      }
    }
  }

  private static String typeName(Object o) {
    return o == null ? "None" : o.getClass().getSimpleName();
  }

  /** An unpickler that resolves {@code ('storage', type, key, location, numel)} ids from the zip. */
  private static final class StorageUnpickler extends Unpickler {
    private final Path file;
    private final ZipFile zip;
    private final String prefix;
    private final ByteOrder order;
    private final Map<String, Storage> storages = new HashMap<>();

    StorageUnpickler(Path file, ZipFile zip, String prefix, ByteOrder order) {
      this.file = file;
      this.zip = zip;
      this.prefix = prefix;
      this.order = order;
    }

    @Override
    protected Object persistentLoad(Object pid) {
      if (!(pid instanceof Object[] id) || id.length < 5 || !"storage".equals(id[0])) {
        throw new PickleException("unknown persistent id " + describe(pid));
      }
      if (!(id[1] instanceof StorageType type)) {
        throw new PickleException("unknown storage type " + describe(id[1]));
      }
      String key = String.valueOf(id[2]);
      long numel = TorchPickle.toLong(id[4]);
      return storages.computeIfAbsent(key, k -> load(type, k, numel));
    }

    private Storage load(StorageType type, String key, long numel) {
      String entryName = prefix + "data/" + key;
      ZipEntry entry = zip.getEntry(entryName);
      if (entry == null) {
        throw new PickleException("storage entry " + entryName + " is missing from " + file);
      }
      try (InputStream in = zip.getInputStream(entry)) {
        byte[] bytes = in.readAllBytes();
        if (bytes.length < numel * type.elementSize()) {
          throw new PickleException(
              "storage entry "
                  + entryName
                  + " has "
                  + bytes.length
                  + " bytes, expected "
                  + numel * type.elementSize());
        }
        return new Storage(type, key, numel, ByteBuffer.wrap(bytes).order(order));
      } catch (IOException e) {
        throw new PickleException("cannot read " + entryName + ": " + e.getMessage());
      }
    }

    private static String describe(Object o) {
      return o instanceof Object[] a ? Arrays.deepToString(a) : String.valueOf(o);
    }
  }
}
