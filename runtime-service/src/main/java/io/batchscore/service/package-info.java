/**
 * The workspace around the driver: versioned models, data assets, compute, batch endpoints and
 * deployments kept in a database, asynchronous jobs run by a runner in child processes, the REST
 * API with bearer-token security, and the studio pages.
 */
package io.batchscore.service;
