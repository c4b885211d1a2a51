/** Loading the user's scorer class and building each worker's context. */
package io.batchscore.core.scorer;
