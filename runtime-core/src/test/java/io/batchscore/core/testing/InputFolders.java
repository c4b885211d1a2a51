package io.batchscore.core.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Input folders for tests: numbered files made in one call. */
public final class InputFolders {

  private InputFolders() {}

  /**
   * Makes {@code dir} (if missing) and in it the files {@code String.format(nameFormat, i)} for
   * {@code i} from {@code from} (inclusive) to {@code to} (exclusive), each holding {@code content}.
   *
   * @param dir the folder
   * @param nameFormat the file name's format with one integer, such as {@code f%03d.txt}
   * @param from the first number
   * @param to one past the last number
   * @param content what each file holds
   * @return the file names, in the order made
   * @throws IOException when a file cannot be written
   */
  public static List<String> files(Path dir, String nameFormat, int from, int to, String content)
      throws IOException {
    Files.createDirectories(dir);
    List<String> names = new ArrayList<>(Math.max(0, to - from));
    for (int i = from; i < to; i++) {
      String name = String.format(nameFormat, i);
      Files.writeString(dir.resolve(name), content);
      names.add(name);
    }
    return names;
  }

  /**
   * Makes {@code dir} and {@code count} empty files in it, numbered from 0.
   *
   * @param dir the folder
   * @param nameFormat the file name's format with one integer, such as {@code f%03d.txt}
   * @param count how many files
   * @return the folder
   * @throws IOException when a file cannot be written
   */
  public static Path emptyFiles(Path dir, String nameFormat, int count) throws IOException {
    files(dir, nameFormat, 0, count, "");
    return dir;
  }
}
