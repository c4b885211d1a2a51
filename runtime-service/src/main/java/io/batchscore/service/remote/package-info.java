/**
 * The CLI's client mode: {@code --url URL} (or {@code BATCHSCORE_URL}) makes the workspace verbs
 * call a {@code batchscore serve} over REST ({@link RemoteWorkspace}) with a bearer token from
 * {@code BATCHSCORE_TOKEN} or {@code ~/.batchscore/credentials} ({@link Credentials}), uploading
 * the local files and folders of models, data assets and deployments ({@link FolderUploads}).
 */
package io.batchscore.service.remote;
