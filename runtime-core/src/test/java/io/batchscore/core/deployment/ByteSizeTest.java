package io.batchscore.core.deployment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ByteSizeTest {
  @TempDir Path dir;

  @ParameterizedTest(name = "{0} = {1} bytes")
  @CsvSource({
    "1MB, 1048576",
    "512KB, 524288",
    "10 mb, 10485760",
    "1.5MB, 1572864",
    "100B, 100",
    "1b, 1",
    "2GB, 2147483648",
    "1 GiB, 1073741824",
    "4k, 4096",
    "0.5KB, 512",
    "' 3 Kb ', 3072",
    "8388607GB, 9007198180999168",
  })
  void parses(String text, long bytes) {
    assertThat(ByteSize.parse(text)).isEqualTo(bytes);
  }

  @ParameterizedTest(name = "''{0}'' is not a size")
  @ValueSource(
      strings = {
        "",
        "MB",
        "10",
        "ten",
        "1TB",
        "-1MB",
        "0MB",
        "0.1B",
        "1 M B",
        "1iB",
        "1,5MB",
        "8589934592GB"
      })
  void rejects(String text) {
    assertThatIllegalArgumentException().isThrownBy(() -> ByteSize.parse(text));
  }

  @ParameterizedTest(name = "mini_batch_size: {0}")
  @CsvSource({
    "1MB, 0, 1048576",
    "'10 mb', 0, 10485760",
    "100B, 0, 100",
    "10, 10, 0",
    "'25', 25, 0"
  })
  void miniBatchSizeInADeployment(String given, int items, long bytes) throws IOException {
    Path file =
        Files.writeString(
            dir.resolve("d.yml"),
            "model: m\ncode_configuration:\n  scoring_script: a.B\n"
                + "mini_batch_size: "
                + given
                + "\n");
    assertThat(DeploymentLoader.load(file, List.of()).miniBatchSize())
        .isEqualTo(new MiniBatchSize(items, bytes));
  }
}
