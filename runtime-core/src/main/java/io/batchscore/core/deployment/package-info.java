/**
 * The deployment file: {@link io.batchscore.core.deployment.DeploymentLoader} reads a managed batch
 * deployment YAML (keys at the top level as in older files, or under {@code settings:} as in the
 * newer schema), fills in the managed driver's defaults, applies the launcher's {@code --set
 * KEY=VALUE} overrides and yields an immutable {@link io.batchscore.core.deployment.Deployment}
 * record that the rest of the runtime (input, scheduling, output, logs) reads; every mistake a
 * user can make in the file or an override is reported here, before a job starts, as a {@link
 * io.batchscore.core.deployment.DeploymentException} naming the file, the key and the value.
 *
 * <p>Each key is declared once, in {@link io.batchscore.core.deployment.DeploymentKeys}: name,
 * default, how its value is read and checked, and what it means. The loader, {@code --set}, {@link
 * io.batchscore.core.deployment.Deployment#builder} and the README's table of keys read it.
 */
package io.batchscore.core.deployment;
