package io.batchscore.core.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ErrorThresholdTest {

  @Test
  void oneFailedItemMoreThanTheThresholdExceedsIt() {
    ErrorThreshold t = new ErrorThreshold(3);
    assertThat(t.exceededBy(3)).isFalse();
    assertThat(t.exceededBy(4)).isTrue();
    assertThat(t.reason(4)).isEqualTo("error_threshold 3 exceeded: 4 items failed");
  }

  @Test
  void zeroToleratesNoneAndANegativeThresholdEverything() {
    assertThat(new ErrorThreshold(0).exceededBy(0)).isFalse();
    assertThat(new ErrorThreshold(0).exceededBy(1)).isTrue();
    assertThat(new ErrorThreshold(-1).exceededBy(Long.MAX_VALUE)).isFalse();
  }
}
