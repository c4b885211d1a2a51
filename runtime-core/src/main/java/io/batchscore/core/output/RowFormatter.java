package io.batchscore.core.output;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.commons.csv.CSVFormat;

/**
 * Turns one element returned by {@code Scorer.run} into one output row: a {@link CharSequence}
 * as it is; a {@link List}, an {@code Object[]} or a {@link Record} as RFC 4180 CSV columns;
 * anything else with {@link String#valueOf}.
 */
public final class RowFormatter {

  private static final CSVFormat CSV = CSVFormat.RFC4180.builder().setRecordSeparator("").get();

  private RowFormatter() {}

  /**
   * @param element a non-null element of a result list
   * @return the row, without a line terminator
   */
  public static String format(Object element) {
    if (element instanceof CharSequence cs) {
      return cs.toString();
    }
    if (element instanceof List<?> list) {
      return csv(list);
    }
    if (element instanceof Object[] array) {
      return csv(Arrays.asList(array));
    }
    if (element instanceof Record record) {
      List<Object> values = new ArrayList<>();
      for (RecordComponent c : record.getClass().getRecordComponents()) {
        try {
          values.add(c.getAccessor().invoke(record));
        } catch (ReflectiveOperationException e) {
          throw new IllegalStateException("cannot read " + c.getName() + " of " + record, e);
        }
      }
      return csv(values);
    }
    return String.valueOf(element);
  }

  private static String csv(List<?> values) {
    try {
      StringBuilder sb = new StringBuilder();
      CSV.printRecord(sb, values.toArray());
      return sb.toString();
    } catch (IOException e) {
      throw new UncheckedIOException(e); // appending to a StringBuilder does not fail
    }
  }
}
