package io.batchscore.service.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.Objects;

/**
 * A resource as the cloud's YAML describes it ({@code model.yml}, {@code endpoint.yml}, a
 * deployment file...), after the command line's flags were applied to it.
 *
 * @param document the YAML's keys ({@code $schema} allowed); flags such as {@code --name} or
 *     {@code --set KEY=VALUE} already written into it
 * @param baseDir the folder relative paths in the document resolve against (the YAML file's
 *     folder; the working directory for flags only); {@code null} refuses relative paths (REST)
 * @param source what to name in error messages: the YAML file, or {@code "request"}
 * @param yaml the YAML file's text as it was read (comments included), kept with endpoints and
 *     deployments; null when the document did not come from a file
 */
public record ResourceSpec(ObjectNode document, Path baseDir, String source, String yaml) {

  /** Checks the document and the source are given. */
  public ResourceSpec {
    Objects.requireNonNull(document, "document");
    Objects.requireNonNull(source, "source");
  }

  /**
   * A spec without YAML text (flags only, a JSON body, a form).
   *
   * @param document the keys
   * @param baseDir the folder relative paths resolve against, or null
   * @param source what to name in error messages
   */
  public ResourceSpec(ObjectNode document, Path baseDir, String source) {
    this(document, baseDir, source, null);
  }
}
