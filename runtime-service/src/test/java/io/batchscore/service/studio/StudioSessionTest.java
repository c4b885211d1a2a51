package io.batchscore.service.studio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.batchscore.service.auth.Principal;
import io.batchscore.service.auth.Role;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The sign-in cookie's attributes, the CSRF tokens, and where a sign-in may lead. */
@Timeout(value = 10, unit = TimeUnit.SECONDS)
class StudioSessionTest {

  @Test
  void cookieIsHttpOnlyStrictScopedAndSecureOnlyOverTls() {
    assertThat(new SessionCookie(false).signIn("a.b.c"))
        .isEqualTo("batchscore_studio=a.b.c; Path=/studio; HttpOnly; SameSite=Strict");
    assertThat(new SessionCookie(true).signIn("a.b.c"))
        .isEqualTo("batchscore_studio=a.b.c; Path=/studio; HttpOnly; SameSite=Strict; Secure");
    assertThat(new SessionCookie(true).signOut())
        .contains("Max-Age=0")
        .contains("HttpOnly")
        .contains("Secure");
    assertThatThrownBy(() -> new SessionCookie(false).signIn("a; Domain=evil"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void csrfTokenBelongsToOneSessionAndOneServerRun() {
    CsrfTokens csrf = new CsrfTokens();
    Principal reader = new Principal("alice", Role.READER, "id-1");
    Principal sameUserOtherToken = new Principal("alice", Role.READER, "id-2");
    String token = csrf.tokenFor(reader);
    assertThat(token).isEqualTo(csrf.tokenFor(reader)).hasSizeGreaterThan(40);
    assertThat(csrf.valid(reader, token)).isTrue();
    assertThat(csrf.valid(sameUserOtherToken, token)).isFalse();
    assertThat(csrf.valid(reader, null)).isFalse();
    assertThat(csrf.valid(reader, "")).isFalse();
    assertThat(csrf.valid(reader, token.substring(1))).isFalse();
    assertThat(new CsrfTokens().valid(reader, token)).as("after a restart").isFalse();
  }

  @Test
  void signInLeadsOnlyToStudioPages() {
    assertThat(StudioRoutes.next("/studio/jobs/j1")).isEqualTo("/studio/jobs/j1");
    assertThat(StudioRoutes.next("https://evil.example/")).isEqualTo("/studio/endpoints");
    assertThat(StudioRoutes.next("//evil.example/studio/")).isEqualTo("/studio/endpoints");
    assertThat(StudioRoutes.next("/studio//evil.example")).isEqualTo("/studio/endpoints");
    assertThat(StudioRoutes.next("/studio/../metrics")).isEqualTo("/studio/endpoints");
    assertThat(StudioRoutes.next(null)).isEqualTo("/studio/endpoints");
  }

  @Test
  void progressLineGivesDoneTotalRateAndTimeLeft() {
    Views.Progress p =
        JobProgress.parse(
            "2026-12-01 21:00:00 Running: mini-batches created 20,"
                + " processed 5; items done 50 of 200 (succeeded 49, failed 1); 10.0 items/s");
    assertThat(p).isEqualTo(new Views.Progress(50, 200, 10.0, "15 s", 25));
    assertThat(JobProgress.parse("items done 7 (succeeded 7, failed 0); 0.0 items/s"))
        .isEqualTo(new Views.Progress(7, -1, 0.0, "", -1));
    assertThat(JobProgress.parse("garbage")).isEqualTo(Views.Progress.NONE);
    assertThat(JobProgress.human(3725)).isEqualTo("1 h 2 min");
    assertThat(JobProgress.rate(200, "2026-12-01T21:58:15.000Z", "2026-12-01T21:58:25.000Z"))
        .isEqualTo(20.0);
    assertThat(JobProgress.rate(200, null, "2026-12-01T21:58:25.000Z")).isZero();
  }

  @Test
  void urlPathEncodesEachSegment() {
    assertThat(Views.urlPath("logs/<img src=x onerror=alert(1)>.png"))
        .isEqualTo("logs/%3Cimg%20src%3Dx%20onerror%3Dalert%281%29%3E.png");
  }
}
