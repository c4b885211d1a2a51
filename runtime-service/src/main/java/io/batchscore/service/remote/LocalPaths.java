package io.batchscore.service.remote;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.batchscore.service.api.ResourceSpec;
import io.batchscore.service.api.WorkspaceException;
import java.nio.file.Path;

/** Makes a request's local paths absolute before they go to a server, and keeps downloads in. */
final class LocalPaths {

  private LocalPaths() {}

  /** @return the spec's document with its path keys absolute (against the spec's folder) */
  static ObjectNode absolute(ResourceSpec spec) {
    ObjectNode document = spec.document().deepCopy();
    absoluteKey(document, "path", spec.baseDir());
    absoluteKey(document, "local_path", spec.baseDir());
    JsonNode model = document.get("model");
    if (model != null && model.isTextual()) {
      document.put("model", absolute(model.asText(), spec.baseDir()));
    } else if (model instanceof ObjectNode inline) {
      absoluteKey(inline, "path", spec.baseDir());
    }
    if (document.get("code_configuration") instanceof ObjectNode code) {
      absoluteKey(code, "code", spec.baseDir());
    }
    return document;
  }

  /** @return an {@code azureml:} reference as it is, a local path made absolute */
  static String absolute(String uri, Path baseDir) {
    if (uri.startsWith("azureml:") || Path.of(uri).isAbsolute() || baseDir == null) {
      return uri;
    }
    return baseDir.resolve(uri).toAbsolutePath().normalize().toString();
  }

  /** @return {@code dir/relative}, refusing a name the server sent that would leave {@code dir} */
  static Path inside(Path dir, String relative) {
    Path target = dir.resolve(relative).normalize();
    if (!target.startsWith(dir.normalize()) || Path.of(relative).isAbsolute()) {
      throw WorkspaceException.badRequest("the server sent an output name outside the download"
          + " folder: " + relative);
    }
    return target;
  }

  private static void absoluteKey(ObjectNode node, String key, Path baseDir) {
    JsonNode value = node.get(key);
    if (value != null && value.isTextual()) {
      node.put(key, absolute(value.asText(), baseDir));
    }
  }
}
