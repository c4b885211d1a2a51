package io.batchscore.service.studio;

import io.batchscore.service.auth.Principal;
import io.batchscore.service.auth.Role;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** What the studio's templates show, beyond the workspace's own records. */
public final class Views {

  private Views() {}

  /**
   * Who is signed in, and what the page may offer them.
   *
   * @param user the token's subject
   * @param role the token's role
   * @param csrf the token the page's forms carry
   * @param canInvoke whether invoke, cancel and resume are offered
   * @param canAdmin whether set-default and delete are offered
   */
  public record Session(
      String user, String role, String csrf, boolean canInvoke, boolean canAdmin) {

    static Session of(Principal who, String csrf) {
      return new Session(
          who.subject(),
          who.role().wireName(),
          csrf,
          who.role().includes(Role.INVOKER),
          who.role().includes(Role.ADMIN));
    }
  }

  /**
   * One row of the endpoints page.
   *
   * @param name the endpoint
   * @param authMode its auth mode
   * @param defaultDeployment its default deployment, or empty
   * @param scoringUri its scoring URI
   * @param lastJob its latest job's name, or empty
   * @param lastStatus that job's status, or empty
   */
  public record EndpointRow(
      String name,
      String authMode,
      String defaultDeployment,
      String scoringUri,
      String lastJob,
      String lastStatus) {}

  /**
   * One deployment on an endpoint's page.
   *
   * @param name the deployment
   * @param model the model and version it uses
   * @param codeChecksum its stored scorer code's checksum
   * @param settings its settings as YAML-like lines
   * @param isDefault whether it is the endpoint's default
   */
  public record DeploymentRow(
      String name, String model, String codeChecksum, String settings, boolean isDefault) {}

  /**
   * A model version and the deployments that use it.
   *
   * @param name the model
   * @param version its version
   * @param type its type
   * @param checksum its files' checksum
   * @param stage Active or Archived
   * @param usedBy {@code endpoint/deployment} names
   */
  public record ModelRow(
      String name,
      String version,
      String type,
      String checksum,
      String stage,
      List<String> usedBy) {}

  /**
   * A job's progress as its driver last wrote it.
   *
   * @param done items done
   * @param total items listed, or -1 while the input is still being listed
   * @param rate items per second
   * @param eta the time left, as text, or empty
   * @param percent done of total, 0 to 100, or -1 when unknown
   */
  public record Progress(long done, long total, double rate, String eta, int percent) {
    static final Progress NONE = new Progress(0, -1, 0, "", -1);
  }

  /**
   * One file or folder of a job's log tree.
   *
   * @param path its path relative to the job's folder
   * @param name its last segment
   * @param depth how deep it is
   * @param folder whether it is a folder
   * @param size its size in bytes
   * @param servable whether it may be opened (false for a link leading out)
   */
  public record FileRow(
      String path, String name, int depth, boolean folder, long size, boolean servable) {}

  /**
   * @param path a path relative to a job's folder
   * @return it with each segment percent-encoded for a URL
   */
  public static String urlPath(String path) {
    StringBuilder sb = new StringBuilder();
    for (String segment : path.split("/", -1)) {
      if (sb.length() > 0) {
        sb.append('/');
      }
      sb.append(URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20"));
    }
    return sb.toString();
  }
}
