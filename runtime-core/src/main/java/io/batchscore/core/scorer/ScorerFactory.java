package io.batchscore.core.scorer;

import io.batchscore.api.Scorer;
import io.batchscore.core.deployment.DeploymentException;
import java.io.IOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.Modifier;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Makes a worker's {@link Scorer}: loads {@code code_configuration.scoring_script} from
 * {@code code_configuration.code} (a jar, a folder of classes, or a folder of jars such as the
 * examples' {@code target/scorer}) and calls its public no-argument constructor. Everything a user
 * can get wrong is checked once, before any worker starts, with a message naming the class or
 * path.
 */
public final class ScorerFactory {

  /** Makes one scorer instance. */
  @FunctionalInterface
  public interface Maker {
    /**
     * @return a new scorer
     * @throws Exception whatever making it throws
     */
    Scorer make() throws Exception;
  }

  private final Maker maker;
  private final ClassLoader classLoader;

  private ScorerFactory(Maker maker, ClassLoader classLoader) {
    this.maker = maker;
    this.classLoader = classLoader;
  }

  /**
   * For embedding and tests: scorers made by code rather than loaded by class name.
   *
   * @param maker makes one scorer per worker
   * @return a factory
   */
  public static ScorerFactory of(Maker maker) {
    return new ScorerFactory(maker, ScorerFactory.class.getClassLoader());
  }

  /**
   * @param code where the scorer's classes are; empty for the launcher's class path
   * @param className the scorer's fully qualified class name
   * @param parent the class loader holding the runtime API
   * @return a factory
   * @throws DeploymentException when the code path or class is missing or unusable
   */
  public static ScorerFactory load(Optional<Path> code, String className, ClassLoader parent) {
    ClassLoader loader = code.map(p -> classLoaderFor(p, parent)).orElse(parent);
    Class<?> type;
    try {
      type = Class.forName(className, false, loader);
    } catch (ClassNotFoundException | LinkageError e) {
      throw new DeploymentException(
          "code_configuration.scoring_script: class "
              + className
              + " not found in "
              + code.map(Path::toString).orElse("the class path")
              + (e instanceof LinkageError ? " (" + e + ")" : ""));
    }
    if (!Scorer.class.isAssignableFrom(type)) {
      throw new DeploymentException(
          "code_configuration.scoring_script: "
              + className
              + " does not implement "
              + Scorer.class.getName());
    }
    if (Modifier.isAbstract(type.getModifiers())) {
      throw new DeploymentException(
          "code_configuration.scoring_script: " + className + " is abstract or an interface");
    }
    try {
      Constructor<? extends Scorer> ctor = type.asSubclass(Scorer.class).getConstructor();
      return new ScorerFactory(
          () -> {
            try {
              return ctor.newInstance();
            } catch (java.lang.reflect.InvocationTargetException e) {
              throw e.getCause() instanceof Exception ex ? ex : e;
            }
          },
          loader);
    } catch (NoSuchMethodException e) {
      throw new DeploymentException(
          "code_configuration.scoring_script: "
              + className
              + " has no public no-argument constructor");
    }
  }

  /**
   * @return a new scorer instance
   * @throws Exception whatever its constructor throws
   */
  public Scorer newScorer() throws Exception {
    return maker.make();
  }

  /** @return the class loader the scorer comes from (plug-ins are looked up there too) */
  public ClassLoader classLoader() {
    return classLoader;
  }

  private static ClassLoader classLoaderFor(Path code, ClassLoader parent) {
    if (!Files.exists(code)) {
      throw new DeploymentException(
          "code_configuration.code: "
              + code
              + " does not exist"
              + " (build the scorer first, e.g. mvn package)");
    }
    List<URL> urls = new ArrayList<>();
    try {
      if (Files.isDirectory(code)) {
        urls.add(code.toUri().toURL());
        try (Stream<Path> files = Files.list(code)) {
          for (Path p : files.filter(f -> f.toString().endsWith(".jar")).sorted().toList()) {
            urls.add(p.toUri().toURL());
          }
        }
      } else {
        urls.add(code.toUri().toURL());
      }
    } catch (MalformedURLException e) {
      throw new DeploymentException("code_configuration.code: bad path " + code, e);
    } catch (IOException e) {
      throw new DeploymentException("code_configuration.code: cannot list " + code + ": " + e, e);
    }
    return new URLClassLoader("scorer", urls.toArray(URL[]::new), parent);
  }
}
