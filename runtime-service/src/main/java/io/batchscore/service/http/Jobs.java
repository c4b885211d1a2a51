package io.batchscore.service.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.batchscore.service.api.JobInfo;
import io.batchscore.service.auth.SecretMasker;

/**
 * A job as the REST API shows it, in the cloud's shape: {@code name}, {@code id}, {@code type}
 * and {@code properties} (with {@code status} and the job's other fields), secret-looking
 * environment values masked.
 */
final class Jobs {

  private Jobs() {}

  static ObjectNode resource(JobInfo job) {
    ObjectNode resource = InvokeBodies.MAPPER.createObjectNode();
    resource.put("id", "/jobs/" + job.name());
    resource.put("name", job.name());
    resource.put("type", "Microsoft.MachineLearningServices/workspaces/jobs");
    ObjectNode properties = InvokeBodies.MAPPER.valueToTree(job);
    SecretMasker.maskDocument(properties);
    resource.set("properties", properties);
    return resource;
  }
}
