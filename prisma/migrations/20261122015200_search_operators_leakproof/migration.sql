-- Lets the GIN indexes work under row-level security. Hand-written.
--
-- Under RLS, PostgreSQL may use a query condition as an index condition only when its function
-- is LEAKPROOF (a non-leakproof function could otherwise see rows the policy hides, before the
-- policy runs). The functions behind the tag (@>), custom-field (@>), full-text (@@) and trigram
-- (%, <%) operators are not marked so, which left every citizens search reading the whole
-- tenant as the app role (1M rows: 0.7-2 s instead of milliseconds; see docs/benchmarks.md).
--
-- They are leakproof in fact: pure functions of their arguments that raise no data-dependent
-- errors. Marking them needs a superuser; on managed PostgreSQL without one (RDS, Cloud SQL)
-- this step is skipped with a warning, searches stay correct but slower, and the operator can
-- run these statements through the provider's support. `npm run db:migrate` prints the warning.
DO $$
DECLARE
  fn text;
BEGIN
  FOREACH fn IN ARRAY ARRAY[
    'arraycontains(anyarray, anyarray)',
    'jsonb_contains(jsonb, jsonb)',
    'ts_match_vq(tsvector, tsquery)',
    'similarity_op(text, text)',
    'word_similarity_op(text, text)',
    'word_similarity_commutator_op(text, text)'
  ] LOOP
    BEGIN
      EXECUTE format('ALTER FUNCTION %s LEAKPROOF', fn);
    EXCEPTION WHEN insufficient_privilege THEN
      RAISE WARNING 'could not mark % LEAKPROOF (needs a superuser): citizens searches will not use their GIN indexes under row-level security', fn;
    END;
  END LOOP;
END
$$;
