package io.batchscore.spark;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.Deflater;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Packs a folder (the scorer's code, the model) into a zip for {@code SparkContext.addArchive}:
 * entries relative to the folder, stored without compression (jars and model weights do not
 * shrink, and packing stays at disk speed).
 */
final class FolderArchive {

  private FolderArchive() {}

  /**
   * @param folder what to pack
   * @param zip the archive to write
   * @return {@code zip}
   * @throws IOException when a file cannot be read or the archive written
   */
  static Path zip(Path folder, Path zip) throws IOException {
    List<Path> files;
    try (Stream<Path> walk = Files.walk(folder)) {
      files = walk.filter(Files::isRegularFile).sorted().toList();
    }
    try (OutputStream raw = Files.newOutputStream(zip);
        ZipOutputStream out = new ZipOutputStream(new java.io.BufferedOutputStream(raw, 1 << 16))) {
      out.setLevel(Deflater.NO_COMPRESSION);
      for (Path f : files) {
        out.putNextEntry(new ZipEntry(folder.relativize(f).toString().replace('\\', '/')));
        Files.copy(f, out);
        out.closeEntry();
      }
    }
    return zip;
  }
}
