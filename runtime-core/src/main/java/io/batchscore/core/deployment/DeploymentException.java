package io.batchscore.core.deployment;

/**
 * A deployment file, a {@code --set} override, or a path it names is wrong. The message names the
 * file and the key; the launcher prints it on one line and exits with status 2.
 */
public class DeploymentException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** @param message what is wrong, naming the file and key */
  public DeploymentException(String message) {
    super(message);
  }

  /**
   * @param message what is wrong, naming the file and key
   * @param cause the underlying error
   */
  public DeploymentException(String message, Throwable cause) {
    super(message, cause);
  }
}
