package io.batchscore.service.workspace;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;

/**
 * A job's row: what was asked, where it runs, how far it got.
 *
 * @param name the job's name
 * @param seq its place in the queue (FIFO)
 * @param status {@code Queued}, {@code Running}, {@code Completed}, {@code Failed}, {@code
 *     Canceled}
 * @param endpointName the endpoint invoked
 * @param deploymentName the deployment that runs it
 * @param model the model version, {@code azureml:NAME:VERSION}
 * @param input the input path the driver reads
 * @param inputType {@code uri_folder} or {@code uri_file}
 * @param outputPath the output folder
 * @param overrides the per-job {@code --set} keys
 * @param document the deployment file as it was when the job was invoked
 * @param createdBy who invoked it
 * @param creationTime ISO-8601
 * @param startTime ISO-8601, or null
 * @param endTime ISO-8601, or null
 * @param items items scored, or null
 * @param succeeded items that got a row, or null
 * @param failed items that failed, or null
 * @param error why it failed or was canceled, or null
 * @param attempts drivers started for it
 * @param resume whether its next driver continues the output folder ({@code --resume})
 * @param cancelRequested whether a cancel is waiting for the runner
 * @param runner the runner that claimed it
 * @param driverPid its live driver's process id, or null
 * @param driverStarted that process's start instant, to tell it from a recycled pid
 * @param updatedBy who canceled or resumed it last
 */
public record JobRecord(
    String name,
    long seq,
    String status,
    String endpointName,
    String deploymentName,
    String model,
    String input,
    String inputType,
    String outputPath,
    Map<String, String> overrides,
    ObjectNode document,
    String createdBy,
    String creationTime,
    String startTime,
    String endTime,
    Long items,
    Long succeeded,
    Long failed,
    String error,
    int attempts,
    boolean resume,
    boolean cancelRequested,
    String runner,
    Long driverPid,
    String driverStarted,
    String updatedBy) {

  /** @return whether the job has ended (Completed, Failed or Canceled) */
  public boolean finished() {
    return !status.equals("Queued") && !status.equals("Running");
  }
}
