package io.batchscore.service.artifacts;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;

/** Crafts tar.gz archives entry by entry, names written as given (absolute ones included). */
public final class Tars {

  private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
  private final TarArchiveOutputStream tar;

  /** @param gzip whether the archive is gzip-compressed */
  public Tars(boolean gzip) throws IOException {
    OutputStream out = gzip ? new GZIPOutputStream(bytes) : bytes;
    tar = new TarArchiveOutputStream(out);
    tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
    tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
  }

  /** A tar.gz. */
  public Tars() throws IOException {
    this(true);
  }

  public Tars folder(String name) throws IOException {
    tar.putArchiveEntry(new TarArchiveEntry(name.endsWith("/") ? name : name + "/", true));
    tar.closeArchiveEntry();
    return this;
  }

  public Tars file(String name, String text) throws IOException {
    return file(name, text.getBytes(StandardCharsets.UTF_8));
  }

  public Tars file(String name, byte[] content) throws IOException {
    TarArchiveEntry entry = new TarArchiveEntry(name, true);
    entry.setSize(content.length);
    tar.putArchiveEntry(entry);
    tar.write(content);
    tar.closeArchiveEntry();
    return this;
  }

  /** A symbolic ({@code hard == false}) or hard link. */
  public Tars link(String name, String target, boolean hard) throws IOException {
    TarArchiveEntry entry =
        new TarArchiveEntry(name, hard ? TarConstants.LF_LINK : TarConstants.LF_SYMLINK, true);
    entry.setLinkName(target);
    tar.putArchiveEntry(entry);
    tar.closeArchiveEntry();
    return this;
  }

  /** An entry of another type (a FIFO, a device). */
  public Tars special(String name, byte type) throws IOException {
    tar.putArchiveEntry(new TarArchiveEntry(name, type, true));
    tar.closeArchiveEntry();
    return this;
  }

  public byte[] bytes() throws IOException {
    tar.close();
    return bytes.toByteArray();
  }
}
