-- Tenant isolation, the database wall (DESIGN.md invariant 3). Written by hand: Prisma's
-- schema language has no roles, grants or row-level security, and the schema engine ignores
-- them when it diffs, so `npm run db:migrate:dev` never generates or undoes any of this.

-- The runtime role the application switches to. Roles are cluster-wide and several databases
-- (dev, test, shadow) share one cluster, so create it only when missing; and since an
-- existing role could have been created with more power, refuse rather than trust it.
DO $$
DECLARE
  existing pg_roles%ROWTYPE;
BEGIN
  SELECT * INTO existing FROM pg_roles WHERE rolname = 'civitas_app';
  IF NOT FOUND THEN
    CREATE ROLE civitas_app NOLOGIN NOSUPERUSER NOBYPASSRLS;
  ELSIF existing.rolsuper OR existing.rolbypassrls THEN
    RAISE EXCEPTION 'role civitas_app exists with SUPERUSER or BYPASSRLS; row-level security would not apply to it';
  END IF;
END
$$;

-- Data access for the app role: rows, never DDL.
GRANT USAGE ON SCHEMA public TO civitas_app;
GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO civitas_app;
GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO civitas_app;
-- Tables and sequences later migrations create (as this same migrating role) get the same.
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO civitas_app;
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE, SELECT ON SEQUENCES TO civitas_app;
-- The migration history belongs to the migrator: the app may read it (readiness), not write it.
REVOKE INSERT, UPDATE, DELETE, TRUNCATE ON "_prisma_migrations" FROM civitas_app;

-- Row-level security on every tenant-owned table. The tenant comes from the transaction-local
-- setting app.tenant_id (set_config('app.tenant_id', …, true)); when it is unset or empty the
-- expression is NULL and no row is visible or writable. FORCE applies the policy to the
-- table owner too, so only a superuser or BYPASSRLS role (the migrator) sees across tenants.
ALTER TABLE "citizens" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "citizens" FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "citizens" FOR ALL TO PUBLIC
  USING (tenant_id = NULLIF(current_setting('app.tenant_id', true), '')::uuid)
  WITH CHECK (tenant_id = NULLIF(current_setting('app.tenant_id', true), '')::uuid);

ALTER TABLE "cases" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "cases" FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "cases" FOR ALL TO PUBLIC
  USING (tenant_id = NULLIF(current_setting('app.tenant_id', true), '')::uuid)
  WITH CHECK (tenant_id = NULLIF(current_setting('app.tenant_id', true), '')::uuid);
