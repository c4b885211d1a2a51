package io.batchscore.examples.fashionmnist;

import static org.assertj.core.api.Assertions.assertThat;

import io.batchscore.core.testing.ScorerHarness;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OnnxFashionMnistScorerTest {

  @Test
  void labelsAtLeast84PercentOfTheSampleRequestCorrectly() throws Exception {
    var result =
        ScorerHarness.of(new OnnxFashionMnistScorer())
            .modelDir(SampleRequest.MODEL)
            .runFiles(SampleRequest.IMAGES);

    Map<String, String> expected = SampleRequest.labels();
    assertThat(result.rows()).hasSize(200);
    assertThat(result.failedItems()).isEmpty();
    assertThat(result.rows().get(0)).matches("000\\.png: .+");
    long correct =
        result.rows().stream()
            .filter(
                r -> {
                  String[] f = r.split(": ", 2);
                  return f[1].equals(expected.get(f[0]));
                })
            .count();
    assertThat(correct).isGreaterThanOrEqualTo(168); // 84% of 200
    assertThat(result.logLines())
        .anyMatch(l -> l.endsWith("] Init started"))
        .anyMatch(l -> l.endsWith("] Device: cpu"))
        .anyMatch(l -> l.endsWith("] Init completed"))
        .anyMatch(l -> l.endsWith("] run mini-batch 0 (10 items)"))
        .anyMatch(l -> l.endsWith("] run mini-batch 19 (10 items)"));
  }

  @Test
  void aBadImageIsAFailedItemNamingTheFileAndTheOthersAreScored(@TempDir Path dir)
      throws Exception {
    for (Path image : SampleRequest.images().subList(0, 3)) {
      Files.copy(image, dir.resolve(image.getFileName()));
    }
    Files.writeString(dir.resolve("001b-broken.png"), "not a png");
    javax.imageio.ImageIO.write(
        new java.awt.image.BufferedImage(32, 32, java.awt.image.BufferedImage.TYPE_BYTE_GRAY),
        "png",
        dir.resolve("big.png").toFile());

    var bad =
        ScorerHarness.of(new OnnxFashionMnistScorer()).modelDir(SampleRequest.MODEL).runFiles(dir);
    var good =
        ScorerHarness.of(new OnnxFashionMnistScorer())
            .modelDir(SampleRequest.MODEL)
            .runFiles(SampleRequest.IMAGES);

    assertThat(bad.rows()).isEqualTo(good.rows().subList(0, 3));
    assertThat(bad.failedItems()).hasSize(2);
    assertThat(bad.failedItems().get(0).item()).endsWith("001b-broken.png");
    assertThat(bad.failedItems().get(0).reason()).contains("001b-broken.png");
    assertThat(bad.failedItems().get(1).reason()).contains("big.png").contains("32x32");
  }
}
