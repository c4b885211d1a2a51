package io.batchscore.service.auth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.burt.jmespath.jackson.JacksonRuntime;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code batchscore token create|revoke}: makes or revokes a workspace token. Whoever can read the
 * workspace's signing key may make tokens, as {@code az account get-access-token} is open to a
 * signed-in user.
 */
@Command(
    name = "token",
    mixinStandardHelpOptions = true,
    description = "Make or revoke bearer tokens for a workspace's REST API.",
    subcommands = {TokenCommand.Create.class, TokenCommand.Revoke.class})
public final class TokenCommand {

  @Option(
      names = "--workspace",
      paramLabel = "DIR",
      scope = picocli.CommandLine.ScopeType.INHERIT,
      description = "The workspace (default: $BATCHSCORE_WORKSPACE, else ~/.batchscore/workspace).")
  Path workspace;

  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final Pattern DURATION = Pattern.compile("(\\d+)([smhd])");

  Path dir() {
    Path chosen = workspace;
    if (chosen == null) {
      String env = System.getenv("BATCHSCORE_WORKSPACE");
      chosen =
          env != null && !env.isBlank()
              ? Path.of(env)
              : Path.of(System.getProperty("user.home"), ".batchscore", "workspace");
    }
    if (!Files.isDirectory(chosen)) {
      throw new IllegalArgumentException("--workspace " + chosen + ": no such folder");
    }
    return chosen.toAbsolutePath().normalize();
  }

  /**
   * @param text {@code 45s}, {@code 30m}, {@code 8h} or {@code 7d}
   * @return the duration
   */
  static Duration parseDuration(String text) {
    Matcher m = DURATION.matcher(text.trim().toLowerCase(Locale.ROOT));
    if (!m.matches() || Long.parseLong(m.group(1)) == 0) {
      throw new IllegalArgumentException(
          "--expires " + text + ": expected a positive number with s, m, h or d (8h)");
    }
    long n = Long.parseLong(m.group(1));
    return switch (m.group(2)) {
      case "s" -> Duration.ofSeconds(n);
      case "m" -> Duration.ofMinutes(n);
      case "h" -> Duration.ofHours(n);
      default -> Duration.ofDays(n);
    };
  }

  /** {@code token create}. */
  @Command(
      name = "create",
      mixinStandardHelpOptions = true,
      description = "Print a new token: accessToken, id (to revoke it), role, subject, expiresOn.")
  static final class Create implements Callable<Integer> {
    @ParentCommand TokenCommand parent;

    @Option(names = "--role", required = true, description = "reader, invoker or admin.")
    String role;

    @Option(
        names = "--expires",
        defaultValue = "8h",
        description = "Lifetime: 45s, 30m, 8h, 7d (default: ${DEFAULT-VALUE}).")
    String expires;

    @Option(names = "--subject", description = "Whom it is for (default: the user's name).")
    String subject;

    @Option(
        names = {"-o", "--output"},
        defaultValue = "json",
        description = "json or tsv.")
    String output;

    @Option(names = "--query", description = "A JMESPath expression (accessToken, id...).")
    String query;

    @Override
    public Integer call() {
      try {
        Role parsed = Role.parse(role);
        Duration lifetime = parseDuration(expires);
        Path dir = parent.dir();
        LocalTokens tokens =
            new LocalTokens(
                SigningKey.openOrCreate(dir), new RevokedTokens(dir), Clock.systemUTC());
        String who = subject != null ? subject : System.getProperty("user.name");
        LocalTokens.Issued issued = tokens.issue(parsed, who, lifetime);
        ObjectNode doc =
            JSON.createObjectNode()
                .put("accessToken", issued.token())
                .put("id", issued.id())
                .put("role", parsed.wireName())
                .put("subject", who)
                .put("expiresOn", issued.expires().toString())
                .put("tokenType", "Bearer");
        print(doc);
        return 0;
      } catch (IllegalArgumentException | IllegalStateException e) {
        System.err.println("batchscore: " + e.getMessage());
        return 2;
      }
    }

    private void print(JsonNode doc) {
      JsonNode result = query == null ? doc : new JacksonRuntime().compile(query).search(doc);
      if (output.equals("tsv")) {
        StringBuilder line = new StringBuilder();
        if (result.isContainerNode()) {
          result.forEach(v -> line.append(line.length() == 0 ? "" : "\t").append(v.asText()));
        } else {
          line.append(result.asText());
        }
        System.out.println(line);
      } else if (output.equals("json")) {
        System.out.println(result.toPrettyString());
      } else {
        throw new IllegalArgumentException("-o " + output + ": expected json or tsv");
      }
    }
  }

  /** {@code token revoke}. */
  @Command(
      name = "revoke",
      mixinStandardHelpOptions = true,
      description = "Revoke a token by its id; a running server refuses it at once.")
  static final class Revoke implements Callable<Integer> {
    @ParentCommand TokenCommand parent;

    @Option(names = "--id", required = true, description = "The token's id (token create's id).")
    String id;

    @Override
    public Integer call() {
      try {
        new RevokedTokens(parent.dir()).revoke(id);
        System.out.println("{\"id\": \"" + id + "\", \"revoked\": true}");
        return 0;
      } catch (IllegalArgumentException e) {
        System.err.println("batchscore: " + e.getMessage());
        return 2;
      }
    }
  }
}
