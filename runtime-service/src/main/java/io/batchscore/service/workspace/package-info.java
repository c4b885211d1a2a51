/**
 * The workspace: its folder and settings, its database (SQLite by default, PostgreSQL for a shared
 * service; schema migrated by Flyway from {@code db/migration}), the repositories of its resources
 * and jobs, and {@link io.batchscore.service.workspace.LocalWorkspaceService}, the implementation
 * of the service facade on top of them.
 */
package io.batchscore.service.workspace;
