package io.batchscore.service.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class SigningKeyTest {

  @TempDir Path workspace;

  @Test
  void keyFileIsCreatedOwnerOnlyInAnOwnerOnlyFolder() throws Exception {
    SigningKey.openOrCreate(workspace);
    Path file = SigningKey.file(workspace);
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
        .isEqualTo("rw-------");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file.getParent())))
        .isEqualTo("rwx------");
    assertThat(Files.size(file)).isEqualTo(32);
    try (var listing = Files.list(file.getParent())) {
      assertThat(listing.map(p -> p.getFileName().toString())).containsExactly("signing.key");
    }
  }

  @Test
  void theSameKeyIsReadAgainSoTokensOutliveTheProcessThatMadeThem() {
    LocalTokens first =
        new LocalTokens(
            SigningKey.openOrCreate(workspace), new RevokedTokens(workspace), Clock.systemUTC());
    String token = first.issue(Role.READER, "ann", Duration.ofHours(1)).token();
    LocalTokens again =
        new LocalTokens(
            SigningKey.openOrCreate(workspace), new RevokedTokens(workspace), Clock.systemUTC());
    assertThat(again).isNotNull();
    assertThat(catchSubject(again, token)).isEqualTo("ann");
  }

  @Test
  void aKeyOthersCanReadIsRefused() throws Exception {
    SigningKey.openOrCreate(workspace);
    Files.setPosixFilePermissions(
        SigningKey.file(workspace), PosixFilePermissions.fromString("rw-r--r--"));
    assertThatThrownBy(() -> SigningKey.openOrCreate(workspace))
        .hasMessageContaining("signing.key")
        .hasMessageContaining("readable by others");
  }

  @Test
  void theKeyNeverShowsInItsTextForm() throws Exception {
    SigningKey key = SigningKey.openOrCreate(workspace);
    byte[] bytes = Files.readAllBytes(SigningKey.file(workspace));
    assertThat(key.toString())
        .doesNotContain(Base64.getEncoder().encodeToString(bytes))
        .doesNotContain(Base64.getUrlEncoder().withoutPadding().encodeToString(bytes))
        .isEqualTo("SigningKey[****]");
  }

  private static String catchSubject(LocalTokens tokens, String token) {
    try {
      return tokens.verify(token).subject();
    } catch (InvalidTokenException e) {
      throw new AssertionError(e);
    }
  }
}
