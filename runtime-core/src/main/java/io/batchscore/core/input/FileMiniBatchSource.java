package io.batchscore.core.input;

import com.google.common.base.Preconditions;
import io.batchscore.api.MiniBatch;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * File input: a single file, or every file under a folder (recursively, in
 * {@link SortedFileWalker} order), cut into mini-batches of a fixed number of files.
 */
public final class FileMiniBatchSource implements MiniBatchSource {

  private final SortedFileWalker files;
  private final int batchSize;
  private final ListingDigest digest;
  private String listingDigest = "";
  private long nextIndex;
  private long listed;

  /**
   * @param input a file or a folder
   * @param batchSize files per mini-batch, at least 1
   */
  public FileMiniBatchSource(Path input, int batchSize) {
    this(input, batchSize, SkippedEntries.counting());
  }

  /**
   * @param input a file or a folder
   * @param batchSize files per mini-batch, at least 1
   * @param skipped told of the entries the listing passes over
   */
  public FileMiniBatchSource(Path input, int batchSize, SkippedEntries skipped) {
    Preconditions.checkArgument(batchSize > 0, "mini_batch_size must be > 0, got %s", batchSize);
    this.batchSize = batchSize;
    this.digest = new ListingDigest(input);
    this.files = new SortedFileWalker(input, skipped);
  }

  @Override
  public MiniBatch next() throws IOException {
    List<Path> batch = new ArrayList<>(batchSize);
    try {
      while (batch.size() < batchSize && files.hasNext()) {
        Path file = files.next();
        digest.add(file, files.attributes());
        batch.add(file);
      }
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
    if (batch.isEmpty()) {
      return null;
    }
    listed += batch.size();
    listingDigest = digest.snapshot();
    return MiniBatch.ofFiles(nextIndex++, 1, batch);
  }

  @Override
  public String listingDigest() {
    return listingDigest;
  }

  @Override
  public long itemsListed() {
    return listed;
  }
}
