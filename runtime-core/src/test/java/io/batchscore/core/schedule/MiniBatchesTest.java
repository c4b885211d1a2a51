package io.batchscore.core.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import io.batchscore.api.MiniBatch;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class MiniBatchesTest {

  private static final MiniBatch B =
      MiniBatch.ofFiles(9, 1, List.of(Path.of("a"), Path.of("b"), Path.of("c")));

  @Test
  void anotherAttemptKeepsItsItemsIndexAndPart() {
    MiniBatch part = MiniBatches.slice(B, 1, 3, "2");
    MiniBatch again = MiniBatches.withAttempt(part, 2);
    assertThat(again.attempt()).isEqualTo(2);
    assertThat(again.index()).isEqualTo(9);
    assertThat(again.part()).isEqualTo("2");
    assertThat(again.files()).containsExactly(Path.of("b"), Path.of("c"));
    assertThat(again).hasToString("mini-batch 9 part 2 (2 items, attempt 2)");
  }

  @Test
  void runtimeOnlyOperationsAreNotPartOfTheScorersApi() {
    List<String> methods =
        Arrays.stream(MiniBatch.class.getMethods())
            .filter(m -> !Modifier.isStatic(m.getModifiers()))
            .filter(m -> m.getDeclaringClass() == MiniBatch.class)
            .map(Method::getName)
            .toList();
    assertThat(methods)
        .containsExactlyInAnyOrder(
            "index",
            "part",
            "attempt",
            "size",
            "isTabular",
            "files",
            "rows",
            "itemName",
            "toString");
  }
}
