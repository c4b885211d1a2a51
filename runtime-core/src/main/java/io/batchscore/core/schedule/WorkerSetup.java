package io.batchscore.core.schedule;

import io.batchscore.api.ScorerContext;
import io.batchscore.core.deployment.Deployment;
import io.batchscore.core.device.WorkerSlot;
import io.batchscore.core.logs.JobLayout;
import io.batchscore.core.logs.LogFile;
import io.batchscore.core.logs.LogHold;
import io.batchscore.core.logs.WorkerLogger;
import io.batchscore.core.scorer.WorkerContext;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What a {@link WorkerPool}'s worker is given when it starts: its log files (one pair per slot,
 * shared by the slot's replacements) and its scorer's context.
 */
final class WorkerSetup {

  private final Deployment d;
  private final MeterRegistry registry;
  private final JobLayout layout;
  private final LogHold logHold;
  private final Map<WorkerSlot, WorkerLogger> loggers = new ConcurrentHashMap<>();

  WorkerSetup(Deployment d, MeterRegistry registry, JobLayout layout, LogHold logHold) {
    this.d = d;
    this.registry = registry;
    this.layout = layout;
    this.logHold = logHold;
  }

  WorkerLogger logger(WorkerSlot slot) {
    return loggers.computeIfAbsent(
        slot,
        s ->
            new WorkerLogger(
                s.name(),
                WorkerLogger.levelOf(d.loggingLevel()),
                new LogFile(layout.workerStdout(s.node(), s.process()), logHold),
                new LogFile(layout.workerError(s.node(), s.process()), logHold)));
  }

  ScorerContext context(WorkerSlot slot, WorkerLogger logger) {
    return new WorkerContext(
        d.modelPath(),
        slot.device(),
        slot.intraOpThreads(),
        slot.id(),
        slot.node(),
        logger,
        d.environmentVariables(),
        List.of("--logging_level", d.loggingLevel()),
        layout.outputDir(),
        Map.of(registry.getClass(), registry));
  }
}
