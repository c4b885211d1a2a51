/**
 * The workspace verbs of {@code batchscore}, named as {@code az ml}'s ({@code model}, {@code
 * data}, {@code compute}, {@code batch-endpoint}, {@code batch-deployment}, {@code job}), plus
 * {@code workspace}; added to the launcher through {@link io.batchscore.core.cli.CommandPlugin}.
 * Every verb takes {@code --workspace}, {@code -o json|tsv|table} and {@code --query JMESPATH};
 * a user's error is one line on stderr and exit status 2.
 */
package io.batchscore.service.cli;
