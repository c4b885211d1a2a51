package io.batchscore.core.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.batchscore.api.MiniBatch;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {

  private static final MiniBatch WHOLE =
      MiniBatch.ofFiles(4, 1, List.of(Path.of("a"), Path.of("b")));

  @Test
  void aWholeMiniBatchIsRetriedUntilItHadMaxRetriesAttempts() {
    RetryPolicy p = new RetryPolicy(3);
    assertThat(p.retries(WHOLE)).isTrue();
    MiniBatch second = p.nextAttempt(WHOLE);
    assertThat(second.attempt()).isEqualTo(2);
    assertThat(second.index()).isEqualTo(4);
    assertThat(second.files()).isEqualTo(WHOLE.files());
    assertThat(p.retries(second)).isTrue();
    assertThat(p.retries(p.nextAttempt(second))).isFalse();
  }

  @Test
  void oneAttemptMeansNoRetryAndPartsAreNeverRetried() {
    assertThat(new RetryPolicy(1).retries(WHOLE)).isFalse();
    MiniBatch part = MiniBatches.slice(WHOLE, 0, 1, "1");
    assertThat(new RetryPolicy(5).retries(part)).isFalse();
  }

  @Test
  void fewerThanOneAttemptIsRejected() {
    assertThatThrownBy(() -> new RetryPolicy(0)).hasMessageContaining("max_retries must be >= 1");
  }
}
