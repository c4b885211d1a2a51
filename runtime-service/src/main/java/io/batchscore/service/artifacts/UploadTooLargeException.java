package io.batchscore.service.artifacts;

import java.io.IOException;

/** An uploaded archive, as sent or as unpacked, is larger than the server's limit. */
public final class UploadTooLargeException extends IOException {
  private static final long serialVersionUID = 1L;

  /** @param limit the limit in bytes */
  public UploadTooLargeException(long limit) {
    super(
        "the upload is larger than the server's limit of "
            + limit
            + " bytes"
            + " (serve --max-upload-bytes)");
  }
}
