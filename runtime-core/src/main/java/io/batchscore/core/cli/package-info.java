/** The {@code batchscore} launcher: picocli commands, exit statuses, version. */
package io.batchscore.core.cli;
