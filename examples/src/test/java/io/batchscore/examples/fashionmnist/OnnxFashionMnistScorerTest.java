package io.batchscore.examples.fashionmnist;

import static org.assertj.core.api.Assertions.assertThat;

import io.batchscore.api.FailedItem;
import io.batchscore.api.MiniBatch;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OnnxFashionMnistScorerTest {

  @Test
  void labelsAtLeast84PercentOfTheSampleRequestCorrectly() throws Exception {
    Map<String, String> expected = SampleRequest.labels();
    List<Path> images = SampleRequest.images();
    assertThat(images).hasSize(200);
    TestContext context = new TestContext(SampleRequest.MODEL);
    List<Object> rows;
    try (OnnxFashionMnistScorer scorer = new OnnxFashionMnistScorer()) {
      scorer.init(context);
      rows = SampleRequest.score(scorer, images, 10);
    }
    assertThat(rows).hasSize(200).allMatch(r -> r instanceof String);
    assertThat(rows.get(0)).asString().matches("000\\.png: .+");
    long correct =
        rows.stream()
            .map(String.class::cast)
            .filter(r -> {
              String[] f = r.split(": ", 2);
              return f[1].equals(expected.get(f[0]));
            })
            .count();
    assertThat(correct).isGreaterThanOrEqualTo(168); // 84% of 200
    assertThat(context.lines)
        .contains("INFO Init started", "INFO Device: cpu", "INFO Init completed",
            "INFO run mini-batch 0 (10 items)", "INFO run mini-batch 19 (10 items)");
  }

  @Test
  void aBadImageIsAFailedItemNamingTheFileAndTheOthersAreScored(@TempDir Path dir)
      throws Exception {
    Path notPng = Files.writeString(dir.resolve("broken.png"), "not a png");
    Path wrongSize = dir.resolve("big.png");
    java.awt.image.BufferedImage big =
        new java.awt.image.BufferedImage(32, 32, java.awt.image.BufferedImage.TYPE_BYTE_GRAY);
    javax.imageio.ImageIO.write(big, "png", wrongSize.toFile());
    List<Path> files = new ArrayList<>(SampleRequest.images().subList(0, 3));
    files.add(1, notPng);
    files.add(wrongSize);
    try (OnnxFashionMnistScorer scorer = new OnnxFashionMnistScorer()) {
      scorer.init(new TestContext(SampleRequest.MODEL));
      List<?> rows = scorer.run(MiniBatch.ofFiles(0, 1, files));
      List<?> good = scorer.run(MiniBatch.ofFiles(1, 1, SampleRequest.images().subList(0, 3)));
      assertThat(rows).hasSize(5);
      assertThat(rows.get(1)).isInstanceOf(FailedItem.class);
      assertThat(((FailedItem) rows.get(1)).reason()).contains("broken.png");
      assertThat(((FailedItem) rows.get(4)).reason()).contains("big.png").contains("32x32");
      assertThat(List.of(rows.get(0), rows.get(2), rows.get(3))).isEqualTo(good);
    }
  }
}
