package io.batchscore.gpu.torch;

import org.bytedeco.pytorch.global.torch;

/**
 * libtorch's intra-op thread count. {@code torch.set_num_threads} acts on the whole process, not
 * on one worker, so the runtime's plan gives every worker of a job the same count and this class
 * only sets it when it differs.
 */
public final class TorchThreads {

  private TorchThreads() {}

  /**
   * Sets libtorch's intra-op thread count.
   *
   * @param intraOpThreads threads, 1 or more
   */
  public static void set(int intraOpThreads) {
    if (intraOpThreads < 1) {
      throw new IllegalArgumentException("intra-op threads must be >= 1, got " + intraOpThreads);
    }
    TorchNatives.load();
    if (torch.get_num_threads() != intraOpThreads) {
      torch.set_num_threads(intraOpThreads);
    }
  }
}
