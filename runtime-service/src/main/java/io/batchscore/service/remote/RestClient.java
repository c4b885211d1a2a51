package io.batchscore.service.remote;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.batchscore.service.api.WorkspaceException;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * JSON over HTTP with a bearer token, errors turned into {@link WorkspaceException}s: 404 is
 * {@code NOT_FOUND}, 409 {@code CONFLICT}, anything else {@code BAD_REQUEST}, each with the
 * server's message (a 401 says only that the token was refused, never the token).
 */
final class RestClient {

  private final String base;
  private final String token;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

  RestClient(String url, String token) {
    this.base = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    this.token = token;
  }

  static String encode(String segment) {
    return URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20");
  }

  static <T> T convert(JsonNode node, Class<T> type) {
    try {
      return RemoteWorkspace.JSON.treeToValue(node, type);
    } catch (IOException e) {
      throw new IllegalStateException("unexpected answer from the server: " + e.getMessage(), e);
    }
  }

  <T> T get(String path, Class<T> type) {
    return send("GET", path, null, type);
  }

  <T> List<T> list(String path, Class<T> type) {
    return listOf(get(path, JsonNode.class), type);
  }

  <T> List<T> listOf(JsonNode array, Class<T> type) {
    List<T> items = new ArrayList<>();
    array.forEach(item -> items.add(convert(item, type)));
    return items;
  }

  <T> T send(String method, String path, ObjectNode body, Class<T> type) {
    return send(method, path, body, type, null);
  }

  <T> T send(String method, String path, ObjectNode body, Class<T> type, String deployment) {
    HttpRequest.Builder request =
        request(path)
            .header("Content-Type", "application/json")
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body.toString()));
    if (deployment != null) {
      request.header("azureml-model-deployment", deployment);
    }
    HttpResponse<String> response = exchange(request, HttpResponse.BodyHandlers.ofString());
    check(method, path, response.statusCode(), response.body());
    try {
      String text = response.body().isBlank() ? "null" : response.body();
      return RemoteWorkspace.JSON.readValue(text, type);
    } catch (IOException e) {
      throw new IllegalStateException("unexpected answer to " + method + " " + path, e);
    }
  }

  /**
   * POSTs a file as the body (no {@code Expect: 100-continue}: Java 17's client waits forever when
   * the server answers it with an error).
   *
   * @return the answer's JSON
   */
  JsonNode upload(String path, Path archive) {
    HttpRequest.Builder request;
    try {
      request =
          request(path)
              .timeout(Duration.ofMinutes(30))
              .header("Content-Type", "application/gzip")
              .POST(HttpRequest.BodyPublishers.ofFile(archive));
    } catch (FileNotFoundException e) {
      throw new UncheckedIOException("cannot read " + archive, e);
    }
    HttpResponse<String> response = exchange(request, HttpResponse.BodyHandlers.ofString());
    check("POST", path, response.statusCode(), response.body());
    try {
      return RemoteWorkspace.JSON.readTree(response.body());
    } catch (IOException e) {
      throw new IllegalStateException("unexpected answer to POST " + path, e);
    }
  }

  void download(String path, Path target) {
    HttpResponse<InputStream> response =
        exchange(request(path).GET(), HttpResponse.BodyHandlers.ofInputStream());
    try (InputStream in = response.body()) {
      if (response.statusCode() >= 300) {
        check(
            "GET",
            path,
            response.statusCode(),
            new String(in.readAllBytes(), StandardCharsets.UTF_8));
      }
      Files.createDirectories(target.getParent());
      Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + target, e);
    }
  }

  private HttpRequest.Builder request(String path) {
    return HttpRequest.newBuilder(URI.create(base + path))
        .timeout(Duration.ofMinutes(2))
        .header("Authorization", "Bearer " + token);
  }

  private <T> HttpResponse<T> exchange(
      HttpRequest.Builder request, HttpResponse.BodyHandler<T> handler) {
    try {
      return http.send(request.build(), handler);
    } catch (IOException e) {
      throw WorkspaceException.badRequest("cannot reach " + base + ": " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw WorkspaceException.badRequest("interrupted while calling " + base);
    }
  }

  private void check(String method, String path, int status, String body) {
    if (status < 300) {
      return;
    }
    String message;
    try {
      message = RemoteWorkspace.JSON.readTree(body).path("error").path("message").asText(body);
    } catch (IOException e) {
      message = body;
    }
    String where =
        base + " (" + method + " " + path.replaceFirst("\\?.*", "") + ", " + status + ")";
    switch (status) {
      case 401 ->
          throw WorkspaceException.badRequest(
              where
                  + ": the server refused the token"
                  + " (BATCHSCORE_TOKEN or ~/.batchscore/credentials); make one with batchscore token"
                  + " create");
      case 404 -> throw WorkspaceException.notFound(message);
      case 409 -> throw WorkspaceException.conflict(message);
      default -> throw WorkspaceException.badRequest(message + " [" + where + "]");
    }
  }
}
