package io.batchscore.core.output;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.apache.commons.csv.CSVFormat;
import org.junit.jupiter.api.Test;

class RowFormatterTest {

  record Prediction(String file, String label, double score) {}

  @Test
  void charSequencesAreWrittenAsTheyAre() {
    assertThat(RowFormatter.format(new StringBuilder("007.png: Sneaker")))
        .isEqualTo("007.png: Sneaker");
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
  void theCommaJoinedFastPathPrintsWhatCommonsCsvPrints() throws Exception {
    CSVFormat csv = CSVFormat.RFC4180.builder().setRecordSeparator("").get();
    char[] alphabet = "ab09.-_#!$ ,\"\r\n\t'éZ:;".toCharArray();
    Random r = new Random(20);
    int fast = 0;
    for (int k = 0; k < 20_000; k++) {
      List<Object> values = new ArrayList<>();
      int columns = 1 + r.nextInt(4);
      for (int c = 0; c < columns; c++) {
        switch (r.nextInt(6)) {
          case 0 -> values.add(r.nextInt(2000) - 1000);
          case 1 -> values.add(r.nextDouble() * (r.nextBoolean() ? 1e-7 : 1e7));
          case 2 -> values.add(r.nextLong());
          default -> {
            StringBuilder sb = new StringBuilder();
            int length = r.nextInt(5);
            for (int i = 0; i < length; i++) {
              // mostly plain characters, sometimes one that quoting is about
              sb.append(
                  r.nextInt(4) == 0
                      ? alphabet[r.nextInt(alphabet.length)]
                      : alphabet[r.nextInt(6)]);
            }
            values.add(sb.toString());
          }
        }
      }
      StringBuilder expected = new StringBuilder();
      csv.printRecord(expected, values.toArray());
      assertThat(RowFormatter.format(values)).as("%s", values).isEqualTo(expected.toString());
      if (RowFormatter.plainRow(values) != null) {
        fast++;
      }
    }
    assertThat(fast).as("rows that took the fast path").isGreaterThan(2_000);
  }

  @Test
  void otherObjectsUseToString() {
    assertThat(RowFormatter.format(42)).isEqualTo("42");
  }
}
