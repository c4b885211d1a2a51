package io.batchscore.core.input;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.batchscore.api.Row;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * A CSV row's {@code getDouble} (FastDoubleParser) reads every string as the {@link Row} default
 * ({@code Double.parseDouble} of the trimmed value) does: the same bits, or the same rejection.
 */
class CsvRowTest {

  private static final String[] PIECES = {
    "0",
    "1",
    "7",
    "9",
    "12345678901234567890",
    ".",
    "e",
    "E",
    "-",
    "+",
    " ",
    "\t",
    "x",
    "NaN",
    "Infinity",
    "0x1p3",
    "d",
    "f",
    "_",
    "00",
    "5e-324",
    "1.7976931348623157e308",
    "2.2250738585072011e-308"
  };

  @Test
  void parsesNumbersAsDoubleParseDoubleDoes() {
    CsvRow.Header header = CsvRow.Header.of(new String[] {"v"});
    Random random = new Random(7);
    int numbers = 0;
    for (int i = 0; i < 20_000; i++) {
      StringBuilder sb = new StringBuilder();
      int n = 1 + random.nextInt(6);
      for (int k = 0; k < n; k++) {
        sb.append(PIECES[random.nextInt(PIECES.length)]);
      }
      if (random.nextBoolean()) { // plain decimals, the common case, with many digits
        sb.setLength(0);
        sb.append(random.nextLong() % 1_000_000_000_000L)
            .append('.')
            .append(random.nextInt(1_000_000));
        if (random.nextInt(4) == 0) {
          sb.append('e').append(random.nextInt(80) - 40);
        }
      }
      String v = sb.toString();
      CsvRow row = new CsvRow("f.csv", 2, header, new String[] {v});
      Row reference = byDefault(row);
      Double expected;
      try {
        expected = reference.getDouble("v");
      } catch (IllegalArgumentException e) {
        expected = null;
      }
      if (expected == null) {
        assertThatThrownBy(() -> row.getDouble("v"))
            .as("'%s'", v)
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessage("f.csv:2: column 'v' is not a number: '" + v + "'");
      } else {
        numbers++;
        assertThat(Double.doubleToRawLongBits(row.getDouble("v")))
            .as("'%s'", v)
            .isEqualTo(Double.doubleToRawLongBits(expected));
        assertThat(Float.floatToRawIntBits(row.getFloat("v")))
            .as("'%s'", v)
            .isEqualTo(Float.floatToRawIntBits(reference.getFloat("v")));
      }
    }
    assertThat(numbers).isGreaterThan(10_000);
  }

  /** The same row with {@link Row}'s default number parsing. */
  private static Row byDefault(CsvRow row) {
    return new Row() {
      @Override
      public String source() {
        return row.source();
      }

      @Override
      public List<String> columns() {
        return row.columns();
      }

      @Override
      public String get(String column) {
        return row.get(column);
      }

      @Override
      public String get(int column) {
        return row.get(column);
      }
    };
  }
}
