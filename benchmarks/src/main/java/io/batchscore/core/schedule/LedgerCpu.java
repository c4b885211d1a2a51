package io.batchscore.core.schedule;

import java.lang.management.ManagementFactory;

/**
 * The {@link LedgerBenchmark}'s job, timed in process CPU time as well as wall time: on a shared
 * machine the CPU time a job burns moves much less than its wall time. Usage: {@code java -cp
 * benchmarks/target/benchmarks.jar io.batchscore.core.schedule.LedgerCpu WORKERS [JOBS]}; prints
 * the median per mini-batch over JOBS jobs of 1,000 mini-batches after as many warm-up jobs.
 */
public final class LedgerCpu {

  private LedgerCpu() {}

  public static void main(String[] args) throws Exception {
    LedgerBenchmark b = new LedgerBenchmark();
    b.workers = Integer.parseInt(args[0]);
    int jobs = args.length > 1 ? Integer.parseInt(args[1]) : 200;
    b.setUp();
    com.sun.management.OperatingSystemMXBean os =
        (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    for (int i = 0; i < jobs; i++) {
      b.perMiniBatch();
    }
    double[] cpu = new double[jobs];
    double[] wall = new double[jobs];
    for (int i = 0; i < jobs; i++) {
      long c0 = os.getProcessCpuTime();
      long w0 = System.nanoTime();
      b.perMiniBatch();
      wall[i] = (System.nanoTime() - w0) / 1000.0 / LedgerBenchmark.MINI_BATCHES;
      cpu[i] = (os.getProcessCpuTime() - c0) / 1000.0 / LedgerBenchmark.MINI_BATCHES;
    }
    java.util.Arrays.sort(cpu);
    java.util.Arrays.sort(wall);
    System.out.printf(
        "workers %d, %d jobs of %d mini-batches: per mini-batch CPU median %.1f µs"
            + " (p10 %.1f, p90 %.1f), wall median %.1f µs (p10 %.1f, p90 %.1f)%n",
        b.workers,
        jobs,
        LedgerBenchmark.MINI_BATCHES,
        cpu[jobs / 2],
        cpu[jobs / 10],
        cpu[jobs * 9 / 10],
        wall[jobs / 2],
        wall[jobs / 10],
        wall[jobs * 9 / 10]);
  }
}
