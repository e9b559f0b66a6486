-- The job queue's schema (pg-boss, lib/jobs). Owned by the app role so pg-boss can install and
-- upgrade its own tables there at start-up while the runtime role still has no DDL right
-- anywhere else: its pool connects as civitas_app, like the application's. Nothing in it is
-- tenant data: job payloads carry ids only (see lib/jobs/define-job.ts).
CREATE SCHEMA IF NOT EXISTS pgboss AUTHORIZATION civitas_app;
