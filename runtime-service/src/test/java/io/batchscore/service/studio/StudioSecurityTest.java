package io.batchscore.service.studio;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.batchscore.core.report.ReportPage;
import io.batchscore.service.api.ResourceSpec;
import io.batchscore.service.auth.LocalTokens;
import io.batchscore.service.auth.RevokedTokens;
import io.batchscore.service.auth.Role;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The studio's access rules over HTTP on a real server bound to a free loopback port: sign-in,
 * the cookie, the bearer header, CSRF, roles, role-aware buttons and the pages' headers.
 */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StudioSecurityTest {

  @TempDir static Path tmp;
  StudioServer studio;

  @BeforeAll
  void start() throws Exception {
    studio = new StudioServer(tmp);
    Path deployment = studio.ws.cloud().resolve("deployment.yml");
    Files.writeString(
        deployment,
        Files.readString(deployment)
            + """
        environment_variables:
          SERVICE_TOKEN: "s3cr3t-value"
          CHAOS_DELAY_MS: "0"
        """);
    Path endpoint = studio.ws.cloud().resolve("endpoint.yml");
    Files.writeString(
        endpoint, "# owned by <team-scoring>, kept as written\n" + Files.readString(endpoint));
    studio.ws.deploySeed();
  }

  @AfterAll
  void stop() throws Exception {
    studio.close();
  }

  @Test
  void withoutATokenABrowserGoesToSignInAndAScriptGets401() throws Exception {
    HttpResponse<String> page = studio.get("/studio/endpoints", null);
    assertThat(page.statusCode()).isEqualTo(303);
    assertThat(page.headers().firstValue("Location"))
        .contains("/studio/login?next=%2Fstudio%2Fendpoints");
    HttpResponse<String> badHeader = send("/studio/endpoints", "Bearer not-a-token");
    assertThat(badHeader.statusCode()).isEqualTo(401);
    assertThat(badHeader.headers().firstValue("WWW-Authenticate"))
        .contains("Bearer realm=\"batchscore\"");
    assertThat(studio.post("/studio/endpoints/endpoint-batch/invoke", null, "input=x").statusCode())
        .isEqualTo(401);
    assertThat(studio.get("/studio/endpoints", "batchscore_studio=forged.jwt.value").statusCode())
        .isEqualTo(303);
  }

  @Test
  void signInSetsAStrictHttpOnlyCookieAndABadTokenGetsNone() throws Exception {
    HttpResponse<String> bad = studio.post("/studio/login", null, "token=nope");
    assertThat(bad.statusCode()).isEqualTo(401);
    assertThat(bad.headers().firstValue("Set-Cookie")).isEmpty();
    assertThat(bad.body()).contains("that token is not valid").doesNotContain("nope");

    String token = studio.token(Role.READER);
    HttpResponse<String> ok =
        studio.post(
            "/studio/login", null, "token=" + token + "&next=https%3A%2F%2Fevil.example%2F");
    assertThat(ok.statusCode()).isEqualTo(303);
    assertThat(ok.headers().firstValue("Location")).contains("/studio/endpoints");
    assertThat(ok.headers().firstValue("Set-Cookie"))
        .contains("batchscore_studio=" + token + "; Path=/studio; HttpOnly; SameSite=Strict")
        .get()
        .asString()
        .doesNotContain("Secure");
    String cookie = "batchscore_studio=" + token;
    HttpResponse<String> page = studio.get("/studio/endpoints", cookie);
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.body()).contains("/studio/endpoints/endpoint-batch").contains("reader-user");
    assertThat(page.headers().firstValue("Content-Security-Policy"))
        .get()
        .asString()
        .contains("script-src 'self'")
        .contains("frame-ancestors 'none'");
    assertThat(page.headers().firstValue("Cache-Control")).contains("no-store");

    HttpResponse<String> out =
        studio.post("/studio/logout", cookie, "csrf=" + StudioServer.csrf(page.body()));
    assertThat(out.headers().firstValue("Set-Cookie")).get().asString().contains("Max-Age=0");
  }

  @Test
  void aRevokedTokensSessionEndsAtOnce() throws Exception {
    LocalTokens.Issued issued = studio.tokens.issue(Role.ADMIN, "bob", Duration.ofHours(1));
    String cookie = studio.signIn(issued.token());
    assertThat(studio.get("/studio/endpoints", cookie).statusCode()).isEqualTo(200);
    new RevokedTokens(studio.ws.dir()).revoke(issued.id());
    HttpResponse<String> after = studio.get("/studio/endpoints", cookie);
    assertThat(after.statusCode()).isEqualTo(303);
    assertThat(after.headers().firstValue("Set-Cookie")).get().asString().contains("Max-Age=0");
  }

  @Test
  void buttonsFollowTheRole() throws Exception {
    String reader =
        studio
            .get("/studio/endpoints/endpoint-batch", studio.signIn(studio.token(Role.READER)))
            .body();
    assertThat(reader).doesNotContain("invoke-button").doesNotContain("Delete endpoint");
    String invoker =
        studio
            .get("/studio/endpoints/endpoint-batch", studio.signIn(studio.token(Role.INVOKER)))
            .body();
    assertThat(invoker).contains("invoke-button").doesNotContain("Delete endpoint");
    String admin =
        studio
            .get("/studio/endpoints/endpoint-batch", studio.signIn(studio.token(Role.ADMIN)))
            .body();
    assertThat(admin).contains("invoke-button").contains("Delete endpoint");
    assertThat(admin)
        .as("secret-looking variables are masked")
        .doesNotContain("s3cr3t-value")
        .contains("\"SERVICE_TOKEN\" : \"****\"")
        .contains("\"CHAOS_DELAY_MS\" : \"0\"");
  }

  @Test
  void theEndpointPageShowsItsYamlAsStoredEscaped() throws Exception {
    String page =
        studio
            .get("/studio/endpoints/endpoint-batch", studio.signIn(studio.token(Role.READER)))
            .body();
    assertThat(page)
        .contains("# owned by &lt;team-scoring&gt;, kept as written")
        .doesNotContain("<team-scoring>");
    assertThat(studio.service.storedYaml("endpoint-batch", "blue"))
        .get()
        .asString()
        .contains("environment_variables:");
  }

  @Test
  void formsNeedTheirSessionsCsrfTokenAndTheRole() throws Exception {
    String readerCookie = studio.signIn(studio.token(Role.READER));
    String readerCsrf = StudioServer.csrf(studio.get("/studio/endpoints", readerCookie).body());
    String adminCookie = studio.signIn(studio.token(Role.ADMIN));
    String adminCsrf = StudioServer.csrf(studio.get("/studio/endpoints", adminCookie).body());

    ObjectNode doomed =
        JsonNodeFactory.instance
            .objectNode()
            .put("name", "endpoint-doomed")
            .put("auth_mode", "aad_token");
    studio.service.createEndpoint(new ResourceSpec(doomed, null, "test"));
    String delete = "/studio/endpoints/endpoint-doomed/delete";
    HttpResponse<String> byReader =
        studio.post(delete, readerCookie, "confirm=yes&csrf=" + readerCsrf);
    assertThat(byReader.statusCode()).isEqualTo(403);
    assertThat(byReader.body()).contains("needs the role admin");
    HttpResponse<String> foreignCsrf =
        studio.post(delete, adminCookie, "confirm=yes&csrf=" + readerCsrf);
    assertThat(foreignCsrf.statusCode()).isEqualTo(403);
    assertThat(foreignCsrf.body()).contains("CSRF token");
    HttpResponse<String> unconfirmed = studio.post(delete, adminCookie, "csrf=" + adminCsrf);
    assertThat(unconfirmed.statusCode()).isEqualTo(400);
    assertThat(studio.service.listEndpoints()).hasSize(2);

    HttpResponse<String> deleted =
        studio.post(delete, adminCookie, "confirm=yes&csrf=" + adminCsrf);
    assertThat(deleted.statusCode()).isEqualTo(303);
    assertThat(studio.service.listEndpoints())
        .extracting(e -> e.name())
        .containsExactly("endpoint-batch");
  }

  @Test
  void aScriptWithTheBearerHeaderNeedsNoCsrfButTheRole() throws Exception {
    HttpResponse<String> reader =
        send("/studio/jobs/batchjob-none/cancel", "Bearer " + studio.token(Role.READER), true);
    assertThat(reader.statusCode()).isEqualTo(403);
    HttpResponse<String> invoker =
        send("/studio/jobs/batchjob-none/cancel", "Bearer " + studio.token(Role.INVOKER), true);
    assertThat(invoker.statusCode()).isEqualTo(404);
    assertThat(send("/studio/models", "Bearer " + studio.token(Role.READER)).body())
        .contains("model-batch")
        .contains("endpoint-batch/blue");
  }

  @Test
  void theStylesheetIsTheReportsAndPublic() throws Exception {
    HttpResponse<String> css = studio.get("/studio/static/batchscore.css", null);
    assertThat(css.statusCode()).isEqualTo(200);
    assertThat(css.body()).isEqualTo(ReportPage.css());
    assertThat(studio.get("/studio/static/studio.js", null).body())
        .contains("textContent")
        .doesNotContain("innerHTML");
  }

  private HttpResponse<String> send(String path, String authorization) throws Exception {
    return send(path, authorization, false);
  }

  private HttpResponse<String> send(String path, String authorization, boolean post)
      throws Exception {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(studio.url(path)))
            .timeout(Duration.ofSeconds(20))
            .header("Authorization", authorization);
    if (post) {
      b.POST(HttpRequest.BodyPublishers.noBody());
    }
    return studio.http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }
}
