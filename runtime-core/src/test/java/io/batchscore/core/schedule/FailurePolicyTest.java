package io.batchscore.core.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import io.batchscore.api.MiniBatch;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class FailurePolicyTest {

  private static final Task THREE =
      new Task(MiniBatch.ofFiles(2, 1, List.of(Path.of("a"), Path.of("b"), Path.of("c"))), 0);

  private static FailurePolicy policy(int maxRetries, boolean isolate) {
    return new FailurePolicy(new RetryPolicy(maxRetries), new IsolationPolicy(isolate));
  }

  @Test
  void retriesFirstThenSplitsThenGivesUp() {
    FailurePolicy p = policy(2, true);
    FailurePolicy.Decision first = p.decide(THREE);
    assertThat(first).isInstanceOf(FailurePolicy.Retry.class);
    assertThat(first.describe()).isEqualTo("will retry (attempt 2 of 2)");
    Task second = ((FailurePolicy.Retry) first).next();
    assertThat(second.batch().attempt()).isEqualTo(2);

    FailurePolicy.Decision split = p.decide(second);
    assertThat(split.describe())
        .isEqualTo("split into parts of 1 and 2 items to isolate the failing items");
    List<Task> parts = ((FailurePolicy.Split) split).parts();
    assertThat(p.decide(parts.get(1))).isInstanceOf(FailurePolicy.Split.class);
    FailurePolicy.Decision single = p.decide(parts.get(0));
    assertThat(single).isInstanceOf(FailurePolicy.GiveUp.class);
    assertThat(single.describe()).isEqualTo("item failed");
  }

  @Test
  void withoutIsolationTheLastAttemptFailsEveryItem() {
    FailurePolicy.Decision d = policy(1, false).decide(THREE);
    assertThat(d).isEqualTo(new FailurePolicy.GiveUp(3));
    assertThat(d.describe()).isEqualTo("its 3 items failed");
  }
}
