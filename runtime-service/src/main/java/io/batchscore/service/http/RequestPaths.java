package io.batchscore.service.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.batchscore.service.auth.AllowedRoots;
import io.batchscore.service.auth.PathForbiddenException;

/**
 * Applies the {@link AllowedRoots} to every path a request asks the server to open: local input
 * and output paths of an invoke, datastore paths (no {@code ..}), and the path keys of resource
 * documents ({@code path}/{@code local_path} of models and data assets, {@code model.path} and
 * {@code code_configuration.code} of deployments).
 */
final class RequestPaths {

  private static final String DATASTORE = "azureml://datastores/";

  private final AllowedRoots roots;

  RequestPaths(AllowedRoots roots) {
    this.roots = roots;
  }

  /**
   * @param field the request field, for the message
   * @param uri a local path, an {@code azureml:NAME...} reference or a datastore address
   * @return the uri to hand to the workspace (a local path resolved to its real path)
   * @throws PathForbiddenException if it breaks a rule
   */
  String check(String field, String uri) {
    if (uri.startsWith(DATASTORE)) {
      for (String part : uri.substring(DATASTORE.length()).split("/")) {
        if (part.equals("..")) {
          throw new PathForbiddenException(
              field
                  + ": '"
                  + uri
                  + "' holds '..'; a datastore"
                  + " path must not climb out of its datastore");
        }
      }
      return uri;
    }
    if (uri.startsWith("azureml:")) {
      return uri;
    }
    return roots.check(field, uri).toString();
  }

  /**
   * Checks, and rewrites to real paths, the path keys of a resource document, in place.
   *
   * @param document a model, data asset or deployment document
   */
  void checkDocument(ObjectNode document) {
    checkKey(document, "path", "path");
    checkKey(document, "local_path", "local_path");
    JsonNode model = document.get("model");
    if (model != null && model.isTextual() && !model.asText().startsWith("azureml:")) {
      document.put("model", check("model", model.asText()));
    } else if (model instanceof ObjectNode inline) {
      checkKey(inline, "path", "model.path");
    }
    if (document.get("code_configuration") instanceof ObjectNode code) {
      checkKey(code, "code", "code_configuration.code");
    }
  }

  private void checkKey(ObjectNode node, String key, String field) {
    JsonNode value = node.get(key);
    if (value != null && value.isTextual()) {
      node.put(key, check(field, value.asText()));
    }
  }
}
