package io.batchscore.service.jobs;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Publishes a completed job's predictions file to its UriFile output: the file appears whole or
 * not at all, and an existing file is never replaced. The job's folder keeps its own copy.
 */
final class OutputFile {

  private OutputFile() {}

  /**
   * @param predictions the predictions file in the job's output folder
   * @param target the UriFile output
   * @return null when published (now or by an earlier call), else why not
   */
  static String publish(Path predictions, Path target) {
    if (!Files.isRegularFile(predictions)) {
      return "the job wrote no predictions file " + predictions;
    }
    try {
      Files.createDirectories(target.getParent());
      try {
        Files.createLink(target, predictions);
        return null;
      } catch (FileAlreadyExistsException e) {
        return sameFile(target, predictions) ? null : exists(target, predictions);
      } catch (IOException | UnsupportedOperationException otherFileSystem) {
        return copy(predictions, target);
      }
    } catch (IOException e) {
      return "could not publish the predictions to " + target + ": " + e.getMessage();
    }
  }

  /** Copies beside the target, then links the whole copy in: a link never replaces a file. */
  private static String copy(Path predictions, Path target) throws IOException {
    Path partial = target.resolveSibling("." + target.getFileName() + ".partial");
    Files.deleteIfExists(partial);
    Files.copy(predictions, partial);
    try {
      Files.createLink(target, partial);
    } catch (FileAlreadyExistsException e) {
      return exists(target, predictions);
    } catch (UnsupportedOperationException | IOException noLinks) {
      try {
        Files.move(partial, target);
      } catch (FileAlreadyExistsException e) {
        return exists(target, predictions);
      }
    } finally {
      Files.deleteIfExists(partial);
    }
    return null;
  }

  /** Whether the target already holds these predictions (published by an earlier call). */
  private static boolean sameFile(Path a, Path b) {
    try {
      return Files.mismatch(a, b) == -1L;
    } catch (IOException e) {
      return false;
    }
  }

  private static String exists(Path target, Path predictions) {
    return "output "
        + target
        + " appeared while the job ran; a job never overwrites an output"
        + " file (its predictions are in "
        + predictions
        + ")";
  }
}
