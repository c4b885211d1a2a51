package io.batchscore.core.output;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class RowFormatterTest {

  record Prediction(String file, String label, double score) {}

  @Test
  void charSequencesAreWrittenAsTheyAre() {
    assertThat(RowFormatter.format(new StringBuilder("007.png: Sneaker"))).isEqualTo("007.png: Sneaker");
    assertThat(RowFormatter.format("a,b \"c\"")).isEqualTo("a,b \"c\"");
  }

  @Test
  void listsArraysAndRecordsBecomeQuotedCsvColumns() {
    assertThat(RowFormatter.format(List.of("a", 1, 2.5))).isEqualTo("a,1,2.5");
    assertThat(RowFormatter.format(new Object[] {"x,y", "say \"hi\""}))
        .isEqualTo("\"x,y\",\"say \"\"hi\"\"\"");
    assertThat(RowFormatter.format(new Prediction("001.png", "Bag", 0.75)))
        .isEqualTo("001.png,Bag,0.75");
    assertThat(RowFormatter.format(Arrays.asList("a", null))).isEqualTo("a,");
  }

  @Test
  void otherObjectsUseToString() {
    assertThat(RowFormatter.format(42)).isEqualTo("42");
  }
}
