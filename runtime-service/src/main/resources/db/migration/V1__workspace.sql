-- The workspace's resources and its job queue. Portable SQL: runs on SQLite and PostgreSQL.
-- Times are ISO-8601 UTC text; tags, overrides and documents are JSON text.

CREATE TABLE models (
  name         VARCHAR(255) NOT NULL,
  version      INTEGER      NOT NULL,
  type         VARCHAR(64)  NOT NULL,
  path         TEXT         NOT NULL,
  model_dir    TEXT         NOT NULL,
  source_path  TEXT,
  checksum     VARCHAR(64)  NOT NULL,
  description  TEXT,
  tags         TEXT         NOT NULL,
  archived     INTEGER      NOT NULL DEFAULT 0,
  created_at   VARCHAR(40)  NOT NULL,
  PRIMARY KEY (name, version)
);

CREATE TABLE data_assets (
  name         VARCHAR(255) NOT NULL,
  version      INTEGER      NOT NULL,
  type         VARCHAR(32)  NOT NULL,
  path         TEXT         NOT NULL,
  source_path  TEXT,
  linked       INTEGER      NOT NULL DEFAULT 0,
  digest       VARCHAR(64)  NOT NULL,
  description  TEXT,
  tags         TEXT         NOT NULL,
  created_at   VARCHAR(40)  NOT NULL,
  PRIMARY KEY (name, version)
);

CREATE TABLE computes (
  name           VARCHAR(255) NOT NULL PRIMARY KEY,
  type           VARCHAR(64)  NOT NULL,
  size           VARCHAR(128),
  min_instances  INTEGER      NOT NULL,
  max_instances  INTEGER      NOT NULL,
  description    TEXT,
  created_at     VARCHAR(40)  NOT NULL
);

CREATE TABLE endpoints (
  name                VARCHAR(255) NOT NULL PRIMARY KEY,
  description         TEXT,
  auth_mode           VARCHAR(32)  NOT NULL,
  default_deployment  VARCHAR(255),
  tags                TEXT         NOT NULL,
  created_at          VARCHAR(40)  NOT NULL
);

CREATE TABLE deployments (
  endpoint_name    VARCHAR(255) NOT NULL REFERENCES endpoints (name),
  name             VARCHAR(255) NOT NULL,
  description      TEXT,
  model_name       VARCHAR(255) NOT NULL,
  model_version    INTEGER      NOT NULL,
  model_reference  TEXT         NOT NULL,
  compute          VARCHAR(255),
  document         TEXT         NOT NULL,
  source           TEXT         NOT NULL,
  created_at       VARCHAR(40)  NOT NULL,
  updated_at       VARCHAR(40)  NOT NULL,
  PRIMARY KEY (endpoint_name, name)
);

CREATE TABLE jobs (
  name              VARCHAR(255) NOT NULL PRIMARY KEY,
  seq               BIGINT       NOT NULL,
  status            VARCHAR(16)  NOT NULL,
  endpoint_name     VARCHAR(255) NOT NULL,
  deployment_name   VARCHAR(255) NOT NULL,
  model             TEXT         NOT NULL,
  input             TEXT         NOT NULL,
  input_type        VARCHAR(32)  NOT NULL,
  output_path       TEXT         NOT NULL,
  overrides         TEXT         NOT NULL,
  document          TEXT         NOT NULL,
  created_by        VARCHAR(255) NOT NULL,
  creation_time     VARCHAR(40)  NOT NULL,
  start_time        VARCHAR(40),
  end_time          VARCHAR(40),
  items             BIGINT,
  succeeded         BIGINT,
  failed            BIGINT,
  error             TEXT,
  attempts          INTEGER      NOT NULL DEFAULT 0,
  resume            INTEGER      NOT NULL DEFAULT 0,
  cancel_requested  INTEGER      NOT NULL DEFAULT 0,
  runner            VARCHAR(255),
  driver_pid        BIGINT,
  driver_started    VARCHAR(40),
  updated_by        VARCHAR(255)
);

CREATE INDEX jobs_by_status ON jobs (status, seq);
CREATE INDEX jobs_by_endpoint ON jobs (endpoint_name, deployment_name, seq);
