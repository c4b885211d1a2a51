package io.batchscore.service.http;

import io.batchscore.service.artifacts.ArchiveUnpacker;
import io.batchscore.service.artifacts.ArtifactStore;
import io.batchscore.service.artifacts.StoredArtifact;
import io.batchscore.service.artifacts.UploadTooLargeException;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * {@code POST /uploads/KIND}: a tar or tar.gz of one local file or folder that the CLI
 * could read and the server cannot ({@code KIND} is {@code models}, {@code code} or {@code
 * data}), unpacked into the workspace's artifact store by {@link ArchiveUnpacker}'s rules. Models
 * and code need an admin, as creating the resources that name them does; data needs an invoker,
 * who may invoke a job on a local folder as {@code az ml batch-endpoint invoke --input DIR} does. The
 * answer's {@code path} lies in the workspace, so a model, data asset or deployment document may
 * name it whatever the {@code --allow-path} roots are. Bodies over the upload limit get 413, from
 * their {@code Content-Length} before anything is unpacked (read and dropped up to 8 MB, so the
 * answer is not lost to a reset connection), or as soon as the count passes it; {@code
 * GET /uploads} tells the limit, so that the CLI refuses a folder over it before sending it.
 */
final class UploadRoutes implements RouteSet {

  static final Set<String> KINDS = Set.of("models", "code", "data");

  /** Refused bodies up to this size are read and dropped before the 413 ({@link #drain}). */
  static final long DRAIN_MAX_BYTES = 8L << 20;

  private final ArtifactStore store;
  private final long maxBytes;

  UploadRoutes(ArtifactStore store, long maxBytes) {
    this.store = store;
    this.maxBytes = maxBytes;
  }

  @Override
  public void declare(RoutesConfig routes) {
    routes.get(
        "/uploads",
        ctx ->
            ctx.json(
                Map.of("max_upload_bytes", maxBytes, "kinds", KINDS.stream().sorted().toList())),
        Access.READER);
    // declared before /uploads/{kind}: the first route that matches serves a request
    routes.post("/uploads/data", this::upload, Access.INVOKER);
    routes.post("/uploads/{kind}", this::upload, Access.ADMIN);
  }

  private void upload(Context ctx) throws IOException {
    String kind = ctx.pathParamMap().getOrDefault("kind", "data");
    if (!KINDS.contains(kind)) {
      throw ApiException.notFound("kind: '" + kind + "' is not one of " + KINDS);
    }
    long declared = ctx.req().getContentLengthLong();
    if (declared > maxBytes) {
      if (declared <= DRAIN_MAX_BYTES) {
        drain(ctx.req().getInputStream(), declared);
      }
      throw tooLarge();
    }
    Path staging = store.newStagingFolder();
    try {
      String name = new ArchiveUnpacker(maxBytes).unpack(ctx.req().getInputStream(), staging);
      StoredArtifact stored = store.storeStaged(kind, staging, name);
      Map<String, Object> body = new LinkedHashMap<>();
      body.put("kind", kind);
      body.put("name", name);
      body.put("path", stored.path().toRealPath().toString());
      body.put("sha256", stored.sha256());
      ctx.status(201).json(body);
    } catch (UploadTooLargeException e) {
      ArtifactStore.deleteTree(staging);
      throw tooLarge();
    } catch (IOException | RuntimeException e) {
      ArtifactStore.deleteTree(staging);
      throw e;
    }
  }

  /**
   * Reads and drops a refused body: closing a connection whose body is still arriving resets it,
   * and the client may then lose the 413 for a reset. Bounded by the body's Content-Length and
   * {@link #DRAIN_MAX_BYTES}; larger bodies are refused unread (the CLI asks the limit first).
   */
  private static void drain(InputStream in, long declared) throws IOException {
    byte[] buf = new byte[8192];
    long left = declared;
    int n;
    while (left > 0 && (n = in.read(buf, 0, (int) Math.min(buf.length, left))) > 0) {
      left -= n;
    }
  }

  private ApiException tooLarge() {
    return new ApiException(
        413,
        "ContentTooLarge",
        "body: the upload is larger than the"
            + " server's limit of "
            + maxBytes
            + " bytes (serve --max-upload-bytes)");
  }
}
