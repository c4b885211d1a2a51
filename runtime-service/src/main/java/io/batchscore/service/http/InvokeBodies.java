package io.batchscore.service.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.util.Iterator;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the body of a POST to a scoring URI into one {@link InvokeRequest}. Three forms are
 * accepted, with keys in any case and trailing commas (as the seed's {@code rest/invoke.sh} writes
 * them):
 *
 * <pre>
 * {"properties": {"inputData": {"NAME": {"uri": U, "jobInputType": "UriFolder"}},
 *                 "outputData": {"NAME": {"uri": U, "jobOutputType": "UriFile"}}}}
 * {"properties": {"InputData": {"NAME": {"JobInputType": "UriFolder", "Uri": U}}, "OutputData": ...}}
 * {"properties": {"dataset": {"dataInputType": "DatasetVersion", "datasetName": N, "datasetVersion": V},
 *                 "outputDataset": {"datastoreId": ".../datastores/D", "path": P}}}
 * </pre>
 *
 * An input URI {@code /subscriptions/.../workspaces/W/data/NAME/versions/V} (or an {@code
 * azureml://...} address with {@code /data/NAME/versions/V}) names the workspace's data asset NAME
 * version V; {@code azureml:NAME:V}, {@code azureml:NAME@latest} and {@code
 * azureml://datastores/D/paths/P} pass through; {@code file://} and other paths are local paths.
 * Errors are {@link ApiException#badRequest} naming the field.
 */
public final class InvokeBodies {

  /** The mapper for request bodies: trailing commas allowed, as the cloud allows them. */
  public static final JsonMapper MAPPER =
      JsonMapper.builder().enable(JsonReadFeature.ALLOW_TRAILING_COMMA).build();

  private static final Pattern DATA_ASSET =
      Pattern.compile("(?:^|/)data/([^/]+)/versions/([^/]+)/?$");
  private static final Pattern DATASTORE_ID = Pattern.compile("(?:^|/)datastores/([^/]+)/?$");

  private InvokeBodies() {}

  /**
   * @param body the request body
   * @return the request
   * @throws ApiException 400 naming the field that is missing or wrong
   */
  public static InvokeRequest parse(String body) {
    JsonNode root;
    try {
      root = MAPPER.readTree(body);
    } catch (JsonProcessingException e) {
      throw ApiException.badRequest(
          "body: not valid JSON (line "
              + e.getLocation().getLineNr()
              + ", column "
              + e.getLocation().getColumnNr()
              + ")");
    }
    JsonNode properties = field(root, "properties");
    if (properties == null || !properties.isObject()) {
      throw ApiException.badRequest(
          "properties: missing; expected {\"properties\":"
              + " {\"inputData\": ...}} or {\"properties\": {\"dataset\": ...}}");
    }
    JsonNode dataset = field(properties, "dataset");
    if (dataset != null) {
      return datasetForm(properties, dataset);
    }
    return inputDataForm(properties);
  }

  /**
   * Reads BatchScore's per-job overrides from an invoke body (beside the cloud's fields): {@code
   * properties.miniBatchSize} and {@code properties.instanceCount}, positive integers.
   *
   * @param body a body {@link #parse} accepted
   * @param key {@code miniBatchSize} or {@code instanceCount}
   * @return the value, or {@code null} when absent
   */
  public static Integer override(String body, String key) {
    try {
      JsonNode value = field(field(MAPPER.readTree(body), "properties"), key);
      if (value == null || value.isNull()) {
        return null;
      }
      if (!value.canConvertToInt() || !value.isIntegralNumber() || value.asInt() <= 0) {
        throw ApiException.badRequest("properties." + key + ": expected a positive integer");
      }
      return value.asInt();
    } catch (JsonProcessingException e) {
      throw ApiException.badRequest("body: not valid JSON");
    }
  }

  private static InvokeRequest inputDataForm(JsonNode properties) {
    Map.Entry<String, JsonNode> input = single(properties, "inputData");
    if (input == null) {
      throw ApiException.badRequest("properties.inputData: missing");
    }
    String where = "properties.inputData." + input.getKey();
    String inputUri = text(input.getValue(), "uri", where);
    String inputType = uriType(input.getValue(), "jobInputType", where);
    Map.Entry<String, JsonNode> output = single(properties, "outputData");
    String outputUri = null;
    String outputType = null;
    if (output != null) {
      String outWhere = "properties.outputData." + output.getKey();
      outputUri = local(text(output.getValue(), "uri", outWhere));
      outputType = uriType(output.getValue(), "jobOutputType", outWhere);
    }
    return new InvokeRequest(inputReference(inputUri), inputType, outputUri, outputType);
  }

  private static InvokeRequest datasetForm(JsonNode properties, JsonNode dataset) {
    String name = text(dataset, "datasetName", "properties.dataset");
    JsonNode version = field(dataset, "datasetVersion");
    String input =
        version == null || version.isNull() || version.asText().isEmpty()
            ? "azureml:" + name + "@latest"
            : "azureml:" + name + ":" + version.asText();
    JsonNode outputDataset = field(properties, "outputDataset");
    String output = null;
    if (outputDataset != null) {
      String datastoreId = text(outputDataset, "datastoreId", "properties.outputDataset");
      Matcher matcher = DATASTORE_ID.matcher(datastoreId);
      if (!matcher.find()) {
        throw ApiException.badRequest(
            "properties.outputDataset.datastoreId: '"
                + datastoreId
                + "' does not end in /datastores/NAME");
      }
      String path = text(outputDataset, "path", "properties.outputDataset");
      output = "azureml://datastores/" + matcher.group(1) + "/paths/" + stripSlashes(path);
    }
    return new InvokeRequest(input, "uri_folder", output, output == null ? null : "uri_folder");
  }

  private static String inputReference(String uri) {
    Matcher asset = DATA_ASSET.matcher(uri);
    if (!uri.startsWith("azureml://datastores/") && asset.find()) {
      return "azureml:" + asset.group(1) + ":" + asset.group(2);
    }
    return local(uri);
  }

  private static String local(String uri) {
    return uri.startsWith("file://") ? uri.substring("file://".length()) : uri;
  }

  private static String stripSlashes(String path) {
    String stripped = path;
    while (stripped.startsWith("/")) {
      stripped = stripped.substring(1);
    }
    return stripped;
  }

  private static String uriType(JsonNode node, String key, String where) {
    JsonNode type = field(node, key);
    if (type == null || type.isNull()) {
      return "uri_folder";
    }
    String normal = type.asText().replace("_", "").toLowerCase(java.util.Locale.ROOT);
    return switch (normal) {
      case "urifolder" -> "uri_folder";
      case "urifile" -> "uri_file";
      default ->
          throw ApiException.badRequest(
              where + "." + key + ": '" + type.asText() + "' is not UriFolder or UriFile");
    };
  }

  private static Map.Entry<String, JsonNode> single(JsonNode properties, String key) {
    JsonNode map = field(properties, key);
    if (map == null || map.isNull()) {
      return null;
    }
    if (!map.isObject() || map.size() != 1) {
      throw ApiException.badRequest(
          "properties."
              + key
              + ": expected one named "
              + (key.startsWith("input") ? "input" : "output")
              + ", found "
              + map.size());
    }
    return map.fields().next();
  }

  private static String text(JsonNode node, String key, String where) {
    JsonNode value = field(node, key);
    if (value == null || !value.isTextual() || value.asText().isBlank()) {
      throw ApiException.badRequest(where + "." + key + ": missing or not a string");
    }
    return value.asText();
  }

  /** @return the object's field whose name equals key in any case, or null */
  static JsonNode field(JsonNode node, String key) {
    if (node == null || !node.isObject()) {
      return null;
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> entry = it.next();
      if (entry.getKey().equalsIgnoreCase(key)) {
        return entry.getValue();
      }
    }
    return null;
  }
}
