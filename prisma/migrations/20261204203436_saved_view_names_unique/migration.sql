-- Saved views: one name per owner and list (issue #13). Views saved twice under one name before
-- this rule keep working and are told apart: the later ones become "Name (2)", "Name (3)".
WITH numbered AS (
  SELECT id, row_number() OVER (PARTITION BY tenant_id, user_id, resource, name ORDER BY created_at, id) AS n
    FROM saved_views
)
UPDATE saved_views s
   SET name = left(s.name, 54) || ' (' || numbered.n || ')'
  FROM numbered
 WHERE numbered.id = s.id AND numbered.n > 1;

-- CreateIndex
CREATE UNIQUE INDEX "saved_views_tenant_id_user_id_resource_name_key" ON "saved_views"("tenant_id", "user_id", "resource", "name");
