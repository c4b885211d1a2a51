package io.batchscore.spark.executor;

import io.batchscore.api.Row;
import java.io.Serializable;
import java.util.List;

/**
 * A tabular row as it travels to an executor: its source, column names and values.
 *
 * @param source {@code file:line}
 * @param columns the header's names
 * @param values the row's values, one per column
 */
public record SerialRow(String source, List<String> columns, List<String> values)
    implements Row, Serializable {

  /**
   * @param r a row of the job's input
   * @param columns its columns (one list shared by the rows of a file)
   * @return its copy
   */
  public static SerialRow of(Row r, List<String> columns) {
    String[] values = new String[columns.size()];
    for (int i = 0; i < values.length; i++) {
      values[i] = r.get(i);
    }
    return new SerialRow(r.source(), columns, java.util.Arrays.asList(values));
  }

  @Override
  public String get(String column) {
    int i = columns.indexOf(column);
    if (i < 0) {
      throw new IllegalArgumentException(
          source + ": no column '" + column + "'; the header has " + columns);
    }
    return values.get(i);
  }

  @Override
  public String get(int column) {
    return values.get(column);
  }
}
