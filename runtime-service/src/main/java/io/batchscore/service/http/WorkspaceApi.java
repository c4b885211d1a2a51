package io.batchscore.service.http;

import io.batchscore.service.api.JobInfo;
import io.batchscore.service.api.WorkspaceService;
import io.batchscore.service.artifacts.ArtifactStore;
import io.batchscore.service.auth.AllowedRoots;
import io.batchscore.service.auth.RevokedTokens;
import io.batchscore.service.auth.TokenVerifier;
import io.batchscore.service.studio.StudioRoutes;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * Starts an {@link ApiServer} serving one workspace: its resources, uploads, jobs and scoring URIs,
 * and the studio's pages.
 */
public final class WorkspaceApi {

  private WorkspaceApi() {}

  /**
   * @param options where and how to listen
   * @param workspace the workspace's operations
   * @param tokens the verifier of bearer tokens
   * @param roots the folders request paths must stay under
   * @param revoked the workspace's revoked tokens ({@code DELETE /tokens/ID} appends to it)
   * @return the running server
   */
  public static ApiServer start(
      ServerOptions options,
      WorkspaceService workspace,
      TokenVerifier tokens,
      AllowedRoots roots,
      RevokedTokens revoked) {
    Supplier<Map<String, Long>> jobsByState =
        () ->
            workspace.listJobs(null, null).stream()
                .collect(Collectors.groupingBy(JobInfo::status, Collectors.counting()));
    return ApiServer.start(
        options,
        tokens,
        jobsByState,
        List.of(
            new ResourceRoutes(workspace, roots),
            new JobRoutes(workspace, roots, revoked),
            new UploadRoutes(
                new ArtifactStore(Path.of(workspace.info().path(), "artifacts")),
                options.maxUploadBytes()),
            new StudioRoutes(workspace, tokens, roots, options.tls())));
  }
}
