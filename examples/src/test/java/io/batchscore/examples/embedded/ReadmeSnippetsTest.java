package io.batchscore.examples.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The root README shows the code of the projects CI builds outside the reactor, as it is: the
 * scorer template's {@code MyScorer} whole and the body of the embedded app's {@code main}.
 */
class ReadmeSnippetsTest {

  private static final Path README = Path.of("../README.md");

  @Test
  void theScorerSnippetIsTheTemplatesScorer() throws Exception {
    String scorer =
        Files.readString(Path.of("scorer-template/src/main/java/com/example/scorer/MyScorer.java"));
    assertThat(Files.readString(README)).contains("```java\n" + scorer + "```\n");
  }

  @Test
  void theEmbeddingSnippetIsTheEmbeddedAppsMain() throws Exception {
    String app =
        Files.readString(Path.of("embedded-app/src/main/java/com/example/embedded/App.java"));
    String body =
        app.substring(
            app.indexOf("    Deployment deployment ="),
            app.indexOf("    System.exit(result.exitCode());\n")
                + "    System.exit(result.exitCode());\n".length());
    String dedented =
        body.lines()
            .map(l -> l.startsWith("    ") ? l.substring(4) : l)
            .collect(Collectors.joining("\n", "", "\n"));
    assertThat(Files.readString(README)).contains("```java\n" + dedented + "```\n");
  }
}
