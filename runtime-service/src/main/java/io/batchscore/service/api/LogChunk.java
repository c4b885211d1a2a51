package io.batchscore.service.api;

/**
 * A piece of a job's driver log, for following it ({@code job stream}).
 *
 * @param text the log's text from the requested offset (UTF-8 decoded; may end mid-line)
 * @param nextOffset the byte offset to ask for next
 * @param ended whether the job has ended (nothing more will be written once this is read)
 * @param status the job's status when read
 */
public record LogChunk(String text, long nextOffset, boolean ended, String status) {}
