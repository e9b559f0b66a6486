-- The chat's read-only views and the role that runs the model's SQL (issue 11 item 2, DESIGN.md
-- invariant 12). Written by hand: Prisma's schema language has no views, roles or grants.
--
-- The views list no encrypted or PII column (lib/chat/views.ts is the same list, for the SQL
-- guard and the model). They are `security_invoker`: a plain view runs with its OWNER's rights,
-- and the owner here is the migrating superuser, whom row-level security does not bind, so a
-- plain view would hand the chat every tenant's rows. As invoker views they are read with the
-- chat role's rights and under the tables' tenant_isolation policies (FOR ALL TO PUBLIC).
--
-- An invoker view also needs the invoker to hold SELECT on what it reads. The chat role gets
-- column grants on exactly the columns the views show (plus deleted_at, which the citizens view
-- filters on): names, contact data, encrypted fields, notes, titles and bodies stay unreadable
-- to it even straight from the base tables.

DO $$
DECLARE
  existing pg_roles%ROWTYPE;
BEGIN
  SELECT * INTO existing FROM pg_roles WHERE rolname = 'civitas_chat';
  IF NOT FOUND THEN
    CREATE ROLE civitas_chat NOLOGIN NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE NOINHERIT;
  ELSIF existing.rolsuper OR existing.rolbypassrls OR existing.rolcreaterole OR existing.rolcanlogin THEN
    RAISE EXCEPTION 'role civitas_chat exists with SUPERUSER, BYPASSRLS, CREATEROLE or LOGIN; it must only read the chat views';
  END IF;
END
$$;

CREATE SCHEMA IF NOT EXISTS chat;
REVOKE ALL ON SCHEMA chat FROM PUBLIC;

CREATE VIEW chat.cases WITH (security_invoker = true) AS
  SELECT id, citizen_id, status::text AS status, priority::text AS priority, category, assignee_id,
         due_at, resolved_at, created_at, updated_at
  FROM public.cases;

CREATE VIEW chat.citizens WITH (security_invoker = true) AS
  SELECT id, city, country, preferred_language, created_at, updated_at
  FROM public.citizens
  WHERE deleted_at IS NULL;

CREATE VIEW chat.case_events WITH (security_invoker = true) AS
  SELECT id, case_id, kind::text AS kind, from_status::text AS from_status, to_status::text AS to_status,
         author_id, created_at
  FROM public.case_events;

-- The chat role: USAGE on the chat schema, SELECT on its views, and the base columns they read.
-- Nothing else is granted (no INSERT/UPDATE/DELETE anywhere, no sequences, no table-wide SELECT).
GRANT USAGE ON SCHEMA chat TO civitas_chat;
GRANT SELECT ON chat.cases, chat.citizens, chat.case_events TO civitas_chat;
GRANT SELECT (id, tenant_id, citizen_id, status, priority, category, assignee_id, due_at, resolved_at, created_at, updated_at)
  ON public.cases TO civitas_chat;
GRANT SELECT (id, tenant_id, city, country, preferred_language, deleted_at, created_at, updated_at)
  ON public.citizens TO civitas_chat;
GRANT SELECT (id, tenant_id, case_id, kind, from_status, to_status, author_id, created_at)
  ON public.case_events TO civitas_chat;

-- The server switches to the chat role inside the chat's transaction (SET LOCAL ROLE): the
-- login role is a member of civitas_app (npm run db:app-login), and through it of civitas_chat.
-- What civitas_app inherits from this is read access to the chat views, which it has already.
GRANT civitas_chat TO civitas_app;

-- Functions every role may call by default (PUBLIC) that would let SQL running as the chat role
-- step outside its transaction or its tenant, if the SQL guard ever let one through:
--   set_config: app.tenant_id is what the policies trust, and set_config('app.tenant_id', <other
--     tenant>, true) followed by a scalar subquery in the same SELECT would read that tenant;
--   session-level advisory locks: they outlive the chat's transaction on a pooled connection;
--   lo_create/lo_creat/lo_from_bytea: large objects are writes that belong to no tenant.
-- The app role (and through it the login role) keeps every one of them: nothing it does changes.
REVOKE EXECUTE ON FUNCTION pg_catalog.set_config(text, text, boolean) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION pg_catalog.set_config(text, text, boolean) TO civitas_app;
REVOKE EXECUTE ON FUNCTION pg_catalog.pg_advisory_lock(bigint), pg_catalog.pg_advisory_lock(integer, integer),
  pg_catalog.pg_advisory_lock_shared(bigint), pg_catalog.pg_advisory_lock_shared(integer, integer),
  pg_catalog.pg_try_advisory_lock(bigint), pg_catalog.pg_try_advisory_lock(integer, integer),
  pg_catalog.pg_try_advisory_lock_shared(bigint), pg_catalog.pg_try_advisory_lock_shared(integer, integer),
  pg_catalog.lo_create(oid), pg_catalog.lo_creat(integer), pg_catalog.lo_from_bytea(oid, bytea)
  FROM PUBLIC;
GRANT EXECUTE ON FUNCTION pg_catalog.pg_advisory_lock(bigint), pg_catalog.pg_advisory_lock(integer, integer),
  pg_catalog.pg_advisory_lock_shared(bigint), pg_catalog.pg_advisory_lock_shared(integer, integer),
  pg_catalog.pg_try_advisory_lock(bigint), pg_catalog.pg_try_advisory_lock(integer, integer),
  pg_catalog.pg_try_advisory_lock_shared(bigint), pg_catalog.pg_try_advisory_lock_shared(integer, integer),
  pg_catalog.lo_create(oid), pg_catalog.lo_creat(integer), pg_catalog.lo_from_bytea(oid, bytea)
  TO civitas_app;
