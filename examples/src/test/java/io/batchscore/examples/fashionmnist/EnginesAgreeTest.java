package io.batchscore.examples.fashionmnist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.batchscore.api.Scorer;
import io.batchscore.core.testing.ScorerHarness;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The TorchScript and state-dict scorers give the ONNX scorer's rows, item for item. */
class EnginesAgreeTest {

  static List<String> onnxRows;

  @BeforeAll
  static void scoreWithOnnx() throws Exception {
    onnxRows = score(new OnnxFashionMnistScorer(), SampleRequest.MODEL);
  }

  static List<String> score(Scorer scorer, Path modelDir) throws Exception {
    ScorerHarness.Result r =
        ScorerHarness.of(scorer).modelDir(modelDir).runFiles(SampleRequest.IMAGES);
    assertThat(r.failedItems()).isEmpty();
    assertThat(r.logged("] Init completed")).isTrue();
    assertThat(r.logged("] run mini-batch 19 (10 items)")).isTrue();
    return r.rows();
  }

  @Test
  void torchScriptRowsEqualOnnxRows() throws Exception {
    assertThat(score(new TorchScriptFashionMnistScorer(), SampleRequest.MODEL))
        .hasSize(200)
        .isEqualTo(onnxRows);
  }

  @Test
  void stateDictRowsEqualOnnxRows() throws Exception {
    assertThat(score(new StateDictFashionMnistScorer(), SampleRequest.MODEL))
        .hasSize(200)
        .isEqualTo(onnxRows);
  }

  @Test
  void twoWorkersOfEachEngineScoreConcurrentlyAndAgree() throws Exception {
    java.util.concurrent.ExecutorService pool =
        java.util.concurrent.Executors.newFixedThreadPool(4);
    try {
      List<java.util.concurrent.Future<List<String>>> results = new ArrayList<>();
      for (int worker = 0; worker < 2; worker++) {
        results.add(
            pool.submit(() -> score(new TorchScriptFashionMnistScorer(), SampleRequest.MODEL)));
        results.add(
            pool.submit(() -> score(new StateDictFashionMnistScorer(), SampleRequest.MODEL)));
      }
      for (java.util.concurrent.Future<List<String>> r : results) {
        assertThat(r.get()).isEqualTo(onnxRows);
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void theAlternativeModelAgreesToo() throws Exception {
    List<String> onnx = score(new OnnxFashionMnistScorer(), SampleRequest.MODEL_ALT);
    assertThat(score(new TorchScriptFashionMnistScorer(), SampleRequest.MODEL_ALT)).isEqualTo(onnx);
    assertThat(score(new StateDictFashionMnistScorer(), SampleRequest.MODEL_ALT)).isEqualTo(onnx);
    assertThat(onnx).isNotEqualTo(onnxRows);
  }

  @Test
  void badImagesAreFailedItemsForEveryEngine(@TempDir Path dir) throws Exception {
    for (Path image : SampleRequest.images().subList(0, 4)) {
      Files.copy(image, dir.resolve(image.getFileName()));
    }
    Files.writeString(dir.resolve("001b-broken.png"), "not a png");
    for (Supplier<Scorer> make :
        List.<Supplier<Scorer>>of(
            TorchScriptFashionMnistScorer::new, StateDictFashionMnistScorer::new)) {
      ScorerHarness.Result r =
          ScorerHarness.of(make.get()).modelDir(SampleRequest.MODEL).runFiles(dir);
      assertThat(r.failedItems())
          .singleElement()
          .satisfies(f -> assertThat(f.reason()).contains("001b-broken.png"));
      assertThat(r.rows()).isEqualTo(onnxRows.subList(0, 4));
    }
  }

  @Test
  void mismatchedWeightsFailInitNamingFileAndParameter(@TempDir Path dir) throws Exception {
    Path wide = Path.of("src/test/resources/wide-model");
    assertThatThrownBy(
            () ->
                ScorerHarness.of(new StateDictFashionMnistScorer())
                    .modelDir(wide)
                    .runFiles(SampleRequest.IMAGES))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith(wide.resolve("weights.pth") + ": state dict does not match")
        .hasMessageContaining(
            "parameter 'sequence.1.weight' has shape [32, 784] in the file but [20, 784] in the"
                + " module");
    // a zip that is no state dict: a TorchScript archive under the weights' name
    Files.copy(SampleRequest.MODEL.resolve("model.pt"), dir.resolve("weights.pth"));
    assertThatThrownBy(
            () ->
                ScorerHarness.of(new StateDictFashionMnistScorer())
                    .modelDir(dir)
                    .runFiles(SampleRequest.IMAGES))
        .hasMessageStartingWith(dir.resolve("weights.pth").toString());
  }

  @Test
  void corruptTorchScriptFailsInitNamingTheFile(@TempDir Path dir) throws Exception {
    Files.write(dir.resolve("model.pt"), new byte[] {'P', 'K', 3, 4, 0, 0});
    assertThatThrownBy(
            () ->
                ScorerHarness.of(new TorchScriptFashionMnistScorer())
                    .modelDir(dir)
                    .runFiles(SampleRequest.IMAGES))
        .hasMessageStartingWith("cannot load TorchScript model " + dir.resolve("model.pt"));
  }
}
