package io.batchscore.service.artifacts;

import java.nio.file.Path;

/**
 * A copy in the artifact store.
 *
 * @param root the folder holding the copy ({@code artifacts/KIND/SHA256})
 * @param path the copied file or folder itself, under its own name in {@code root}
 * @param sha256 the digest of the copied names and contents
 */
public record StoredArtifact(Path root, Path path, String sha256) {}
