package io.batchscore.core.deployment;

import com.fasterxml.jackson.databind.node.TextNode;
import com.google.common.collect.ImmutableMap;
import io.batchscore.core.deployment.FlatSettings.Entry;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiConsumer;
import java.util.function.Function;

/**
 * One key of the deployment file: its name, what it is, its default as a user writes it, how its
 * value is read and checked, where the value goes in a {@link Deployment}, and what it means. The
 * loader, {@code --set} and the README's table of keys all read {@link DeploymentKeys}' list of
 * these.
 *
 * <p>A key is configured by its fluent methods while {@link DeploymentKeys} builds its list, and
 * is not changed after.
 *
 * @param <T> the type of the key's value
 */
final class DeploymentKey<T> {

  /** What a key is. */
  enum Kind {
    /** A value this runtime reads. */
    VALUE,
    /** A mapping whose entries are values ({@code environment_variables}). */
    MAP,
    /** A scalar accepted and ignored (it means something only in the cloud). */
    IGNORED,
    /** A subtree of any shape accepted and ignored ({@code environment}, {@code tags}). */
    IGNORED_TREE
  }

  /** Reads and checks one value, failing with a message that names the file, key and value. */
  @FunctionalInterface
  interface Parser<T> {
    T parse(ValueReader reader, Entry entry);
  }

  /** Reads the defaults, which are written as a user would write them in the file. */
  private static final ValueReader DEFAULTS = new ValueReader("<default>", Path.of(""));

  private final String name;
  private final Kind kind;
  private final Parser<T> parser;
  private final BiConsumer<Deployment.Builder, T> target;
  private Function<FlatSettings, String> required; // null: optional
  private T defaultValue; // null: the builder's own (name, code) or required
  private String writtenDefault; // null: none a user could write
  private String shownDefault = "—";
  private String meaning = "";
  private String alsoWritten = "";
  private boolean ours;
  private boolean underSettings;

  private DeploymentKey(
      String name, Kind kind, Parser<T> parser, BiConsumer<Deployment.Builder, T> target) {
    this.name = name;
    this.kind = kind;
    this.parser = parser;
    this.target = target;
  }

  /** A key this runtime reads into {@code target}. */
  static <T> DeploymentKey<T> value(
      String name, Parser<T> parser, BiConsumer<Deployment.Builder, T> target) {
    return new DeploymentKey<>(name, Kind.VALUE, parser, target);
  }

  /** A mapping of names to plain values ({@code environment_variables}). */
  static DeploymentKey<Map<String, String>> map(
      String name, BiConsumer<Deployment.Builder, Map<String, String>> target) {
    return new DeploymentKey<>(name, Kind.MAP, null, target).defaultsTo(Map.of(), "{}");
  }

  /** A key accepted and ignored: a scalar, or with {@code tree} a subtree of any shape. */
  static DeploymentKey<Void> ignored(String name, boolean tree) {
    return new DeploymentKey<>(name, tree ? Kind.IGNORED_TREE : Kind.IGNORED, null, null);
  }

  /** The key's default, written as in the file ({@code 30}, {@code append_row}) and read as such. */
  DeploymentKey<T> defaultsTo(String written) {
    this.writtenDefault = written;
    return defaultsTo(parser.parse(DEFAULTS, new Entry(TextNode.valueOf(written), name)), written);
  }

  /** The key's default and how the README shows it. */
  DeploymentKey<T> defaultsTo(T value, String shown) {
    this.defaultValue = value;
    this.shownDefault = shown;
    return this;
  }

  /** How the README shows a default that is not a value of the key (such as the class path). */
  DeploymentKey<T> shownDefault(String shown) {
    this.shownDefault = shown;
    return this;
  }

  /** The key must be set; {@code what} says what it is, given the file's settings. */
  DeploymentKey<T> required(Function<FlatSettings, String> what) {
    this.required = what;
    return this;
  }

  /** What the key means here, for the README. */
  DeploymentKey<T> means(String meaning) {
    this.meaning = meaning;
    return this;
  }

  /** Another way to write the key, for the README, such as {@code model: PATH}. */
  DeploymentKey<T> alsoWritten(String alsoWritten) {
    this.alsoWritten = alsoWritten;
    return this;
  }

  /** The key is this runtime's own, not the cloud's. */
  DeploymentKey<T> ours() {
    this.ours = true;
    return this;
  }

  /** The key may also stand under {@code settings:}. */
  DeploymentKey<T> inSettings() {
    this.underSettings = true;
    return this;
  }

  String name() {
    return name;
  }

  Kind kind() {
    return kind;
  }

  boolean isOurs() {
    return ours;
  }

  boolean isRequired() {
    return required != null;
  }

  boolean underSettings() {
    return underSettings;
  }

  /** @return the default as a user would write it in the file, if it has one */
  Optional<String> writtenDefault() {
    return Optional.ofNullable(writtenDefault);
  }

  String shownDefault() {
    return shownDefault;
  }

  String meaning() {
    return meaning;
  }

  String alsoWritten() {
    return alsoWritten;
  }

  /** Sets the key's default on {@code builder}, when it has one. */
  void applyDefault(Deployment.Builder builder) {
    if (defaultValue != null) {
      target.accept(builder, defaultValue);
    }
  }

  /**
   * Reads the key's value from {@code flat} into {@code builder}; leaves the builder's value
   * (the default) when the key is not set.
   *
   * @throws DeploymentException naming the file and the key, for a bad value or a required key
   *     that is missing
   */
  void read(FlatSettings flat, ValueReader reader, Deployment.Builder builder) {
    switch (kind) {
      case VALUE -> {
        Optional<Entry> entry = flat.get(name);
        if (entry.isPresent()) {
          target.accept(builder, parser.parse(reader, entry.get()));
        } else if (required != null) {
          throw new DeploymentException(
              reader.file() + ": " + name + " is required: " + required.apply(flat));
        }
      }
      case MAP -> {
        ImmutableMap.Builder<String, String> values = ImmutableMap.builder();
        flat.under(name).forEach((key, entry) -> values.put(key, reader.anyScalar(entry)));
        @SuppressWarnings("unchecked") // a MAP key's type is Map<String, String>, see map()
        T map = (T) values.buildOrThrow();
        target.accept(builder, map);
      }
      default -> {}
    }
  }
}
