package io.batchscore.gpu.torch;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.bytedeco.javacpp.Loader;
import org.bytedeco.pytorch.global.torch;

/**
 * Loads JavaCPP PyTorch's native libraries so that only the bundled libtorch is in the process.
 *
 * <p>JavaCPP extracts a preset's libraries to its cache one at a time, loading each as it goes:
 * {@code libc10.so}, then {@code libtorch.so}, then {@code libtorch_cpu.so}. On a cold cache,
 * {@code libtorch.so} is loaded before {@code libtorch_cpu.so} lies beside it, so the dynamic
 * linker resolves its {@code libtorch_cpu.so} dependency from the system's folders instead; where
 * Debian's {@code libtorch-dev} (pulled in by {@code python3-torch}) put one in
 * {@code /lib/x86_64-linux-gnu}, that copy (and its own {@code libc10}) is mapped, then the
 * bundled one too, and the JVM dies in native code (SIGSEGV in {@code pthread_mutex_lock}). Only
 * the run that fills the cache is hit, which made it look like a rare flake.
 *
 * <p>{@link #load} extracts all of the platform's PyTorch libraries first, then loads them, then
 * checks {@code /proc/self/maps}: more than one {@code libtorch_cpu.so} mapped is an
 * {@link IllegalStateException} naming both. The engine helpers of this package call it; a
 * scorer that makes PyTorch objects itself (a C++-frontend module for a state dict) calls it
 * first, in {@code init}.
 */
public final class TorchNatives {

  private static boolean loaded; // guarded by TorchNatives.class

  private TorchNatives() {}

  /**
   * Extracts and loads JavaCPP PyTorch's natives once per process; later calls return at once.
   *
   * @throws IllegalStateException when they cannot be extracted, or another libtorch is mapped
   */
  public static synchronized void load() {
    if (loaded) {
      return;
    }
    String folder = Loader.getPlatform() + "/";
    try {
      // a class literal does not initialize the class: nothing is loaded yet
      Loader.cacheResources(torch.class, folder);
    } catch (IOException e) {
      throw new IllegalStateException(
          "cannot extract JavaCPP PyTorch's native libraries ("
              + "org/bytedeco/pytorch/"
              + folder
              + ") to JavaCPP's cache: "
              + e.getMessage(),
          e);
    }
    Loader.load(torch.class);
    List<String> copies = mapped("libtorch_cpu.so");
    if (copies.size() > 1) {
      throw new IllegalStateException(
          "two copies of libtorch are loaded in this process: "
              + String.join(" and ", copies)
              + "; only JavaCPP's may be. Remove the other from"
              + " LD_PRELOAD / LD_LIBRARY_PATH, or load it after TorchNatives.load()");
    }
    loaded = true;
  }

  /**
   * @param library a shared library's file name, such as {@code libtorch_cpu.so}
   * @return the distinct paths of the files of that name (or with a version suffix) this process
   *     maps; empty where {@code /proc/self/maps} cannot be read
   */
  public static List<String> mapped(String library) {
    Path maps = Path.of("/proc/self/maps");
    if (!Files.isReadable(maps)) {
      return List.of();
    }
    try {
      return Files.readAllLines(maps).stream()
          .map(l -> l.indexOf('/') < 0 ? "" : l.substring(l.indexOf('/')))
          .filter(
              p -> {
                String name = p.substring(p.lastIndexOf('/') + 1);
                return name.equals(library) || name.startsWith(library + ".");
              })
          .distinct()
          .toList();
    } catch (IOException e) {
      return List.of();
    }
  }
}
