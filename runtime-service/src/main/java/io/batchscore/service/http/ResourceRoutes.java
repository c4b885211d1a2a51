package io.batchscore.service.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.batchscore.service.api.ResourceSpec;
import io.batchscore.service.api.WorkspaceInfo;
import io.batchscore.service.api.WorkspaceService;
import io.batchscore.service.auth.AllowedRoots;
import io.batchscore.service.auth.SecretMasker;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.io.IOException;

/**
 * The management API: models, data assets, computes, endpoints and deployments, with the same
 * operations as the CLI verbs. Bodies are the cloud's YAML keys as JSON; their local paths must be
 * absolute and under the allowed roots. Reading needs a reader, changing an admin.
 */
final class ResourceRoutes implements RouteSet {

  private final WorkspaceService ws;
  private final RequestPaths paths;

  ResourceRoutes(WorkspaceService workspace, AllowedRoots roots) {
    this.ws = workspace;
    this.paths = new RequestPaths(roots);
  }

  @Override
  public void declare(RoutesConfig routes) {
    routes.get("/workspace", ctx -> send(ctx, withoutDatabase(ws.info())), Access.READER);
    routes.patch(
        "/workspace",
        ctx -> {
          JsonNode body = spec(ctx, null).document();
          send(
              ctx,
              withoutDatabase(
                  ws.updateSettings(
                      body.has("max_concurrent_jobs")
                          ? body.get("max_concurrent_jobs").asInt()
                          : null,
                      body.has("server_address") ? body.get("server_address").asText() : null,
                      body.has("job_retention_days")
                          ? body.get("job_retention_days").asInt()
                          : null)));
        },
        Access.ADMIN);
    routes.get(
        "/models", ctx -> send(ctx, ws.listModels(null, flag(ctx, "archived"))), Access.READER);
    routes.post("/models", ctx -> created(ctx, ws.createModel(spec(ctx, null))), Access.ADMIN);
    routes.get(
        "/models/{name}",
        ctx -> send(ctx, ws.listModels(ctx.pathParam("name"), flag(ctx, "archived"))),
        Access.READER);
    routes.get(
        "/models/{name}/versions/{version}",
        ctx -> send(ctx, ws.showModel(ctx.pathParam("name"), version(ctx))),
        Access.READER);
    routes.post(
        "/models/{name}/archive",
        ctx -> send(ctx, ws.archiveModel(ctx.pathParam("name"), null)),
        Access.ADMIN);
    routes.post(
        "/models/{name}/versions/{version}/archive",
        ctx -> send(ctx, ws.archiveModel(ctx.pathParam("name"), version(ctx))),
        Access.ADMIN);

    routes.get("/data", ctx -> send(ctx, ws.listData(null)), Access.READER);
    routes.post(
        "/data",
        ctx -> created(ctx, ws.createData(spec(ctx, null), flag(ctx, "link"))),
        Access.ADMIN);
    routes.get("/data/{name}", ctx -> send(ctx, ws.listData(ctx.pathParam("name"))), Access.READER);
    routes.get(
        "/data/{name}/versions/{version}",
        ctx -> send(ctx, ws.showData(ctx.pathParam("name"), version(ctx))),
        Access.READER);

    routes.get("/computes", ctx -> send(ctx, ws.listComputes()), Access.READER);
    routes.post("/computes", ctx -> created(ctx, ws.createCompute(spec(ctx, null))), Access.ADMIN);
    routes.get(
        "/computes/{name}", ctx -> send(ctx, ws.showCompute(ctx.pathParam("name"))), Access.READER);

    routes.get("/endpoints", ctx -> send(ctx, ws.listEndpoints()), Access.READER);
    routes.post(
        "/endpoints", ctx -> created(ctx, ws.createEndpoint(spec(ctx, null))), Access.ADMIN);
    routes.get(
        "/endpoints/{name}",
        ctx -> send(ctx, ws.showEndpoint(ctx.pathParam("name"))),
        Access.READER);
    routes.patch(
        "/endpoints/{name}", ctx -> send(ctx, ws.updateEndpoint(spec(ctx, "name"))), Access.ADMIN);
    routes.delete(
        "/endpoints/{name}",
        ctx -> {
          ws.deleteEndpoint(ctx.pathParam("name"));
          ctx.status(204);
        },
        Access.ADMIN);

    routes.get(
        "/endpoints/{name}/yaml",
        ctx -> send(ctx, yaml(ws.storedYaml(ctx.pathParam("name"), null))),
        Access.READER);
    routes.get(
        "/endpoints/{name}/deployments/{deployment}/yaml",
        ctx -> send(ctx, yaml(ws.storedYaml(ctx.pathParam("name"), ctx.pathParam("deployment")))),
        Access.READER);
    routes.get(
        "/endpoints/{name}/deployments",
        ctx -> send(ctx, ws.listDeployments(ctx.pathParam("name"))),
        Access.READER);
    routes.post(
        "/endpoints/{name}/deployments",
        ctx -> created(ctx, ws.createDeployment(deploymentSpec(ctx), flag(ctx, "setDefault"))),
        Access.ADMIN);
    routes.get(
        "/endpoints/{name}/deployments/{deployment}",
        ctx -> send(ctx, ws.showDeployment(ctx.pathParam("name"), ctx.pathParam("deployment"))),
        Access.READER);
    routes.patch(
        "/endpoints/{name}/deployments/{deployment}",
        ctx -> send(ctx, ws.updateDeployment(deploymentSpec(ctx), flag(ctx, "setDefault"))),
        Access.ADMIN);
    routes.delete(
        "/endpoints/{name}/deployments/{deployment}",
        ctx -> {
          ws.deleteDeployment(ctx.pathParam("name"), ctx.pathParam("deployment"));
          ctx.status(204);
        },
        Access.ADMIN);
  }

  /** The body as a resource document, its local paths checked; {@code nameKey} from the path. */
  private ResourceSpec spec(Context ctx, String nameKey) {
    JsonNode body;
    try {
      body = InvokeBodies.MAPPER.readTree(ctx.body().isBlank() ? "{}" : ctx.body());
    } catch (IOException e) {
      throw ApiException.badRequest("body: not valid JSON");
    }
    if (!(body instanceof ObjectNode document)) {
      throw ApiException.badRequest("body: expected a JSON object of the resource's keys");
    }
    if (nameKey != null) {
      document.put(nameKey, ctx.pathParam("name"));
    }
    paths.checkDocument(document);
    return new ResourceSpec(document, null, "request");
  }

  private ResourceSpec deploymentSpec(Context ctx) {
    ResourceSpec spec = spec(ctx, null);
    spec.document().put("endpoint_name", ctx.pathParam("name"));
    if (ctx.pathParamMap().containsKey("deployment")) {
      spec.document().put("name", ctx.pathParam("deployment"));
    }
    return spec;
  }

  /** {@code {"yaml": TEXT}}, or {@code {}} when there is none. */
  private static ObjectNode yaml(java.util.Optional<String> text) {
    ObjectNode out = InvokeBodies.MAPPER.createObjectNode();
    text.ifPresent(t -> out.put("yaml", t));
    return out;
  }

  /** The database's JDBC URL may hold a password: it stays on the server. */
  private static WorkspaceInfo withoutDatabase(WorkspaceInfo info) {
    return new WorkspaceInfo(
        info.path(),
        null,
        info.serverAddress(),
        info.maxConcurrentJobs(),
        info.jobRetentionDays(),
        info.datastore());
  }

  private static String version(Context ctx) {
    String version = ctx.pathParam("version");
    return version.equals("latest") ? null : version;
  }

  private static boolean flag(Context ctx, String name) {
    return Boolean.parseBoolean(ctx.queryParam(name));
  }

  private static void created(Context ctx, Object resource) {
    ctx.status(201);
    send(ctx, resource);
  }

  private static void send(Context ctx, Object resource) {
    ctx.json(SecretMasker.maskDocument(InvokeBodies.MAPPER.valueToTree(resource)));
  }
}
