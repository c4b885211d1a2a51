package io.batchscore.core.input;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * A running SHA-256 of the files a source has listed, in listing order: each file's name
 * relative to the input, its size and its modification time. A source takes a {@link #snapshot}
 * after each mini-batch; the job records it with the mini-batch's commit, and {@code --resume}
 * lists the input again and compares, so a resumed job never continues from rows that belong to
 * files since added, removed, renamed or modified. It is the source's own listing, hashed as it
 * goes: no second walk of the input, and memory that does not grow with it.
 */
final class ListingDigest {

  private final MessageDigest sha256;
  private final int rootPrefix; // characters of "<input>/" to drop from a listed path
  private final byte[] numbers = new byte[16];

  /** @param input the input folder, or the single input file */
  ListingDigest(Path input) {
    try {
      this.sha256 = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("this JVM has no SHA-256", e);
    }
    this.rootPrefix = input.toString().length() + 1;
  }

  /**
   * Adds a listed file.
   *
   * @param file a file under the input folder, or the input file itself
   * @param attributes its attributes, as listed
   */
  void add(Path file, BasicFileAttributes attributes) {
    String p = file.toString();
    String name = p.length() > rootPrefix ? p.substring(rootPrefix)
        : String.valueOf(file.getFileName());
    sha256.update(name.getBytes(StandardCharsets.UTF_8));
    long size = attributes.size();
    long modified = attributes.lastModifiedTime().toMillis();
    for (int i = 0; i < 8; i++) {
      numbers[i] = (byte) (size >>> (56 - 8 * i));
      numbers[8 + i] = (byte) (modified >>> (56 - 8 * i));
    }
    sha256.update((byte) 0);
    sha256.update(numbers);
  }

  /**
   * Adds a listed file, reading its attributes.
   *
   * @param file the file
   * @throws IOException when its attributes cannot be read
   */
  void add(Path file) throws IOException {
    add(file, Files.readAttributes(file, BasicFileAttributes.class));
  }

  /** @return the digest of everything added so far, in hex (128 bits of the SHA-256) */
  String snapshot() {
    byte[] d;
    try {
      d = ((MessageDigest) sha256.clone()).digest();
    } catch (CloneNotSupportedException e) {
      throw new IllegalStateException("SHA-256 digest cannot be cloned", e);
    }
    char[] hex = new char[32];
    for (int i = 0; i < 16; i++) {
      hex[2 * i] = Character.forDigit((d[i] >> 4) & 0xf, 16);
      hex[2 * i + 1] = Character.forDigit(d[i] & 0xf, 16);
    }
    return new String(hex);
  }
}
