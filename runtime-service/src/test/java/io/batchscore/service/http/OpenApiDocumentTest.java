package io.batchscore.service.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.batchscore.service.api.WorkspaceService;
import io.batchscore.service.auth.AllowedRoots;
import io.batchscore.service.auth.BearerTokens;
import io.batchscore.service.auth.LocalTokens;
import io.batchscore.service.auth.RevokedTokens;
import io.batchscore.service.auth.SigningKey;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code /openapi.json} describes exactly the API the server serves: every route the workspace's
 * server declares (the studio's HTML pages aside) is a path and method of the document with the
 * role the route really requires ({@code x-batchscore-role}), and the document names no route the
 * server lacks.
 */
@Timeout(value = 1, unit = TimeUnit.MINUTES)
class OpenApiDocumentTest {

  @Test
  void theDocumentsPathsAndRolesAreTheServersRoutes(@TempDir Path tmp) throws Exception {
    Set<String> served = new TreeSet<>();
    try (WorkspaceService ws = WorkspaceService.open(tmp, null)) {
      RevokedTokens revoked = new RevokedTokens(tmp);
      LocalTokens tokens =
          new LocalTokens(SigningKey.openOrCreate(tmp), revoked, Clock.systemUTC());
      try (ApiServer server =
          WorkspaceApi.start(
              ServerOptions.plain("127.0.0.1", 0),
              ws,
              new BearerTokens(tokens, null),
              AllowedRoots.of(tmp, List.of()),
              revoked)) {
        for (String route : server.routes()) {
          if (!route.split(" ")[1].startsWith("/studio")) {
            // OpenAPI has no parameter that spans slashes: Javalin's <path> is {path} there
            served.add(route.replace("<path>", "{path}"));
          }
        }
      }
    }
    Set<String> documented = new TreeSet<>();
    try (InputStream in = ApiServer.class.getResourceAsStream("openapi.json")) {
      JsonNode paths = InvokeBodies.MAPPER.readTree(in).path("paths");
      paths
          .fields()
          .forEachRemaining(
              path ->
                  path.getValue()
                      .fieldNames()
                      .forEachRemaining(
                          method ->
                              documented.add(
                                  method.toUpperCase(Locale.ROOT)
                                      + " "
                                      + path.getKey()
                                      + " "
                                      + path.getValue()
                                          .path(method)
                                          .path("x-batchscore-role")
                                          .asText("none"))));
    }
    assertThat(served).as("routes the server declares").hasSizeGreaterThan(30);
    assertThat(documented).as("routes /openapi.json describes").isEqualTo(served);
  }
}
