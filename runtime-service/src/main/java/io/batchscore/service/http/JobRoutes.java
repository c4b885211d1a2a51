package io.batchscore.service.http;

import io.batchscore.service.api.InvokeRequest;
import io.batchscore.service.api.JobInfo;
import io.batchscore.service.api.WorkspaceService;
import io.batchscore.service.auth.AllowedRoots;
import io.batchscore.service.auth.RevokedTokens;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The scoring URI ({@code POST /endpoints/NAME/jobs}, header {@code azureml-model-deployment} for
 * a deployment other than the default), the jobs (show, list, log, output files, cancel, resume,
 * delete) and token revocation.
 */
final class JobRoutes implements RouteSet {

  /** The header that picks a deployment, as in the cloud. */
  static final String DEPLOYMENT_HEADER = "azureml-model-deployment";

  private final WorkspaceService workspace;
  private final RequestPaths paths;
  private final RevokedTokens revoked;

  JobRoutes(WorkspaceService workspace, AllowedRoots roots, RevokedTokens revoked) {
    this.workspace = workspace;
    this.paths = new RequestPaths(roots);
    this.revoked = revoked;
  }

  @Override
  public void declare(RoutesConfig routes) {
    routes.post("/endpoints/{name}/jobs", this::invoke, Access.INVOKER);
    routes.get(
        "/endpoints/{name}/jobs",
        ctx -> ctx.json(list(workspace.listJobs(ctx.pathParam("name"), null))),
        Access.READER);
    routes.get(
        "/endpoints/{name}/deployments/{deployment}/jobs",
        ctx ->
            ctx.json(list(workspace.listJobs(ctx.pathParam("name"), ctx.pathParam("deployment")))),
        Access.READER);
    routes.get("/jobs", ctx -> ctx.json(list(workspace.listJobs(null, null))), Access.READER);
    routes.get(
        "/jobs/{name}",
        ctx -> ctx.json(Jobs.resource(workspace.showJob(ctx.pathParam("name")))),
        Access.READER);
    routes.get(
        "/jobs/{name}/log",
        ctx ->
            ctx.json(
                workspace.readJobLog(
                    ctx.pathParam("name"),
                    ctx.queryParamAsClass("offset", Long.class).getOrDefault(0L))),
        Access.READER);
    routes.get("/jobs/{name}/outputs", this::outputFiles, Access.READER);
    routes.get("/jobs/{name}/outputs/<path>", this::outputFile, Access.READER);
    routes.post(
        "/jobs/{name}/cancel",
        ctx ->
            ctx.json(
                Jobs.resource(
                    workspace.cancelJob(
                        ctx.pathParam("name"), BearerAuthentication.principal(ctx).subject()))),
        Access.INVOKER);
    routes.post(
        "/jobs/{name}/resume",
        ctx ->
            ctx.json(
                Jobs.resource(
                    workspace.resumeJob(
                        ctx.pathParam("name"), BearerAuthentication.principal(ctx).subject()))),
        Access.INVOKER);
    routes.delete(
        "/jobs/{name}",
        ctx -> {
          workspace.deleteJob(ctx.pathParam("name"));
          ctx.status(204);
        },
        Access.ADMIN);
    routes.delete(
        "/tokens/{id}",
        ctx -> {
          revoked.revoke(ctx.pathParam("id"));
          ctx.json(Map.of("id", ctx.pathParam("id"), "revoked", true));
        },
        Access.ADMIN);
  }

  private void invoke(Context ctx) {
    String text = ctx.body();
    io.batchscore.service.http.InvokeRequest body = InvokeBodies.parse(text);
    String input = paths.check("input", body.input());
    String output = null;
    String outputFile = null;
    if (body.output() != null) {
      String checked = paths.check("output", body.output());
      if ("uri_file".equals(body.outputType())) {
        int slash = checked.lastIndexOf('/');
        if (slash <= 0 || slash == checked.length() - 1) {
          throw ApiException.badRequest(
              "output: a UriFile output names a file, got '" + body.output() + "'");
        }
        outputFile = checked;
      } else {
        output = checked;
      }
    }
    String deployment = ctx.header(DEPLOYMENT_HEADER);
    JobInfo job =
        workspace.invoke(
            new InvokeRequest(
                ctx.pathParam("name"),
                deployment == null || deployment.isBlank() ? null : deployment.trim(),
                input,
                body.inputType(),
                InvokeBodies.override(text, "miniBatchSize"),
                InvokeBodies.override(text, "instanceCount"),
                output,
                Map.of(),
                null,
                outputFile),
            BearerAuthentication.principal(ctx).subject());
    ctx.status(202).json(Jobs.resource(job));
  }

  private void outputFiles(Context ctx) throws IOException {
    Path dir = workspace.jobOutputDir(ctx.pathParam("name"));
    List<String> files = List.of();
    if (Files.isDirectory(dir)) {
      try (var walk = Files.walk(dir)) {
        files =
            walk.filter(Files::isRegularFile)
                .map(f -> dir.relativize(f).toString())
                .sorted()
                .toList();
      }
    }
    ctx.json(Map.of("files", files));
  }

  private void outputFile(Context ctx) throws IOException {
    Path dir = workspace.jobOutputDir(ctx.pathParam("name"));
    if (!Files.isDirectory(dir)) {
      throw ApiException.notFound("job " + ctx.pathParam("name") + " has no outputs yet");
    }
    Path file =
        AllowedRoots.of(dir, List.of())
            .check("path", dir.resolve(ctx.pathParam("path")).toString());
    if (!Files.isRegularFile(file)) {
      throw ApiException.notFound(
          "job " + ctx.pathParam("name") + " has no output file " + ctx.pathParam("path"));
    }
    ctx.contentType(file.toString().endsWith(".json") ? "application/json" : "text/plain")
        .result(Files.newInputStream(file));
  }

  private static List<Object> list(List<JobInfo> jobs) {
    return jobs.stream().<Object>map(Jobs::resource).toList();
  }
}
