package io.batchscore.gpu.torch;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bytedeco.pytorch.Module;
import org.bytedeco.pytorch.StringTensorDict;
import org.bytedeco.pytorch.StringTensorDictItem;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;

/**
 * Copies a state dict into a JavaCPP module's parameters and buffers, by name, strictly (as
 * Python's {@code load_state_dict(strict=True)}): every key of the module must be in the file with
 * the same shape, and every key of the file must be in the module.
 */
public final class StateDictLoader {

  private StateDictLoader() {}

  /**
   * Reads a {@code torch.save(model.state_dict())} file into a module.
   *
   * @param module a module whose parameter names match the file's keys (such as {@code
   *     sequence.1.weight}), on any device
   * @param file the state dict file
   * @throws IOException naming the file when it cannot be read ({@link StateDictReader})
   * @throws IllegalArgumentException naming the file and the parameters when they do not match
   */
  public static void load(Module module, Path file) throws IOException {
    copy(module, StateDictReader.read(file), file.toString());
  }

  /**
   * Copies tensors into a module.
   *
   * @param module the module
   * @param stateDict tensors by key
   * @param source where the tensors come from, for messages (a file name)
   * @throws IllegalArgumentException naming the source and every missing, unexpected or
   *     mismatching key
   */
  public static void copy(Module module, Map<String, NamedTensor> stateDict, String source) {
    try {
      TorchInference.noGrad(
          () -> {
            Map<String, Tensor> targets = namedTensors(module);
            check(targets, stateDict, source);
            for (Map.Entry<String, Tensor> e : targets.entrySet()) {
              NamedTensor value = stateDict.get(e.getKey());
              e.getValue().copy_(TorchTensors.copyOf(value.data(), value.shape()));
            }
            return null;
          });
    } catch (IllegalArgumentException e) {
      throw e;
    } catch (Exception e) {
      throw new IllegalStateException(
          source + ": cannot copy the state dict: " + e.getMessage(), e);
    }
  }

  private static Map<String, Tensor> namedTensors(Module module) {
    Map<String, Tensor> out = new LinkedHashMap<>();
    for (StringTensorDict dict :
        List.of(module.named_parameters(true), module.named_buffers(true))) {
      for (long i = 0; i < dict.size(); i++) {
        StringTensorDictItem item = dict.get(i);
        out.put(item.key().getString(), item.value());
      }
    }
    return out;
  }

  private static void check(
      Map<String, Tensor> targets, Map<String, NamedTensor> stateDict, String source) {
    List<String> problems = new ArrayList<>();
    for (Map.Entry<String, Tensor> e : targets.entrySet()) {
      String name = e.getKey();
      NamedTensor value = stateDict.get(name);
      long[] expected = TorchTensors.shape(e.getValue());
      if (value == null) {
        problems.add("missing parameter '" + name + "' " + Arrays.toString(expected));
      } else if (!Arrays.equals(expected, value.shape())) {
        problems.add(
            "parameter '"
                + name
                + "' has shape "
                + Arrays.toString(value.shape())
                + " in the file but "
                + Arrays.toString(expected)
                + " in the module");
      } else if (e.getValue().scalar_type().intern() != torch.ScalarType.Float) {
        problems.add(
            "parameter '"
                + name
                + "' is "
                + e.getValue().scalar_type()
                + " in the module; only float32 is supported");
      }
    }
    for (String key : stateDict.keySet()) {
      if (!targets.containsKey(key)) {
        problems.add("unexpected key '" + key + "' " + Arrays.toString(stateDict.get(key).shape()));
      }
    }
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException(
          source + ": state dict does not match the module: " + String.join("; ", problems));
    }
  }
}
