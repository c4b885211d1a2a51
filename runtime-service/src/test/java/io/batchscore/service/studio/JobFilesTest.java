package io.batchscore.service.studio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The job-folder guard: what the log browser and the downloads may open. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class JobFilesTest {

  @TempDir Path tmp;
  Path job;
  Path secret;

  @BeforeEach
  void folder() throws Exception {
    job = Files.createDirectories(tmp.resolve("job"));
    Files.createDirectories(job.resolve("logs/user/stdout/node000"));
    Files.writeString(job.resolve("predictions.csv"), "a: ok\n");
    Files.writeString(job.resolve("logs/user/stdout/node000/process000.stdout.txt"), "init\n");
    secret = Files.writeString(tmp.resolve("secret.txt"), "top secret");
    Files.createDirectories(tmp.resolve("job-other"));
    Files.writeString(tmp.resolve("job-other/x.txt"), "other job");
    Files.createSymbolicLink(job.resolve("logs/out.txt"), secret);
    Files.createSymbolicLink(job.resolve("logs/outdir"), tmp);
    Files.createSymbolicLink(job.resolve("logs/in.txt"), job.resolve("predictions.csv"));
    Files.createSymbolicLink(job.resolve("logs/dangling"), tmp.resolve("nothing"));
  }

  @Test
  void servesFilesInsideAndLinksThatStayInside() {
    JobFiles files = new JobFiles(job);
    assertThat(files.file("logs/user/stdout/node000/process000.stdout.txt")).hasContent("init");
    assertThat(files.file("logs/in.txt")).hasContent("a: ok");
    assertThat(files.file("./predictions.csv")).hasContent("a: ok");
  }

  @Test
  void refusesDotDotAbsolutePathsAndLinksLeadingOut() {
    JobFiles files = new JobFiles(job);
    for (String bad :
        List.of(
            "../secret.txt",
            "logs/../../secret.txt",
            "logs/..",
            "..",
            secret.toString(),
            "/etc/passwd",
            "\\etc\\passwd",
            "C:/Windows/win.ini",
            "logs\\..\\..\\secret.txt",
            "logs/out.txt",
            "logs/outdir/secret.txt",
            "logs/outdir",
            "logs/dangling",
            "../job-other/x.txt")) {
      assertThatThrownBy(() -> files.resolve(bad))
          .as(bad)
          .isInstanceOfSatisfying(StudioException.class, e -> assertThat(e.status()).isEqualTo(403))
          .hasMessageStartingWith("refused:");
    }
  }

  @Test
  void missingFilesAndFoldersAre404() {
    JobFiles files = new JobFiles(job);
    assertThatThrownBy(() -> files.file("logs/nothing.txt"))
        .isInstanceOfSatisfying(StudioException.class, e -> assertThat(e.status()).isEqualTo(404));
    assertThatThrownBy(() -> files.file("logs"))
        .isInstanceOfSatisfying(StudioException.class, e -> assertThat(e.status()).isEqualTo(404));
    assertThatThrownBy(() -> new JobFiles(tmp.resolve("not-yet")))
        .isInstanceOfSatisfying(StudioException.class, e -> assertThat(e.status()).isEqualTo(404));
  }

  @Test
  void listingMarksLinksLeadingOutAndDoesNotFollowThem() {
    List<JobFiles.Entry> entries = new JobFiles(job).list();
    assertThat(entries)
        .extracting(JobFiles.Entry::path)
        .containsExactly(
            "logs",
            "logs/dangling",
            "logs/in.txt",
            "logs/out.txt",
            "logs/outdir",
            "logs/user",
            "logs/user/stdout",
            "logs/user/stdout/node000",
            "logs/user/stdout/node000/process000.stdout.txt",
            "predictions.csv");
    assertThat(entries)
        .filteredOn(e -> !e.servable())
        .extracting(JobFiles.Entry::path)
        .containsExactlyInAnyOrder("logs/out.txt", "logs/outdir", "logs/dangling");
    assertThat(entries).noneMatch(e -> e.path().contains("secret"));
  }

  @Test
  void zipHoldsTheFolderButNothingALinkLeadsOutTo() throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    new JobFiles(job).zip(out);
    List<String> names = new ArrayList<>();
    StringBuilder all = new StringBuilder();
    try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(out.toByteArray()))) {
      for (ZipEntry e; (e = zip.getNextEntry()) != null; ) {
        names.add(e.getName());
        all.append(new String(zip.readAllBytes(), StandardCharsets.UTF_8));
      }
    }
    assertThat(names)
        .containsExactly(
            "logs/in.txt", "logs/user/stdout/node000/process000.stdout.txt", "predictions.csv");
    assertThat(all.toString()).doesNotContain("top secret").doesNotContain("other job");
  }

  @Test
  void readsFromAnOffsetAndKeepsUtf8Whole() throws Exception {
    Files.writeString(job.resolve("logs/grow.txt"), "héllo", StandardCharsets.UTF_8);
    JobFiles files = new JobFiles(job);
    byte[] first = files.read("logs/grow.txt", 0, 2);
    assertThat(JobPages.completeUtf8(first)).isEqualTo(1);
    assertThat(new String(files.read("logs/grow.txt", 1, 100), StandardCharsets.UTF_8))
        .isEqualTo("éllo");
    assertThat(files.read("logs/grow.txt", 100, 10)).isEmpty();
  }
}
