package io.batchscore.core.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import io.batchscore.api.MiniBatch;
import io.batchscore.api.Row;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class IsolationPolicyTest {

  private static MiniBatch files(int n) {
    List<Path> files = new java.util.ArrayList<>();
    for (int i = 0; i < n; i++) {
      files.add(Path.of("f" + i));
    }
    return MiniBatch.ofFiles(7, 3, files);
  }

  @Test
  void aFailedMiniBatchSplitsIntoHalvesNamedBelowItsPart() {
    IsolationPolicy p = new IsolationPolicy(true);
    List<Task> halves = p.split(new Task(files(5), 0));
    assertThat(halves).hasSize(2);
    assertThat(halves.get(0).batch().files()).containsExactly(Path.of("f0"), Path.of("f1"));
    assertThat(halves.get(0).batch().part()).isEqualTo("1");
    assertThat(halves.get(0).offset()).isZero();
    assertThat(halves.get(1).batch().files())
        .containsExactly(Path.of("f2"), Path.of("f3"), Path.of("f4"));
    assertThat(halves.get(1).batch().part()).isEqualTo("2");
    assertThat(halves.get(1).offset()).isEqualTo(2);
    assertThat(halves)
        .allSatisfy(
            t -> {
              assertThat(t.batch().attempt()).isEqualTo(1);
              assertThat(t.batch().index()).isEqualTo(7);
            });

    List<Task> quarters = p.split(halves.get(1));
    assertThat(quarters.get(0).batch().part()).isEqualTo("2/1");
    assertThat(quarters.get(0).offset()).isEqualTo(2);
    assertThat(quarters.get(1).batch().part()).isEqualTo("2/2");
    assertThat(quarters.get(1).offset()).isEqualTo(3);
    assertThat(quarters.get(1).batch().files()).containsExactly(Path.of("f3"), Path.of("f4"));
  }

  private static Row row(String source) {
    return new Row() {
      @Override
      public String source() {
        return source;
      }

      @Override
      public List<String> columns() {
        return List.of("a");
      }

      @Override
      public String get(String column) {
        return source;
      }

      @Override
      public String get(int column) {
        return source;
      }
    };
  }

  @Test
  void tabularRowsSplitAlike() {
    MiniBatch rows = MiniBatch.ofRows(0, 1, List.of(row("t:2"), row("t:3")));
    List<Task> halves = new IsolationPolicy(true).split(new Task(rows, 0));
    assertThat(halves.get(0).batch().rows()).extracting(Row::source).containsExactly("t:2");
    assertThat(halves.get(1).batch().rows()).extracting(Row::source).containsExactly("t:3");
  }

  @Test
  void singleItemsAndDisabledIsolationAreNotSplit() {
    assertThat(new IsolationPolicy(true).splits(files(1))).isFalse();
    assertThat(new IsolationPolicy(true).splits(files(2))).isTrue();
    assertThat(new IsolationPolicy(false).splits(files(2))).isFalse();
  }
}
