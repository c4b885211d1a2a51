package io.batchscore.service.http;

/**
 * What a POST to a scoring URI asks for, whichever of the cloud's body forms it came in.
 *
 * @param input {@code azureml:NAME:VERSION} or {@code azureml:NAME@latest} (a data asset), {@code
 *     azureml://datastores/D/paths/P} (a datastore path) or an absolute local path
 * @param inputType {@code uri_folder} or {@code uri_file}
 * @param output {@code azureml://datastores/D/paths/P}, an absolute local path, or {@code null}
 *     for the job's default place
 * @param outputType {@code uri_folder} (a folder for the predictions file) or {@code uri_file}
 *     (the predictions file itself); {@code null} when {@code output} is
 */
public record InvokeRequest(String input, String inputType, String output, String outputType) {

  /** @return whether {@link #input} is a path on the server's machine */
  public boolean inputIsLocal() {
    return isLocal(input);
  }

  /** @return whether {@link #output} is a path on the server's machine */
  public boolean outputIsLocal() {
    return output != null && isLocal(output);
  }

  static boolean isLocal(String uri) {
    return !uri.startsWith("azureml:");
  }
}
