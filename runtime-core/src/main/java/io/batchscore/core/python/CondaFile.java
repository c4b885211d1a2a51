package io.batchscore.core.python;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The packages an {@code environment.conda_file} names (conda dependencies and its {@code pip:}
 * list), with the modules they are imported as. BatchScore builds no conda environment; it checks
 * these against the interpreter it runs.
 */
final class CondaFile {

  /**
   * One package the file asks for.
   *
   * @param name as the file names it
   * @param version the version it pins or bounds, empty when none
   * @param modules the modules it may be imported as, in the order tried
   * @param distributions the distribution names its installed version may be found under
   */
  record Package(String name, String version, List<String> modules, List<String> distributions) {}

  /** Import names of packages whose name is not their module's. */
  private static final Map<String, List<String>> MODULES =
      Map.ofEntries(
          Map.entry("pytorch", List.of("torch")),
          Map.entry("pytorch-cpu", List.of("torch")),
          Map.entry("pillow", List.of("PIL")),
          Map.entry("scikit-learn", List.of("sklearn")),
          Map.entry("opencv", List.of("cv2")),
          Map.entry("py-opencv", List.of("cv2")),
          Map.entry("opencv-python", List.of("cv2")),
          Map.entry("opencv-python-headless", List.of("cv2")),
          Map.entry("pyyaml", List.of("yaml")),
          Map.entry("beautifulsoup4", List.of("bs4")),
          Map.entry("python-dateutil", List.of("dateutil")),
          Map.entry("protobuf", List.of("google.protobuf")),
          Map.entry("azureml-defaults", List.of("azureml.core", "azureml")),
          Map.entry("azureml-core", List.of("azureml.core")),
          Map.entry("onnxruntime-gpu", List.of("onnxruntime")),
          Map.entry("tensorflow-gpu", List.of("tensorflow")));

  /** Tools, not libraries a script imports. */
  private static final List<String> TOOLS =
      List.of("pip", "setuptools", "wheel", "conda", "cudatoolkit", "mkl");

  private static final Pattern SPEC =
      Pattern.compile(
          "^(?:[\\w.-]+::)?([A-Za-z0-9_.-]+)(?:\\[[^]]*])?\\s*(?:(==|=|>=|<=|~=|>|<)\\s*"
              + "([^\\s,;=]+).*)?$");

  private CondaFile() {}

  /**
   * @param file the conda file
   * @return the Python version it asks for (empty when none) and its packages
   * @throws IOException when it cannot be read or is not a conda environment file
   */
  static Contents read(Path file) throws IOException {
    JsonNode root = new YAMLMapper().readTree(file.toFile());
    if (root == null || !root.isObject()) {
      throw new IOException("not a conda environment file (no mapping at the top)");
    }
    String python = "";
    List<Package> packages = new ArrayList<>();
    for (JsonNode dep : root.path("dependencies")) {
      if (dep.isTextual()) {
        Package p = parse(dep.asText());
        if (p == null) {
          continue;
        }
        if (p.name().equals("python")) {
          python = p.version();
        } else if (!TOOLS.contains(p.name())) {
          packages.add(p);
        }
      } else if (dep.isObject()) {
        for (JsonNode pip : dep.path("pip")) {
          Package p = pip.isTextual() ? parse(pip.asText()) : null;
          if (p != null && !TOOLS.contains(p.name())) {
            packages.add(p);
          }
        }
      }
    }
    return new Contents(python, packages);
  }

  /**
   * @param python the Python version asked for, empty when none
   * @param packages the packages, in file order
   */
  record Contents(String python, List<Package> packages) {}

  /** @return the package a dependency line names, or null for options and URLs */
  static Package parse(String spec) {
    String s = spec.strip();
    if (s.isEmpty() || s.startsWith("-") || s.contains("://") || s.startsWith("git+")) {
      return null;
    }
    Matcher m = SPEC.matcher(s);
    if (!m.matches()) {
      return null;
    }
    String name = m.group(1).toLowerCase(Locale.ROOT);
    String version = m.group(3) == null ? "" : m.group(3);
    List<String> modules = MODULES.getOrDefault(name, List.of(name.replace('-', '_')));
    List<String> distributions =
        name.equals("pytorch") || name.equals("pytorch-cpu") ? List.of("torch") : List.of(name);
    return new Package(name, version, modules, distributions);
  }
}
