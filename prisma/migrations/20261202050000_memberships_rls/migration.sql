-- Row-level security for memberships (written by hand, like 20261202031512_inheritance_blocks):
-- defence in depth, so a query that forgets its filter cannot list another tenant's staff.
--   tenant_isolation: rows and writes of the tenant set for the transaction (app.tenant_id);
--   own_rows: for reading only, the signed-in person's own memberships in every tenant
--     (app.user_id), which is how the tenant switcher and authorization find their tenants;
--   inherited_from_ancestors: for reading only, the inheriting memberships of the current
--     tenant's ancestors, who reach it through the hierarchy (its owners see and block them);
--   platform_directory: for reading only, the admin area's counts, when it sets
--     app.platform_directory for its transaction (lib/admin/directory.ts).
-- Foreign-key cascades (a deleted user or tenant) bypass row security, as for the other tables.

-- The ancestors of a tenant, nearest first, at most 8 levels up (MAX_DEPTH in lib/tenants).
-- tenants has no row-level security, so reading it here cannot recurse into these policies.
CREATE FUNCTION app_tenant_ancestors(child uuid) RETURNS SETOF uuid
  LANGUAGE sql STABLE PARALLEL SAFE AS $$
  WITH RECURSIVE up AS (
    SELECT parent_id AS id, 1 AS depth FROM tenants WHERE id = child AND parent_id IS NOT NULL
    UNION ALL
    SELECT t.parent_id, up.depth + 1 FROM up JOIN tenants t ON t.id = up.id
     WHERE t.parent_id IS NOT NULL AND up.depth < 8
  )
  SELECT id FROM up
$$;

ALTER TABLE "memberships" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "memberships" FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "memberships" FOR ALL TO PUBLIC
  USING (tenant_id = NULLIF(current_setting('app.tenant_id', true), '')::uuid)
  WITH CHECK (tenant_id = NULLIF(current_setting('app.tenant_id', true), '')::uuid);
CREATE POLICY own_rows ON "memberships" FOR SELECT TO PUBLIC
  USING (user_id = NULLIF(current_setting('app.user_id', true), '')::uuid);
-- The sub-select is uncorrelated, so the ancestors are computed once per statement.
CREATE POLICY inherited_from_ancestors ON "memberships" FOR SELECT TO PUBLIC
  USING (inherit AND tenant_id IN (
    SELECT app_tenant_ancestors(NULLIF(current_setting('app.tenant_id', true), '')::uuid)));
CREATE POLICY platform_directory ON "memberships" FOR SELECT TO PUBLIC
  USING (current_setting('app.platform_directory', true) = 'on');
