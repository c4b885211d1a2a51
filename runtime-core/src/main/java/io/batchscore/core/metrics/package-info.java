/**
 * The job's Micrometer meters, their export at the end of the job ({@code metrics.json}, {@code
 * metrics.prom}) and while it runs ({@code /metrics}), and the run durations and busy times the
 * job report reads from Micrometer timers of their own.
 */
package io.batchscore.core.metrics;
