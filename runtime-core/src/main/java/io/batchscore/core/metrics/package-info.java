/** The job's Micrometer meters and their export at the end of the job. */
package io.batchscore.core.metrics;
