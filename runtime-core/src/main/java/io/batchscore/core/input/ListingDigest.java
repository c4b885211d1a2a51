package io.batchscore.core.input;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.zip.CRC32;
import java.util.zip.CRC32C;
import java.util.zip.Checksum;

/**
 * A running checksum of the files a source has listed, in listing order: each file's name
 * relative to the input, its size and its modification time. A source takes a {@link #snapshot}
 * after each mini-batch; the job records it with the mini-batch's commit, and {@code --resume}
 * lists the input again and compares, so a resumed job never continues from rows that belong to
 * files since added, removed, renamed or modified. It is the source's own listing, summed as it
 * goes: no second walk of the input, and memory that does not grow with it.
 *
 * <p>64 bits: CRC-32C and CRC-32 of the same bytes. It guards against accidents (a file changed
 * between a run and its resume), not against someone forging a listing; both are CPU
 * intrinsics, several times cheaper per file than a SHA-256 (benchmarks/README.md, note 10).
 */
final class ListingDigest {

  private final Checksum crc32c = new CRC32C();
  private final Checksum crc32 = new CRC32();
  private final Path input;
  private final String inputPrefix; // "<input>/": what a listed file's path starts with
  private final byte[] numbers = new byte[17];

  /** @param input the input folder, or the single input file */
  ListingDigest(Path input) {
    this.input = input;
    String root = input.toString();
    String separator = input.getFileSystem().getSeparator();
    this.inputPrefix = root.isEmpty() || root.endsWith(separator) ? root : root + separator;
  }

  /**
   * Adds a listed file.
   *
   * @param file a file under the input folder, or the input file itself
   * @param attributes its attributes, as listed
   */
  void add(Path file, BasicFileAttributes attributes) {
    String p = file.toString();
    String name;
    if (p.length() > inputPrefix.length() && p.startsWith(inputPrefix)) {
      name = p.substring(inputPrefix.length()); // no Path made: this runs for every file
    } else if (file.equals(input)) {
      name = String.valueOf(file.getFileName()); // the single input file
    } else {
      name = input.relativize(file).toString();
    }
    byte[] bytes = name.getBytes(StandardCharsets.UTF_8);
    long size = attributes.size();
    long modified = attributes.lastModifiedTime().toMillis();
    numbers[0] = 0; // ends the name
    for (int i = 0; i < 8; i++) {
      numbers[1 + i] = (byte) (size >>> (56 - 8 * i));
      numbers[9 + i] = (byte) (modified >>> (56 - 8 * i));
    }
    crc32c.update(bytes, 0, bytes.length);
    crc32c.update(numbers, 0, numbers.length);
    crc32.update(bytes, 0, bytes.length);
    crc32.update(numbers, 0, numbers.length);
  }

  /** @return the checksum of everything added so far, 16 hex digits */
  String snapshot() {
    long v = crc32c.getValue() << 32 | crc32.getValue();
    String hex = Long.toHexString(v);
    return "0".repeat(16 - hex.length()).concat(hex);
  }
}
