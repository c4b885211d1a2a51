package io.batchscore.core.python;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What {@code AZUREML_MODEL_DIR} is for a local {@code model.path}: as in the cloud, the model's
 * own file or folder name is kept under it. A fresh folder holds one symbolic link named like the
 * model ({@code model.path: ../model} gives {@code $AZUREML_MODEL_DIR/model/...}, {@code
 * model.path: ../model/weights.pth} gives {@code $AZUREML_MODEL_DIR/weights.pth}); the model is
 * neither copied nor moved.
 */
final class ModelDirLink {

  private ModelDirLink() {}

  /**
   * @param model the model's file or folder, absolute
   * @return a new folder holding the link
   * @throws IOException when the folder or link cannot be made
   */
  static Path create(Path model) throws IOException {
    Path dir = Files.createTempDirectory("batchscore-model-");
    Path name = model.getFileName();
    Files.createSymbolicLink(dir.resolve(name == null ? Path.of("model") : name), model);
    return dir;
  }

  /** Removes a folder made by {@link #create}: its link (not the model), then itself. */
  static void delete(Path dir) {
    if (dir == null) {
      return;
    }
    try (var links = Files.list(dir)) {
      for (Path link : links.toList()) {
        Files.deleteIfExists(link);
      }
      Files.deleteIfExists(dir);
    } catch (IOException e) {
      // gone already, or left for the temp folder's cleaner
    }
  }
}
