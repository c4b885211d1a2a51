package io.batchscore.core.input;

import ch.randelshofer.fastdoubleparser.JavaDoubleParser;
import io.batchscore.api.Row;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One CSV record with the column names of its file's header. Holds its values and a reference to
 * the header it shares with the other rows of its file.
 */
public final class CsvRow implements Row {

  /** A file's header: the column names and their positions; shared by the file's rows. */
  static final class Header {
    private final List<String> names;
    private final Map<String, Integer> positions;

    private Header(List<String> names, Map<String, Integer> positions) {
      this.names = names;
      this.positions = positions;
    }

    /**
     * @param names the header record's values
     * @return the header
     * @throws IllegalArgumentException naming the first duplicate column name
     */
    static Header of(String[] names) {
      Map<String, Integer> positions = new HashMap<>();
      for (int i = 0; i < names.length; i++) {
        if (positions.putIfAbsent(names[i], i) != null) {
          throw new IllegalArgumentException("the header names column '" + names[i] + "' twice");
        }
      }
      return new Header(List.of(names), Map.copyOf(positions));
    }

    int size() {
      return names.size();
    }
  }

  private final String file;
  private final long line;
  private final Header header;
  private final String[] values;

  /**
   * @param file how logs name the file (relative to the input folder)
   * @param line the line the record starts on, from 1 (the header is line 1)
   * @param header the file's header, with as many names as {@code values}
   * @param values the record's fields
   */
  CsvRow(String file, long line, Header header, String[] values) {
    this.file = file;
    this.line = line;
    this.header = header;
    this.values = values;
  }

  @Override
  public String source() {
    return file + ":" + line;
  }

  /** @return the line the record starts on, from 1 (the header is line 1) */
  public long line() {
    return line;
  }

  @Override
  public List<String> columns() {
    return header.names;
  }

  @Override
  public String get(String column) {
    Integer i = header.positions.get(column);
    if (i == null) {
      throw new IllegalArgumentException(
          source() + ": no column '" + column + "'; the header has " + header.names);
    }
    return values[i];
  }

  /**
   * {@inheritDoc} Here with FastDoubleParser, which gives {@code Double.parseDouble}'s results
   * several times faster: on the tabular example, parsing numbers was a tenth of the job's CPU.
   * It also takes some malformed strings for NaN or infinity (such as {@code E0NaN}), so those
   * two results are read again by {@code Double.parseDouble}; {@code CsvRowTest} compares the two
   * on random strings.
   */
  @Override
  public double getDouble(String column) {
    String v = get(column);
    try {
      double d = JavaDoubleParser.parseDouble(v.trim());
      return Double.isFinite(d) ? d : Double.parseDouble(v.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          source() + ": column '" + column + "' is not a number: '" + v + "'", e);
    }
  }

  @Override
  public String get(int column) {
    if (column < 0 || column >= values.length) {
      throw new IndexOutOfBoundsException(source() + ": column " + column + " of " + values.length);
    }
    return values[column];
  }

  @Override
  public String toString() {
    return source() + " " + java.util.Arrays.toString(values);
  }
}
