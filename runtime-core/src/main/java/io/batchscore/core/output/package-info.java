/**
 * The job's outputs: the output folder claimed and locked for one job ({@link
 * io.batchscore.core.output.OutputFolder}), results turned into rows, put back into input order,
 * and appended to the predictions file so that a crash never leaves a torn row.
 */
package io.batchscore.core.output;
