package io.batchscore.examples.fashionmnist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.batchscore.api.FailedItem;
import io.batchscore.api.MiniBatch;
import io.batchscore.api.Scorer;
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

  static List<Object> onnxRows;

  @BeforeAll
  static void scoreWithOnnx() throws Exception {
    onnxRows = score(new OnnxFashionMnistScorer(), SampleRequest.MODEL);
  }

  static List<Object> score(Scorer scorer, Path modelDir) throws Exception {
    try (scorer) {
      TestContext context = new TestContext(modelDir);
      scorer.init(context);
      List<Object> rows = SampleRequest.score(scorer, SampleRequest.images(), 10);
      assertThat(context.lines).contains("INFO Init completed", "INFO run mini-batch 19 (10 items)");
      return rows;
    }
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
    java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(4);
    try {
      List<java.util.concurrent.Future<List<Object>>> results = new ArrayList<>();
      for (int worker = 0; worker < 2; worker++) {
        results.add(pool.submit(() -> score(new TorchScriptFashionMnistScorer(), SampleRequest.MODEL)));
        results.add(pool.submit(() -> score(new StateDictFashionMnistScorer(), SampleRequest.MODEL)));
      }
      for (java.util.concurrent.Future<List<Object>> r : results) {
        assertThat(r.get()).isEqualTo(onnxRows);
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void theAlternativeModelAgreesToo() throws Exception {
    List<Object> onnx = score(new OnnxFashionMnistScorer(), SampleRequest.MODEL_ALT);
    assertThat(score(new TorchScriptFashionMnistScorer(), SampleRequest.MODEL_ALT)).isEqualTo(onnx);
    assertThat(score(new StateDictFashionMnistScorer(), SampleRequest.MODEL_ALT)).isEqualTo(onnx);
    assertThat(onnx).isNotEqualTo(onnxRows);
  }

  @Test
  void badImagesAreFailedItemsForEveryEngine(@TempDir Path dir) throws Exception {
    Path broken = Files.writeString(dir.resolve("broken.png"), "not a png");
    List<Path> files = new ArrayList<>(SampleRequest.images().subList(0, 4));
    files.add(2, broken);
    for (Supplier<Scorer> make :
        List.<Supplier<Scorer>>of(
            TorchScriptFashionMnistScorer::new, StateDictFashionMnistScorer::new)) {
      try (Scorer scorer = make.get()) {
        scorer.init(new TestContext(SampleRequest.MODEL));
        List<?> rows = scorer.run(MiniBatch.ofFiles(0, 1, files));
        assertThat(rows).hasSize(5);
        assertThat(((FailedItem) rows.get(2)).reason()).contains("broken.png");
        assertThat(List.of(rows.get(0), rows.get(1), rows.get(3), rows.get(4)))
            .isEqualTo(onnxRows.subList(0, 4));
      }
    }
  }

  @Test
  void mismatchedWeightsFailInitNamingFileAndParameter(@TempDir Path dir) throws Exception {
    Path wide = Path.of("src/test/resources/wide-model");
    try (StateDictFashionMnistScorer scorer = new StateDictFashionMnistScorer()) {
      assertThatThrownBy(() -> scorer.init(new TestContext(wide)))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageStartingWith(wide.resolve("weights.pth") + ": state dict does not match")
          .hasMessageContaining(
              "parameter 'sequence.1.weight' has shape [32, 784] in the file but [20, 784] in the"
                  + " module");
    }
    // a zip that is no state dict: a TorchScript archive under the weights' name
    Files.copy(SampleRequest.MODEL.resolve("model.pt"), dir.resolve("weights.pth"));
    try (StateDictFashionMnistScorer scorer = new StateDictFashionMnistScorer()) {
      assertThatThrownBy(() -> scorer.init(new TestContext(dir)))
          .hasMessageStartingWith(dir.resolve("weights.pth").toString());
    }
  }

  @Test
  void corruptTorchScriptFailsInitNamingTheFile(@TempDir Path dir) throws Exception {
    Files.write(dir.resolve("model.pt"), new byte[] {'P', 'K', 3, 4, 0, 0});
    try (TorchScriptFashionMnistScorer scorer = new TorchScriptFashionMnistScorer()) {
      assertThatThrownBy(() -> scorer.init(new TestContext(dir)))
          .hasMessageStartingWith("cannot load TorchScript model " + dir.resolve("model.pt"));
    }
  }
}
