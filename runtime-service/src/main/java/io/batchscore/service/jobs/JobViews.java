package io.batchscore.service.jobs;

import io.batchscore.service.api.JobInfo;
import io.batchscore.service.auth.SecretMasker;
import io.batchscore.service.workspace.JobRecord;
import io.batchscore.service.workspace.Workspace;

/** A job's row as {@code az ml job show} prints it, secret-looking override values masked. */
final class JobViews {

  private JobViews() {}

  static JobInfo info(Workspace ws, JobRecord j) {
    String server = ws.settings().serverAddress();
    String base = server.endsWith("/") ? server.substring(0, server.length() - 1) : server;
    return new JobInfo(
        j.name(),
        j.endpointName() + "-" + j.deploymentName(),
        "pipeline",
        j.status(),
        j.endpointName(),
        j.deploymentName(),
        j.model(),
        j.input(),
        j.inputType(),
        j.outputPath(),
        j.overrides() == null ? null : SecretMasker.maskOverrides(j.overrides()),
        j.createdBy(),
        j.creationTime(),
        j.startTime(),
        j.endTime(),
        j.items(),
        j.succeeded(),
        j.failed(),
        j.error(),
        j.attempts(),
        base + "/studio/jobs/" + j.name());
  }
}
