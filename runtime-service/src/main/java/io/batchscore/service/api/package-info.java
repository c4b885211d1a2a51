/**
 * The workspace's operations as one facade, {@link io.batchscore.service.api.WorkspaceService},
 * with its request and result types. The CLI verbs and the REST routes both call only this
 * package; results are Jackson-serialisable documents in the shape {@code az ml} prints (snake
 * case keys, nulls left out).
 */
package io.batchscore.service.api;
