-- CreateTable
CREATE TABLE "encryption_key_canaries" (
    "key_id" TEXT NOT NULL,
    "ciphertext" TEXT NOT NULL,
    "sample_tenant_id" UUID,
    "field" TEXT NOT NULL,
    "writes_since" TIMESTAMPTZ(3),
    "retired_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "encryption_key_canaries_pkey" PRIMARY KEY ("key_id")
);

-- CreateTable
CREATE TABLE "blind_index_canaries" (
    "id" INTEGER NOT NULL DEFAULT 1,
    "sample_tenant_id" UUID,
    "field" TEXT NOT NULL,
    "value_enc" TEXT,
    "digest" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "blind_index_canaries_pkey" PRIMARY KEY ("id")
);

-- Hand-written from here (lib/crypto/key-check.ts explains the check these tables serve).
ALTER TABLE "blind_index_canaries" ADD CONSTRAINT "blind_index_canaries_one_row" CHECK ("id" = 1);

-- Global tables, not tenant-owned and without row-level security: they hold key ids and
-- canaries of the deployment's keyring (no tenant's data; see the backfill below for the one
-- exception), and the key check reads them at start-up before any tenant is chosen. The app
-- role reads them, records a key id the first time it writes with it and replaces a backfilled
-- sample by a canary (INSERT, UPDATE); forgetting a key id is never the app's business, so it
-- gets no DELETE (the default privileges granted it).
REVOKE DELETE, TRUNCATE ON "encryption_key_canaries", "blind_index_canaries" FROM civitas_app;

-- Backfill: the key ids the data written before this table existed uses, each with one of its
-- ciphertexts as a sample (replaced by a canary on the first start that holds the key, so a
-- real value does not stay here), and one value with its blind index. One pass over citizens
-- and staged import rows per tenant (the sum is one scan of each table), once; from now on key
-- ids are recorded when a process starts writing with them, never found by scanning.
-- Row-level security applies to the migrating role too (FORCE), so each tenant is set in turn.
DO $$
DECLARE
  t record;
BEGIN
  FOR t IN SELECT id FROM tenants ORDER BY id LOOP
    PERFORM set_config('app.tenant_id', t.id::text, true);
    INSERT INTO encryption_key_canaries (key_id, ciphertext, sample_tenant_id, field)
    SELECT DISTINCT ON (s.key_id) s.key_id, s.value, t.id, s.field
      FROM (
        SELECT split_part(v.value, '.', 2) AS key_id, v.value, v.field
          FROM citizens c
          CROSS JOIN LATERAL (VALUES (c.email_enc, 'citizen.email'), (c.phone_enc, 'citizen.phone'),
                                     (c.national_id_enc, 'citizen.nationalId'), (c.date_of_birth_enc, 'citizen.dateOfBirth')) AS v(value, field)
         WHERE c.tenant_id = t.id AND v.value LIKE 'v1.%'
        UNION ALL
        SELECT split_part(v.value, '.', 2), v.value, v.field
          FROM import_rows r
          CROSS JOIN LATERAL (VALUES (r.data->>'emailEnc', 'citizen.email'), (r.data->>'phoneEnc', 'citizen.phone'),
                                     (r.data->>'nationalIdEnc', 'citizen.nationalId'), (r.data->>'dateOfBirthEnc', 'citizen.dateOfBirth')) AS v(value, field)
         WHERE r.tenant_id = t.id AND v.value LIKE 'v1.%'
      ) s
     ORDER BY s.key_id
    ON CONFLICT (key_id) DO NOTHING;

    IF NOT EXISTS (SELECT 1 FROM blind_index_canaries) THEN
      INSERT INTO blind_index_canaries (id, sample_tenant_id, field, value_enc, digest)
      SELECT 1, t.id, v.field, v.value, v.digest
        FROM citizens c
        CROSS JOIN LATERAL (VALUES (c.email_enc, c.email_bidx, 'email'), (c.phone_enc, c.phone_bidx, 'phone'),
                                   (c.national_id_enc, c.national_id_bidx, 'nationalId'), (c.date_of_birth_enc, c.date_of_birth_bidx, 'dateOfBirth')) AS v(value, digest, field)
       WHERE c.tenant_id = t.id AND v.value LIKE 'v1.%' AND v.digest IS NOT NULL
       LIMIT 1;
    END IF;
  END LOOP;
  PERFORM set_config('app.tenant_id', '', true);
END
$$;
