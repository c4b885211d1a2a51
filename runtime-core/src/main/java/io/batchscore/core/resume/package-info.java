/**
 * Crash safety and {@code --resume}: the commit journal, checkpoints, and the fingerprint that
 * tells whether a folder holds the same job.
 */
package io.batchscore.core.resume;
