package io.batchscore.core.output;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.batchscore.core.deployment.DeploymentException;
import io.batchscore.core.logs.JobLayout;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class OutputFolderTest {

  @TempDir Path tmp;

  /** @return true when another process can take the POSIX lock on the file now */
  private static boolean lockableFromAnotherProcess(Path file) throws Exception {
    Process p =
        new ProcessBuilder(
                "python3",
                "-c",
                "import fcntl,sys\n"
                    + "f = open(sys.argv[1], 'r+')\n"
                    + "try:\n  fcntl.lockf(f, fcntl.LOCK_EX | fcntl.LOCK_NB)\nexcept OSError:\n  sys.exit(3)\n",
                file.toString())
            .redirectErrorStream(true)
            .start();
    assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(new String(p.getInputStream().readAllBytes())).isIn(0, 3);
    return p.exitValue() == 0;
  }

  @Test
  void aSecondClaimInTheSameJvmIsRefusedAndLeavesTheLockHeld() throws Exception {
    JobLayout layout = new JobLayout(tmp.resolve("out"));
    Path lockFile = tmp.resolve("out").resolve(OutputFolder.LOCK_FILE);
    try (OutputFolder first = OutputFolder.claim(layout, OutputFolder.Mode.NEW)) {
      assertThatThrownBy(() -> OutputFolder.claim(layout, OutputFolder.Mode.NEW))
          .isInstanceOf(DeploymentException.class)
          .hasMessageContaining("in use by another job");
      assertThat(OutputFolder.lockHolder(tmp.resolve("out")))
          .hasValue("pid " + ProcessHandle.current().pid() + ", this process");
      assertThat(lockableFromAnotherProcess(lockFile)).as("still locked for others").isFalse();
    }
    assertThat(OutputFolder.lockHolder(tmp.resolve("out"))).isEmpty();
    assertThat(lockableFromAnotherProcess(lockFile)).isTrue();
    try (OutputFolder again = OutputFolder.claim(layout, OutputFolder.Mode.NEW)) {
      assertThat(again.heldEarlierJob()).isFalse();
    }
  }
}
