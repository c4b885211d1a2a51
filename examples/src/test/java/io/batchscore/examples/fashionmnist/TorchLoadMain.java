package io.batchscore.examples.fashionmnist;

import io.batchscore.core.testing.ScorerHarness;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;

/**
 * Started in a child JVM by {@link OneLibtorchTest}: {@code scorers} runs the TorchScript and
 * state-dict scorers over the sample request; {@code bare} loads JavaCPP PyTorch the way any
 * first use of a PyTorch class does, without {@code TorchNatives}. Then it prints {@code READY}
 * and waits for its stdin to close, so the test can read its {@code /proc/PID/maps}.
 */
public final class TorchLoadMain {

  private TorchLoadMain() {}

  /**
   * @param args {@code scorers} or {@code bare}
   * @throws Exception on any failure
   */
  public static void main(String[] args) throws Exception {
    if (args[0].equals("scorers")) {
      int a =
          ScorerHarness.of(new TorchScriptFashionMnistScorer())
              .modelDir(SampleRequest.MODEL)
              .runFiles(SampleRequest.IMAGES)
              .rows()
              .size();
      int b =
          ScorerHarness.of(new StateDictFashionMnistScorer())
              .modelDir(SampleRequest.MODEL)
              .runFiles(SampleRequest.IMAGES)
              .rows()
              .size();
      System.out.println("rows " + a + " " + b);
    } else {
      org.bytedeco.javacpp.Loader.load(org.bytedeco.pytorch.global.torch.class);
    }
    System.out.println("READY");
    System.out.flush();
    try (BufferedReader in =
        new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))) {
      while (in.readLine() != null) {
        // wait for the test to close stdin
      }
    }
  }
}
