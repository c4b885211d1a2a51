-- The YAML text an endpoint or deployment was last created or updated from, as the file held it
-- (null when it came as JSON over REST). Portable SQL: runs on SQLite and PostgreSQL.

ALTER TABLE endpoints ADD COLUMN yaml TEXT;
ALTER TABLE deployments ADD COLUMN yaml TEXT;

-- A UriFile output: the file the predictions are published to when the job completes (its
-- output_path is then the job's own folder, where the logs stay).
ALTER TABLE jobs ADD COLUMN output_file TEXT;
