/**
 * The studio: web pages under {@code /studio} on the {@code batchscore serve} server for the
 * workspace's endpoints, deployments, jobs (live progress, log browser, downloads), models and
 * data assets. Pages are jte templates compiled at build time ({@code src/main/jte}, every value
 * escaped) with the report's stylesheet. A signed-in browser holds its token in an HttpOnly,
 * SameSite=Strict cookie (Secure over TLS); scripts send the API's {@code Authorization: Bearer}
 * header instead. Forms that change state carry a CSRF token, and every action checks the role
 * the REST API would need. Files of a job are served only from inside its output folder
 * ({@link io.batchscore.service.studio.JobFiles}).
 */
package io.batchscore.service.studio;
