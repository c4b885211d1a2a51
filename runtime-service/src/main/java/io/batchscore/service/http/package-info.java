/**
 * The REST face of a workspace: {@code batchscore serve} runs an {@link ApiServer} (Javalin on
 * Jetty) with the management API, a scoring URI per endpoint that takes the cloud's invoke bodies
 * ({@link InvokeBodies}), bearer-token authentication and roles ({@link BearerAuthentication}),
 * JSON errors ({@link ApiException}), {@code /health}, {@code /openapi.json}, Prometheus {@code
 * /metrics} ({@link HttpMetrics}), TLS from PEM files ({@link TlsConnector}), request size
 * limits, and the CLI's uploads ({@link UploadRoutes}).
 */
package io.batchscore.service.http;
