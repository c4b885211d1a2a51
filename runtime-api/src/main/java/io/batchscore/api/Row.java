package io.batchscore.api;

import java.util.List;

/**
 * One row of tabular input, with typed access by column name (the header's names).
 *
 * <p>Typed getters throw {@link IllegalArgumentException} naming the column, the value and
 * {@link #source()} when a value does not parse; the runtime then counts the item as failed
 * with that message, if the scorer lets the exception out of {@code run}.
 */
public interface Row {

  /** @return where the row comes from, as {@code file:line} (line of the record's start, from 1) */
  String source();

  /** @return the column names, from the file's header */
  List<String> columns();

  /**
   * @param column a column name from the header
   * @return the raw value; {@code ""} for an empty field
   * @throws IllegalArgumentException when the header has no such column
   */
  String get(String column);

  /**
   * @param column a column's position, from 0
   * @return the raw value
   */
  String get(int column);

  /**
   * @param column a column name
   * @return the value as a long
   */
  default long getLong(String column) {
    String v = get(column);
    try {
      return Long.parseLong(v.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          source() + ": column '" + column + "' is not an integer: '" + v + "'", e);
    }
  }

  /**
   * @param column a column name
   * @return the value as a double
   */
  default double getDouble(String column) {
    String v = get(column);
    try {
      return Double.parseDouble(v.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          source() + ": column '" + column + "' is not a number: '" + v + "'", e);
    }
  }

  /**
   * @param column a column name
   * @return the value as a float
   */
  default float getFloat(String column) {
    return (float) getDouble(column);
  }

  /**
   * @param column a column name
   * @return true for {@code true}, {@code 1} or {@code yes} (any case), false for
   *     {@code false}, {@code 0} or {@code no}
   */
  default boolean getBoolean(String column) {
    String v = get(column).trim().toLowerCase(java.util.Locale.ROOT);
    switch (v) {
      case "true", "1", "yes" -> {
        return true;
      }
      case "false", "0", "no" -> {
        return false;
      }
      default ->
          throw new IllegalArgumentException(
              source() + ": column '" + column + "' is not a boolean: '" + v + "'");
    }
  }
}
