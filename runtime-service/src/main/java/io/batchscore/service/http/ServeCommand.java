package io.batchscore.service.http;

import io.batchscore.service.api.WorkspaceException;
import io.batchscore.service.api.WorkspaceService;
import io.batchscore.service.auth.AllowedRoots;
import io.batchscore.service.auth.BearerTokens;
import io.batchscore.service.auth.LocalTokens;
import io.batchscore.service.auth.OidcTokens;
import io.batchscore.service.auth.RevokedTokens;
import io.batchscore.service.auth.SigningKey;
import io.batchscore.service.auth.TokenVerifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code batchscore serve}: shares a workspace over REST and runs its jobs. Stops gracefully on
 * SIGTERM or SIGINT: the server stops taking requests, the runner stops taking jobs, running
 * drivers go on and the next runner adopts them.
 */
@Command(
    name = "serve",
    mixinStandardHelpOptions = true,
    description = "Serve a workspace over REST (bearer tokens) and run its jobs.")
public final class ServeCommand implements Callable<Integer> {

  @Option(
      names = "--workspace",
      paramLabel = "DIR",
      description = "The workspace (default: $BATCHSCORE_WORKSPACE, else ~/.batchscore/workspace).")
  Path workspace;

  @Option(
      names = "--database",
      paramLabel = "JDBC-URL",
      description = "Keep the workspace's records in this database (PostgreSQL for a team).")
  String database;

  @Option(
      names = "--host",
      defaultValue = "127.0.0.1",
      description = "Address to bind (default: ${DEFAULT-VALUE}, loopback only).")
  String host;

  @Option(
      names = "--port",
      defaultValue = "8765",
      description = "Port (default: ${DEFAULT-VALUE}; 0 picks a free one).")
  int port;

  @Option(
      names = "--allow-path",
      paramLabel = "DIR",
      description = "A folder whose paths requests may name (repeatable; the workspace always).")
  List<Path> allowPaths = new ArrayList<>();

  @Option(names = "--tls-cert", paramLabel = "PEM", description = "Certificate chain for HTTPS.")
  Path tlsCert;

  @Option(names = "--tls-key", paramLabel = "PEM", description = "Private key for HTTPS.")
  Path tlsKey;

  @Option(
      names = "--max-request-bytes",
      defaultValue = "1048576",
      description = "Larger request bodies get 413 (default: ${DEFAULT-VALUE}).")
  long maxRequestBytes;

  @Option(
      names = "--max-upload-bytes",
      defaultValue = "1073741824",
      description =
          "Larger uploads of the CLI's local folders, as sent or unpacked, get 413"
              + " (default: ${DEFAULT-VALUE}).")
  long maxUploadBytes;

  @Option(
      names = "--public-url",
      paramLabel = "URL",
      description =
          "The address clients reach this server at, which scoring URIs start with"
              + " (a reverse proxy's, or the host name behind --host 0.0.0.0; default: the bound"
              + " address, the machine's host name for a wildcard).")
  String publicUrl;

  @Option(
      names = "--oidc-issuer",
      paramLabel = "URL",
      description = "Also accept tokens of this identity provider (with --jwks).")
  String oidcIssuer;

  @Option(names = "--jwks", paramLabel = "FILE|URL", description = "The provider's public keys.")
  String jwks;

  @Option(
      names = "--oidc-audience",
      defaultValue = "batchscore",
      description = "The audience the provider's tokens must carry (default: ${DEFAULT-VALUE}).")
  String oidcAudience;

  @Option(
      names = "--oidc-role-claim",
      paramLabel = "NAME",
      defaultValue = "roles",
      description =
          "The claim whose values reader|invoker|admin give the role"
              + " (default: ${DEFAULT-VALUE}).")
  String oidcRoleClaim;

  @Override
  public Integer call() throws Exception {
    try {
      return serve();
    } catch (WorkspaceException | IllegalArgumentException | IllegalStateException e) {
      System.err.println("batchscore: " + e.getMessage());
      return 2;
    }
  }

  private int serve() throws Exception {
    Path dir = WorkspaceDirs.resolve(workspace);
    Files.createDirectories(dir);
    if ((oidcIssuer == null) != (jwks == null)) {
      throw WorkspaceException.badRequest("--oidc-issuer and --jwks go together");
    }
    ServerOptions options =
        new ServerOptions(host, port, tlsCert, tlsKey, maxRequestBytes, maxUploadBytes, publicUrl);
    WorkspaceService ws = WorkspaceService.open(dir, database);
    RevokedTokens revoked = new RevokedTokens(dir);
    TokenVerifier oidc =
        oidcIssuer == null
            ? null
            : new OidcTokens(
                oidcIssuer, oidcAudience, OidcTokens.keys(jwks), oidcRoleClaim, Clock.systemUTC());
    TokenVerifier tokens =
        new BearerTokens(
            new LocalTokens(SigningKey.openOrCreate(dir), revoked, Clock.systemUTC()), oidc);
    ApiServer server =
        WorkspaceApi.start(options, ws, tokens, AllowedRoots.of(dir, allowPaths), revoked);
    String scoring = server.publicAddress();
    ws.updateSettings(null, scoring, null);
    RunnerKeeper runner = new RunnerKeeper(ws);
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  server.close();
                  runner.close();
                  ws.close();
                  stopped.countDown();
                },
                "batchscore-serve-stop"));
    System.out.println(
        "batchscore: serving workspace "
            + dir
            + " at "
            + server.address()
            + (scoring.equals(server.address()) ? "" : " (scoring URIs: " + scoring + ")"));
    if (publicUrl == null && ApiServer.isWildcard(host)) {
      System.err.println(
          "batchscore: serve: scoring URIs name "
              + scoring
              + "; give --public-url"
              + " URL if clients reach this server by another name");
    }
    System.out.flush();
    stopped.await();
    return 0;
  }
}
