package io.batchscore.service.studio;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.batchscore.service.api.DeploymentInfo;
import io.batchscore.service.api.EndpointInfo;
import io.batchscore.service.api.InvokeRequest;
import io.batchscore.service.api.JobInfo;
import io.batchscore.service.api.ModelInfo;
import io.batchscore.service.api.ResourceSpec;
import io.batchscore.service.api.WorkspaceService;
import io.batchscore.service.auth.AllowedRoots;
import io.batchscore.service.auth.SecretMasker;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The endpoints list, an endpoint's details, deployments and runs, its actions (invoke, set the
 * default deployment, delete), and the models and data assets pages.
 */
final class EndpointPages {

  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private final WorkspaceService workspace;
  private final AllowedRoots roots;

  EndpointPages(WorkspaceService workspace, AllowedRoots roots) {
    this.workspace = workspace;
    this.roots = roots;
  }

  void list(Context ctx, StudioAuth.Caller caller) {
    List<Views.EndpointRow> rows = new ArrayList<>();
    for (EndpointInfo e : workspace.listEndpoints()) {
      List<JobInfo> jobs = workspace.listJobs(e.name(), null);
      JobInfo last = jobs.isEmpty() ? null : jobs.get(jobs.size() - 1);
      rows.add(
          new Views.EndpointRow(
              e.name(),
              nz(e.authMode()),
              defaultOf(e),
              nz(e.scoringUri()),
              last == null ? "" : last.name(),
              last == null ? "" : last.status()));
    }
    Templates.page(ctx, 200, "endpoints.jte", "session", caller.view(), "rows", rows);
  }

  void show(Context ctx, StudioAuth.Caller caller) throws Exception {
    EndpointInfo e = workspace.showEndpoint(ctx.pathParam("name"));
    List<Views.DeploymentRow> deployments = new ArrayList<>();
    for (DeploymentInfo d : workspace.listDeployments(e.name())) {
      deployments.add(
          new Views.DeploymentRow(
              d.name(),
              nz(d.model()),
              checksum(d),
              d.settings() == null
                  ? ""
                  : JSON.writeValueAsString(SecretMasker.maskDocument(d.settings().deepCopy())),
              d.name().equals(defaultOf(e))));
    }
    List<JobInfo> jobs = new ArrayList<>(workspace.listJobs(e.name(), null));
    java.util.Collections.reverse(jobs);
    String stored = workspace.storedYaml(e.name(), null).orElse(JSON.writeValueAsString(e));
    Templates.page(
        ctx,
        200,
        "endpoint.jte",
        "session",
        caller.view(),
        "e",
        e,
        "stored",
        stored,
        "deployments",
        deployments,
        "jobs",
        jobs);
  }

  void invoke(Context ctx, StudioAuth.Caller caller) {
    String input = nz(ctx.formParam("input")).strip();
    if (input.isEmpty()) {
      throw new StudioException(400, "input: name a data asset or a path");
    }
    if (!input.startsWith("azureml:")) {
      input = roots.check("input", input).toString();
    }
    String deployment = nz(ctx.formParam("deployment")).strip();
    String type = nz(ctx.formParam("input_type")).strip();
    JobInfo job =
        workspace.invoke(
            new InvokeRequest(
                ctx.pathParam("name"),
                deployment.isEmpty() ? null : deployment,
                input,
                type.isEmpty() ? null : type,
                null,
                null,
                null,
                Map.of(),
                null),
            caller.principal().subject());
    ctx.redirect("/studio/jobs/" + Views.urlPath(job.name()), HttpStatus.SEE_OTHER);
  }

  void setDefault(Context ctx, StudioAuth.Caller caller) {
    String name = ctx.pathParam("name");
    String deployment = nz(ctx.formParam("deployment")).strip();
    if (deployment.isEmpty()) {
      throw new StudioException(400, "deployment: name the deployment to make the default");
    }
    ObjectNode doc = JsonNodeFactory.instance.objectNode();
    doc.put("name", name);
    doc.putObject("defaults").put("deployment_name", deployment);
    workspace.updateEndpoint(new ResourceSpec(doc, null, "studio form"));
    ctx.redirect("/studio/endpoints/" + Views.urlPath(name), HttpStatus.SEE_OTHER);
  }

  void delete(Context ctx, StudioAuth.Caller caller) {
    if (!"yes".equals(ctx.formParam("confirm"))) {
      throw new StudioException(400, "tick the confirmation box to delete the endpoint");
    }
    workspace.deleteEndpoint(ctx.pathParam("name"));
    ctx.redirect("/studio/endpoints", HttpStatus.SEE_OTHER);
  }

  void models(Context ctx, StudioAuth.Caller caller) {
    List<Views.ModelRow> rows = new ArrayList<>();
    List<DeploymentInfo> deployments = new ArrayList<>();
    for (EndpointInfo e : workspace.listEndpoints()) {
      deployments.addAll(workspace.listDeployments(e.name()));
    }
    for (ModelInfo latest : workspace.listModels(null, true)) {
      for (ModelInfo m : workspace.listModels(latest.name(), true)) {
        List<String> usedBy = new ArrayList<>();
        for (DeploymentInfo d : deployments) {
          if ((m.name() + ":" + m.version()).equals(d.model())
              || ("azureml:" + m.name() + ":" + m.version()).equals(d.model())) {
            usedBy.add(d.endpointName() + "/" + d.name());
          }
        }
        rows.add(
            new Views.ModelRow(
                m.name(), m.version(), nz(m.type()), nz(m.checksum()), nz(m.stage()), usedBy));
      }
    }
    Templates.page(ctx, 200, "models.jte", "session", caller.view(), "rows", rows);
  }

  void data(Context ctx, StudioAuth.Caller caller) {
    Templates.page(
        ctx, 200, "data.jte", "session", caller.view(), "rows", workspace.listData(null));
  }

  /** @return the scorer code's SHA-256: the name of its content-addressed folder in the store */
  static String checksum(DeploymentInfo d) {
    JsonNode code = d.codeConfiguration() == null ? null : d.codeConfiguration().get("code");
    if (code == null || !code.isTextual()) {
      return "";
    }
    Path folder = Path.of(code.asText()).getParent();
    if (folder == null
        || folder.getParent() == null
        || !"code".equals(String.valueOf(folder.getParent().getFileName()))) {
      return "";
    }
    return "sha256:" + folder.getFileName();
  }

  private static String defaultOf(EndpointInfo e) {
    return e.defaults() == null ? "" : nz(e.defaults().get("deployment_name"));
  }

  private static String nz(String s) {
    return s == null ? "" : s;
  }
}
