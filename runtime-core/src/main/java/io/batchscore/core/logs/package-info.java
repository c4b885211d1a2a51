/**
 * The job's log folder: its layout, the workers' loggers, the runtime's own job log, the
 * progress overview and the per-mini-batch report.
 */
package io.batchscore.core.logs;
