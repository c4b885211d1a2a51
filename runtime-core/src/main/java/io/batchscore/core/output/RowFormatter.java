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
    String plain = plainRow(values);
    if (plain != null) {
      return plain;
    }
    try {
      StringBuilder sb = new StringBuilder();
      CSV.printRecord(sb, values.toArray());
      return sb.toString();
    } catch (IOException e) {
      throw new UncheckedIOException(e); // appending to a StringBuilder does not fail
    }
  }

  /**
   * The common case without commons-csv's per-value work: when every value is a {@link String} or
   * a boxed number whose text no quoting rule of RFC 4180's minimal quoting can touch (printable
   * ASCII, no comma or double quote, not empty, not starting with a character up to {@code '#'}),
   * the row is the texts joined by commas, what commons-csv prints for them.
   *
   * @return the row, or null when a value may need quoting (commons-csv decides then)
   */
  static String plainRow(List<?> values) {
    int n = values.size();
    if (n == 0) {
      return null;
    }
    StringBuilder sb = new StringBuilder(16 * n);
    for (int i = 0; i < n; i++) {
      Object v = values.get(i);
      String text;
      if (v instanceof String str) {
        text = str;
      } else if (v instanceof Integer
          || v instanceof Long
          || v instanceof Double
          || v instanceof Float) {
        text = v.toString();
      } else {
        return null;
      }
      if (!plain(text)) {
        return null;
      }
      if (i > 0) {
        sb.append(',');
      }
      sb.append(text);
    }
    return sb.toString();
  }

  private static boolean plain(String text) {
    int n = text.length();
    if (n == 0 || text.charAt(0) <= '#') {
      return false;
    }
    for (int i = 0; i < n; i++) {
      char c = text.charAt(i);
      if (c <= ' ' || c >= 0x7f || c == ',' || c == '"') {
        return false;
      }
    }
    return true;
  }
}
