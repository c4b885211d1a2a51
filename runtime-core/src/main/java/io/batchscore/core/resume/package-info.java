/**
 * Crash safety and {@code --resume}: the commit journal, checkpoints (each with the input's listing
 * digest so far), and the settings fingerprint that tells whether a folder holds the same job.
 */
package io.batchscore.core.resume;
