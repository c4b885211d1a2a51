package io.batchscore.service.artifacts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.batchscore.service.api.WorkspaceException;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The rules of an upload's unpacking: what is refused, what is never written, the size limit. */
@Timeout(30)
class ArchiveUnpackerTest {

  @TempDir Path tmp;
  private Path staging;
  private ArtifactStore store;

  @BeforeEach
  void staging() throws Exception {
    store = new ArtifactStore(tmp.resolve("ws/artifacts"));
    staging = store.newStagingFolder();
  }

  /** Unpacks into a new staging folder (the field names the latest). */
  private String unpack(byte[] archive, long limit) throws Exception {
    staging = store.newStagingFolder();
    return new ArchiveUnpacker(limit).unpack(new ByteArrayInputStream(archive), staging);
  }

  /** Every file and folder under the temporary folder, but the staging folders' own. */
  private Stream<Path> writtenOutsideStaging() throws Exception {
    Path stagingArea = staging.getParent();
    return Files.walk(tmp).filter(p -> !p.startsWith(stagingArea) && !stagingArea.startsWith(p));
  }

  @Test
  void aFolderIsUnpackedUnderItsNameAndStoredByItsContent() throws Exception {
    byte[] archive =
        new Tars()
            .folder("model")
            .file("model/weights.pth", "w1")
            .folder("model/sub")
            .file("model/sub/config.json", "{}")
            .bytes();
    assertThat(unpack(archive, 1 << 20)).isEqualTo("model");
    assertThat(staging.resolve("model/weights.pth")).hasContent("w1");
    assertThat(staging.resolve("model/sub/config.json")).hasContent("{}");

    Path source = Files.createDirectories(tmp.resolve("local/model/sub"));
    Files.writeString(source.resolveSibling("weights.pth"), "w1");
    Files.writeString(source.resolve("config.json"), "{}");
    StoredArtifact stored = store.storeStaged("models", staging, "model");
    assertThat(stored.sha256())
        .as("the same digest as a local copy of the same folder")
        .isEqualTo(ArtifactStore.digest(tmp.resolve("local/model")));
    assertThat(stored.path().resolve("weights.pth")).hasContent("w1");
    assertThat(staging).doesNotExist();
  }

  @Test
  void aSingleFileAndAPlainTarAreAccepted() throws Exception {
    assertThat(unpack(new Tars(false).file("./weights.pth", "w").bytes(), 1 << 20))
        .isEqualTo("weights.pth");
    assertThat(staging.resolve("weights.pth")).hasContent("w");
  }

  @Test
  void anEntryClimbingOutWithDotDotIsRefusedNamingItAndNothingIsWritten() throws Exception {
    for (String name : new String[] {"../x", "model/../../x", "model/../x"}) {
      byte[] archive = new Tars().file("model/ok", "ok").file(name, "escaped").bytes();
      assertThatThrownBy(() -> unpack(archive, 1 << 20))
          .isInstanceOf(WorkspaceException.class)
          .hasMessageContaining("entry '" + name + "'")
          .hasMessageContaining("'..'");
    }
    assertThat(writtenOutsideStaging().filter(p -> p.getFileName().toString().equals("x")))
        .isEmpty();
  }

  @Test
  void anAbsoluteNameIsRefusedNamingItAndNothingIsWrittenThere() throws Exception {
    Path outside = tmp.resolve("outside.txt");
    byte[] archive = new Tars().file(outside.toString(), "escaped").bytes();
    assertThatThrownBy(() -> unpack(archive, 1 << 20))
        .hasMessageContaining("entry '" + outside + "' is an absolute name");
    assertThat(outside).doesNotExist();
    assertThatThrownBy(() -> unpack(new Tars().file("C:/x", "x").bytes(), 1 << 20))
        .hasMessageContaining("entry 'C:/x' is an absolute name");
  }

  @Test
  void linksAndSpecialFilesAreRefusedNamingTheEntry() throws Exception {
    byte[] symlink =
        new Tars()
            .folder("code")
            .link("code/data", "/etc", false)
            .file("code/data/passwd", "overwritten")
            .bytes();
    assertThatThrownBy(() -> unpack(symlink, 1 << 20))
        .hasMessageContaining("entry 'code/data' is a symbolic link (to '/etc')");
    assertThat(staging.resolve("code/data")).doesNotExist();
    assertThatThrownBy(
            () -> unpack(new Tars().link("code/p", "/etc/passwd", true).bytes(), 1 << 20))
        .hasMessageContaining("entry 'code/p' is a hard link");
    assertThatThrownBy(
            () -> unpack(new Tars().special("code/fifo", TarConstants.LF_FIFO).bytes(), 1 << 20))
        .hasMessageContaining("entry 'code/fifo' is not a file or a folder");
    assertThatThrownBy(
            () -> unpack(new Tars().special("code/dev", TarConstants.LF_BLK).bytes(), 1 << 20))
        .hasMessageContaining("entry 'code/dev' is not a file or a folder");
  }

  @Test
  void oneTopLevelNameOnceEachAndSomethingInIt() throws Exception {
    assertThatThrownBy(() -> unpack(new Tars().file("a/x", "1").file("b/y", "2").bytes(), 1 << 20))
        .hasMessageContaining("entry 'b/y' lies outside 'a'");
    assertThatThrownBy(() -> unpack(new Tars().file("a/x", "1").file("a/x", "2").bytes(), 1 << 20))
        .hasMessageContaining("entry 'a/x' clashes");
    assertThatThrownBy(() -> unpack(new Tars().bytes(), 1 << 20))
        .hasMessageContaining("holds no file or folder");
    assertThatThrownBy(() -> unpack("not an archive at all".repeat(40).getBytes(), 1 << 20))
        .hasMessageContaining("not a readable tar");
  }

  @Test
  void anArchiveLargerThanTheLimitSentOrUnpackedIsTooLarge() throws Exception {
    byte[] zeros = new byte[1 << 20];
    byte[] bomb = new Tars().file("data/zeros.bin", zeros).bytes();
    assertThat(bomb.length).as("compressed far below the limit").isLessThan(64 << 10);
    assertThatThrownBy(() -> unpack(bomb, 64 << 10))
        .isInstanceOf(UploadTooLargeException.class)
        .hasMessageContaining("65536 bytes");
    byte[] plain = new Tars(false).file("data/zeros.bin", zeros).bytes();
    assertThatThrownBy(() -> unpack(plain, 64 << 10)).isInstanceOf(UploadTooLargeException.class);
    assertThat(unpack(new Tars().file("data/small.bin", new byte[1000]).bytes(), 64 << 10))
        .isEqualTo("data");
  }
}
