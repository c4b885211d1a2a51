package io.batchscore.service.studio;

import com.fasterxml.jackson.databind.JsonNode;
import io.batchscore.service.api.JobInfo;
import io.batchscore.service.api.WorkspaceException;
import io.batchscore.service.api.WorkspaceService;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;

/**
 * A job's pages: its status and progress (live), its log tree, a file's view (followed while the
 * job runs), downloads (a file, the predictions, the whole folder as a zip), its report, and the
 * cancel, resume and delete actions.
 */
final class JobPages {

  private static final Set<String> ENDED = Set.of("Completed", "Failed", "Canceled");

  /** Bytes of a file a page shows at most (its end); the download has all of it. */
  static final int VIEW_BYTES = 256 * 1024;

  private static final int TAIL_BYTES = 64 * 1024;
  private static final int FAILURES_SHOWN = 100;

  private final WorkspaceService workspace;

  JobPages(WorkspaceService workspace) {
    this.workspace = workspace;
  }

  void job(Context ctx, StudioAuth.Caller caller) throws IOException {
    JobInfo j = workspace.showJob(ctx.pathParam("name"));
    boolean ended = ENDED.contains(j.status());
    Path dir = workspace.jobOutputDir(j.name());
    List<List<String>> failures = new ArrayList<>();
    long total = failures(dir, failures);
    Templates.page(
        ctx,
        200,
        "job.jte",
        "session",
        caller.view(),
        "j",
        j,
        "progress",
        JobProgress.of(j, ended, dir),
        "ended",
        ended,
        "hasReport",
        Files.isRegularFile(dir.resolve("logs/report.html")),
        "predictions",
        predictions(j),
        "failures",
        failures,
        "failuresTotal",
        total);
  }

  void status(Context ctx, StudioAuth.Caller caller) {
    JobInfo j = workspace.showJob(ctx.pathParam("name"));
    boolean ended = ENDED.contains(j.status());
    Views.Progress p = JobProgress.of(j, ended, workspace.jobOutputDir(j.name()));
    Map<String, Object> s = new LinkedHashMap<>();
    s.put("status", j.status());
    s.put("ended", ended);
    s.put("done", p.done());
    s.put("total", p.total());
    s.put("percent", p.percent());
    s.put("rate", p.rate());
    s.put("eta", p.eta());
    s.put("succeeded", j.succeeded());
    s.put("failed", j.failed());
    s.put("started", j.startTime());
    s.put("ended_at", j.endTime());
    ctx.header("Cache-Control", "no-store").json(s);
  }

  void logs(Context ctx, StudioAuth.Caller caller) {
    JobInfo j = workspace.showJob(ctx.pathParam("name"));
    Path dir = workspace.jobOutputDir(j.name());
    List<Views.FileRow> rows = new ArrayList<>();
    if (Files.isDirectory(dir)) {
      for (JobFiles.Entry e : new JobFiles(dir).list()) {
        rows.add(
            new Views.FileRow(e.path(), e.name(), e.depth(), e.folder(), e.size(), e.servable()));
      }
    }
    Templates.page(
        ctx,
        200,
        "logs.jte",
        "session",
        caller.view(),
        "j",
        j,
        "files",
        rows,
        "capped",
        rows.size() >= JobFiles.MAX_ENTRIES);
  }

  void view(Context ctx, StudioAuth.Caller caller) throws IOException {
    JobInfo j = workspace.showJob(ctx.pathParam("name"));
    String path = ctx.pathParam("path");
    JobFiles files = new JobFiles(workspace.jobOutputDir(j.name()));
    long size = Files.size(files.file(path));
    long from = Math.max(0, size - VIEW_BYTES);
    byte[] bytes = files.read(path, from, VIEW_BYTES);
    Templates.page(
        ctx,
        200,
        "file.jte",
        "session",
        caller.view(),
        "j",
        j,
        "path",
        path,
        "text",
        new String(bytes, StandardCharsets.UTF_8),
        "nextOffset",
        from + bytes.length,
        "follow",
        !ENDED.contains(j.status()),
        "truncated",
        from > 0);
  }

  void tail(Context ctx, StudioAuth.Caller caller) throws IOException {
    JobInfo j = workspace.showJob(ctx.pathParam("name"));
    long offset = ctx.queryParamAsClass("offset", Long.class).getOrDefault(0L);
    byte[] bytes =
        new JobFiles(workspace.jobOutputDir(j.name()))
            .read(ctx.pathParam("path"), offset, TAIL_BYTES);
    int whole = completeUtf8(bytes);
    Map<String, Object> t = new LinkedHashMap<>();
    t.put("text", new String(bytes, 0, whole, StandardCharsets.UTF_8));
    t.put("next", offset + whole);
    t.put("ended", ENDED.contains(j.status()));
    ctx.header("Cache-Control", "no-store").json(t);
  }

  void download(Context ctx, StudioAuth.Caller caller) throws IOException {
    JobInfo j = workspace.showJob(ctx.pathParam("name"));
    Path file = new JobFiles(workspace.jobOutputDir(j.name())).file(ctx.pathParam("path"));
    ctx.header("Content-Disposition", attachment(file.getFileName().toString()));
    ctx.contentType("application/octet-stream").result(Files.newInputStream(file));
  }

  void zip(Context ctx, StudioAuth.Caller caller) throws IOException {
    JobInfo j = workspace.showJob(ctx.pathParam("name"));
    JobFiles files = new JobFiles(workspace.jobOutputDir(j.name()));
    ctx.header("Content-Disposition", attachment(j.name() + ".zip"));
    ctx.contentType("application/zip");
    files.zip(ctx.outputStream());
  }

  void report(Context ctx, StudioAuth.Caller caller) throws IOException {
    JobInfo j = workspace.showJob(ctx.pathParam("name"));
    Path file = new JobFiles(workspace.jobOutputDir(j.name())).file("logs/report.html");
    // the report has inline CSS and SVG and no script; it gets no script either
    ctx.header("Content-Security-Policy", "sandbox; default-src 'none'; style-src 'unsafe-inline'");
    ctx.contentType("text/html; charset=utf-8").result(Files.newInputStream(file));
  }

  void cancel(Context ctx, StudioAuth.Caller caller) {
    JobInfo j = workspace.cancelJob(ctx.pathParam("name"), caller.principal().subject());
    ctx.redirect("/studio/jobs/" + Views.urlPath(j.name()), io.javalin.http.HttpStatus.SEE_OTHER);
  }

  void resume(Context ctx, StudioAuth.Caller caller) {
    JobInfo j = workspace.resumeJob(ctx.pathParam("name"), caller.principal().subject());
    ctx.redirect("/studio/jobs/" + Views.urlPath(j.name()), io.javalin.http.HttpStatus.SEE_OTHER);
  }

  void delete(Context ctx, StudioAuth.Caller caller) {
    if (!"yes".equals(ctx.formParam("confirm"))) {
      throw new StudioException(400, "tick the confirmation box to delete the job");
    }
    JobInfo j = workspace.showJob(ctx.pathParam("name"));
    workspace.deleteJob(j.name());
    ctx.redirect(
        "/studio/endpoints/" + Views.urlPath(j.endpointName()),
        io.javalin.http.HttpStatus.SEE_OTHER);
  }

  /** @return the predictions file's name: the job's override, else its deployment's setting */
  private String predictions(JobInfo j) {
    if (j.overrides() != null && j.overrides().containsKey("output_file_name")) {
      return j.overrides().get("output_file_name");
    }
    try {
      JsonNode settings = workspace.showDeployment(j.endpointName(), j.deploymentName()).settings();
      if (settings != null && settings.hasNonNull("output_file_name")) {
        return settings.get("output_file_name").asText();
      }
    } catch (WorkspaceException deleted) {
      // the deployment is gone; the driver's default is the best guess
    }
    return "predictions.csv";
  }

  private static long failures(Path jobDir, List<List<String>> into) throws IOException {
    Path csv;
    try {
      csv = new JobFiles(jobDir).file("logs/sys/job_report/failed_items.csv");
    } catch (StudioException none) {
      return 0;
    }
    long n = 0;
    try (Reader r = Files.newBufferedReader(csv, StandardCharsets.UTF_8)) {
      for (CSVRecord rec :
          CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get().parse(r)) {
        if (n < FAILURES_SHOWN && rec.size() >= 3) {
          into.add(List.of(rec.get(0), rec.get(1), rec.get(2)));
        }
        n++;
      }
    }
    return n;
  }

  private static String attachment(String name) {
    String ascii = name.replaceAll("[^A-Za-z0-9._-]", "_");
    return "attachment; filename=\""
        + ascii
        + "\"; filename*=UTF-8''"
        + java.net.URLEncoder.encode(name, StandardCharsets.UTF_8).replace("+", "%20");
  }

  /** @return how many leading bytes end on a whole UTF-8 character */
  static int completeUtf8(byte[] b) {
    int end = b.length;
    int i = end - 1;
    int back = 0;
    while (i >= 0 && back < 3 && (b[i] & 0xC0) == 0x80) {
      i--;
      back++;
    }
    if (i < 0) {
      return end;
    }
    int lead = b[i] & 0xFF;
    int need = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC0 ? 2 : 1;
    return end - i < need ? i : end;
  }
}
