/**
 * Who may do what: signed bearer tokens of the workspace ({@link LocalTokens}, keyed by the
 * workspace's {@link SigningKey}, revocable through {@link RevokedTokens}), tokens of a team's own
 * identity provider ({@link OidcTokens}), the three {@link Role}s, the roots a request's local
 * paths must stay under ({@link AllowedRoots}) and the masking of secret values in documents
 * ({@link SecretMasker}) and in stored YAML text ({@link SecretYaml}). Nothing here knows about HTTP; the {@code http} package applies these rules to
 * requests.
 */
package io.batchscore.service.auth;
