package io.batchscore.service.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Publishing a completed job's predictions to its UriFile output. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class OutputFileTest {

  @TempDir Path tmp;

  @Test
  void publishesWholeIntoANewFolderAndAgainIsANoOp() throws Exception {
    Path predictions =
        Files.writeString(
            Files.createDirectories(tmp.resolve("job")).resolve("predictions.csv"), "a,1\nb,2\n");
    Path target = tmp.resolve("out/sub/predictions.csv");
    assertThat(OutputFile.publish(predictions, target)).isNull();
    assertThat(target).hasContent("a,1\nb,2");
    assertThat(predictions).as("the job's folder keeps its copy").exists();
    assertThat(OutputFile.publish(predictions, target)).as("after a runner restart").isNull();
    try (var files = Files.list(target.getParent())) {
      assertThat(files).containsExactly(target);
    }
  }

  @Test
  void neverReplacesAFileThatAppearedMeanwhile() throws Exception {
    Path predictions = Files.writeString(tmp.resolve("predictions.csv"), "new\n");
    Path target = Files.writeString(tmp.resolve("taken.csv"), "someone else's\n");
    assertThat(OutputFile.publish(predictions, target))
        .contains(target.toString())
        .contains("never overwrites")
        .contains(predictions.toString());
    assertThat(target).hasContent("someone else's");
  }

  @Test
  void aJobWithoutPredictionsPublishesNothing() {
    Path target = tmp.resolve("out.csv");
    assertThat(OutputFile.publish(tmp.resolve("missing.csv"), target)).contains("no predictions");
    assertThat(target).doesNotExist();
  }
}
