package io.batchscore.service.remote;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.batchscore.service.api.ResourceSpec;
import io.batchscore.service.api.WorkspaceException;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/**
 * Uploads what the server cannot read itself, as the {@code az} CLI does: each local path of a
 * resource document (a model's or data asset's {@code path}, a deployment's {@code
 * code_configuration.code} and inline {@code model} path), resolved against the YAML file's folder
 * as locally, is packed as a tar.gz of that one file or folder (links followed, as a local copy
 * follows them), sent to {@code POST /uploads/KIND}, and replaced in the document by the path of
 * the server's copy in its workspace; so is a local input of an invocation. {@code azureml:}
 * references and URLs are sent as they are.
 */
final class FolderUploads {

  private final RestClient rest;
  private long limit = -1;

  FolderUploads(RestClient rest) {
    this.rest = rest;
  }

  /**
   * @param spec a model, data asset or deployment document
   * @param pathKind the store {@code path}/{@code local_path} go to ({@code models} or {@code
   *     data}), or {@code null} to send them as absolute paths for the server to open
   * @return a copy of the document with its local paths uploaded
   */
  ObjectNode upload(ResourceSpec spec, String pathKind) {
    ObjectNode document = spec.document().deepCopy();
    for (String key : List.of("path", "local_path")) {
      replace(
          document,
          key,
          value ->
              pathKind == null
                  ? LocalPaths.absolute(value, spec.baseDir())
                  : upload(spec, key, value, pathKind));
    }
    JsonNode model = document.get("model");
    if (model != null && model.isTextual()) {
      replace(document, "model", value -> upload(spec, "model", value, "models"));
    } else if (model instanceof ObjectNode inline) {
      replace(inline, "path", value -> upload(spec, "model.path", value, "models"));
    }
    if (document.get("code_configuration") instanceof ObjectNode code) {
      replace(code, "code", value -> upload(spec, "code_configuration.code", value, "code"));
    }
    return document;
  }

  private static void replace(ObjectNode node, String key, UnaryOperator<String> rewrite) {
    JsonNode value = node.get(key);
    if (value != null && value.isTextual()) {
      node.put(key, rewrite.apply(value.asText()));
    }
  }

  private String upload(ResourceSpec spec, String key, String value, String kind) {
    return upload(spec.source(), spec.baseDir(), key, value, kind);
  }

  /**
   * @param source what to name in messages (the YAML file, the command line)
   * @param baseDir the folder a relative path resolves against
   * @param key the key or option that gave the path
   * @param value a local path, or a reference or URL (returned as it is)
   * @param kind the store it goes to: {@code models}, {@code code} or {@code data}
   * @return the path of the server's copy
   */
  String upload(String source, Path baseDir, String key, String value, String kind) {
    if (!LocalPaths.isLocal(value)) {
      return value;
    }
    Path local = LocalPaths.resolve(value, baseDir);
    if (!Files.exists(local)) {
      throw WorkspaceException.badRequest(
          source + ": " + key + " path " + local + " does not exist");
    }
    Path archive = null;
    try {
      archive = Files.createTempFile("batchscore-upload", ".tar.gz");
      long unpacked = pack(local, archive);
      long size = Math.max(unpacked, Files.size(archive));
      if (size > limit()) {
        throw WorkspaceException.badRequest(
            source
                + ": "
                + key
                + ": "
                + local
                + " is "
                + size
                + " bytes as a tar archive, over the server's upload limit of "
                + limit()
                + " bytes (serve --max-upload-bytes)");
      }
      return rest.upload("/uploads/" + kind, archive).path("path").asText();
    } catch (IOException e) {
      throw new UncheckedIOException(source + ": " + key + ": cannot pack " + local, e);
    } catch (WorkspaceException e) {
      if (e.getMessage().startsWith(source + ": ")) {
        throw e;
      }
      throw new WorkspaceException(
          e.kind(), source + ": " + key + ": uploading " + local + ": " + e.getMessage());
    } finally {
      deleteQuietly(archive);
    }
  }

  /** @return the server's upload limit in bytes, asked once */
  private long limit() {
    if (limit < 0) {
      limit = rest.get("/uploads", JsonNode.class).path("max_upload_bytes").asLong();
    }
    return limit;
  }

  /**
   * Writes a tar.gz of one file or folder under its own name: folders and regular files (a link
   * is followed; anything else is left out).
   *
   * @param source the file or folder
   * @param archive the file to write
   * @return the size of the tar archive before compression
   * @throws IOException when a file cannot be read or the archive written
   */
  static long pack(Path source, Path archive) throws IOException {
    Path top = source.toAbsolutePath().normalize();
    String name = top.getFileName() == null ? "root" : top.getFileName().toString();
    try (OutputStream file = Files.newOutputStream(archive);
        TarArchiveOutputStream tar =
            new TarArchiveOutputStream(new GZIPOutputStream(file, 1 << 16))) {
      tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
      tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
      List<Path> paths;
      try (Stream<Path> walk = Files.walk(top)) {
        paths = walk.sorted().toList();
      }
      for (Path p : paths) {
        String relative = top.relativize(p).toString().replace('\\', '/');
        String entryName = relative.isEmpty() ? name : name + "/" + relative;
        if (Files.isDirectory(p)) {
          tar.putArchiveEntry(new TarArchiveEntry(entryName + "/"));
          tar.closeArchiveEntry();
        } else if (Files.isRegularFile(p)) {
          TarArchiveEntry entry = new TarArchiveEntry(entryName);
          entry.setSize(Files.size(p));
          entry.setModTime(Files.getLastModifiedTime(p));
          tar.putArchiveEntry(entry);
          Files.copy(p, tar);
          tar.closeArchiveEntry();
        }
      }
      tar.finish();
      return tar.getBytesWritten();
    }
  }

  private static void deleteQuietly(Path file) {
    if (file != null) {
      try {
        Files.deleteIfExists(file);
      } catch (IOException ignored) {
        // a temporary file left behind is harmless
      }
    }
  }
}
