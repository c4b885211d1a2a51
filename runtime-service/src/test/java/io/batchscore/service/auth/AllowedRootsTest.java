package io.batchscore.service.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class AllowedRootsTest {

  @TempDir Path tmp;
  private Path workspace;
  private Path shared;
  private Path secret;
  private AllowedRoots roots;

  @BeforeEach
  void folders() throws Exception {
    workspace = Files.createDirectories(tmp.resolve("workspace")).toRealPath();
    shared = Files.createDirectories(tmp.resolve("shared")).toRealPath();
    secret = Files.createDirectories(tmp.resolve("secret")).toRealPath();
    Files.writeString(shared.resolve("a.png"), "x");
    roots = AllowedRoots.of(workspace, List.of(shared));
  }

  @Test
  void pathsUnderTheWorkspaceOrAnAllowedRootPass() {
    assertThat(roots.check("uri", shared.resolve("a.png").toString()))
        .isEqualTo(shared.resolve("a.png"));
    assertThat(roots.check("uri", shared.resolve("new/out.csv").toString()))
        .isEqualTo(shared.resolve("new/out.csv"));
    assertThat(roots.check("uri", workspace.resolve("data").toString()))
        .isEqualTo(workspace.resolve("data"));
  }

  @Test
  void anAbsolutePathElsewhereIsRefusedNamingTheRule() {
    assertThatThrownBy(() -> roots.check("properties.inputData.x.uri", secret.toString()))
        .isInstanceOf(PathForbiddenException.class)
        .hasMessageContaining("properties.inputData.x.uri")
        .hasMessageContaining("outside the allowed roots");
    assertThatThrownBy(() -> roots.check("uri", "/etc/passwd"))
        .isInstanceOf(PathForbiddenException.class);
  }

  @Test
  void dotDotIsRefusedEvenWhenItWouldLandInsideARoot() {
    assertThatThrownBy(() -> roots.check("uri", shared + "/../shared/a.png"))
        .isInstanceOf(PathForbiddenException.class)
        .hasMessageContaining("'..'");
    assertThatThrownBy(() -> roots.check("uri", shared + "/../secret"))
        .isInstanceOf(PathForbiddenException.class)
        .hasMessageContaining("'..'");
  }

  @Test
  void aSymbolicLinkLeadingOutIsRefused() throws Exception {
    Files.createSymbolicLink(shared.resolve("escape"), secret);
    Files.createSymbolicLink(shared.resolve("inside"), shared.resolve("a.png"));
    assertThatThrownBy(() -> roots.check("uri", shared.resolve("escape").toString()))
        .isInstanceOf(PathForbiddenException.class)
        .hasMessageContaining("symbolic link");
    assertThatThrownBy(() -> roots.check("uri", shared.resolve("escape/not-yet.csv").toString()))
        .isInstanceOf(PathForbiddenException.class)
        .hasMessageContaining("symbolic link");
    assertThat(roots.check("uri", shared.resolve("inside").toString()))
        .isEqualTo(shared.resolve("a.png"));
  }

  @Test
  void aDanglingLinkIsRefused() throws Exception {
    Files.createSymbolicLink(shared.resolve("dangling"), tmp.resolve("nowhere"));
    assertThatThrownBy(() -> roots.check("uri", shared.resolve("dangling").toString()))
        .isInstanceOf(PathForbiddenException.class);
  }

  @Test
  void aRelativePathIsRefused() {
    assertThatThrownBy(() -> roots.check("uri", "shared/a.png"))
        .isInstanceOf(PathForbiddenException.class)
        .hasMessageContaining("relative");
  }

  @Test
  void aRootThatIsNotAFolderIsNamed() {
    assertThatThrownBy(() -> AllowedRoots.of(workspace, List.of(tmp.resolve("missing"))))
        .hasMessageContaining("--allow-path")
        .hasMessageContaining("missing");
  }
}
