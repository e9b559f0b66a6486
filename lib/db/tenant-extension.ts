// Builds the application's database client: the base Prisma client with two extensions.
//
// 1. A guard: tenant-owned models cannot be used at all without a tenant. `db.citizen…`
//    throws; only `db.forTenant(ctx).citizen…` works.
// 2. `db.forTenant(ctx)`: every operation is rewritten by tenant-scope.ts (wall one) and runs
//    in a transaction that first sets `app.tenant_id`, which the row-level security policies
//    read (wall two). Inside `forTenant(ctx).$tenantTransaction(fn)` the setting is made once
//    for the whole interactive transaction.
import { Prisma, type PrismaClient } from "@/lib/generated/prisma/client";
import { buildModelMap, runtimeDataModelOf, type TenantModelMap } from "./tenant-models";
import { scopeArgs, TenantScopeError } from "./tenant-scope";
import { isUuid } from "@/lib/validation/uuid";
import { databaseErrorFor } from "./unavailable";

export type TenantScope = { tenantId: string };

type QueryParams = {
  model?: string;
  operation: string;
  args: Record<string, unknown>;
  query: (args: unknown) => Promise<unknown>;
  // Prisma passes its internal request parameters along; `transaction` is set when the
  // operation already runs inside a transaction (ours, which has set the tenant).
  __internalParams?: { transaction?: unknown };
};

// Operations that change rows: if their connection breaks they may have committed (a single
// operation outside a transaction commits on its own).
const WRITES = new Set([
  "create",
  "createMany",
  "createManyAndReturn",
  "update",
  "updateMany",
  "updateManyAndReturn",
  "upsert",
  "delete",
  "deleteMany",
]);

function assertTenant(scope: TenantScope | undefined): string {
  const tenantId = scope?.tenantId;
  if (!isUuid(tenantId)) {
    throw new TenantScopeError("db.forTenant() needs a context with a valid tenantId");
  }
  return tenantId;
}

/** The statement that tells the RLS policies which tenant this transaction acts for. */
export function setTenantStatement(client: PrismaClient, tenantId: string) {
  return client.$executeRaw`SELECT set_config('app.tenant_id', ${tenantId}, true)`;
}

function scopedClient(base: PrismaClient, models: TenantModelMap, tenantId: string) {
  const scoped = base.$extends({
    name: "tenant-scope",
    query: {
      $allModels: {
        async $allOperations(params) {
          const { model, operation, args, query, __internalParams } = params as unknown as QueryParams;
          const scopedArgs = scopeArgs(models, model ?? "", operation, args, tenantId);
          if (__internalParams?.transaction) return query(scopedArgs);
          try {
            const [, result] = await base.$transaction([
              setTenantStatement(base, tenantId),
              query(scopedArgs) as unknown as Prisma.PrismaPromise<unknown>,
            ]);
            return result;
          } catch (err) {
            throw databaseErrorFor(err, { mayHaveCommitted: WRITES.has(operation) });
          }
        },
      },
    },
  });
  return scoped.$extends({
    name: "tenant-transaction",
    client: {
      /**
       * Runs `fn` in one interactive transaction with the tenant set for its whole length:
       * use it for multi-step writes and for raw SQL (which only RLS protects).
       */
      $tenantTransaction<T>(
        fn: (tx: Omit<typeof scoped, "$transaction" | "$connect" | "$disconnect" | "$on" | "$extends">) => Promise<T>,
        options?: { timeout?: number; maxWait?: number; isolationLevel?: Prisma.TransactionIsolationLevel },
      ): Promise<T> {
        // Once `fn` has finished, Prisma sends COMMIT: a connection lost from then on leaves
        // the outcome unknown (WriteOutcomeUnknownError); lost before, nothing was committed.
        let committing = false;
        return scoped
          .$transaction(
            async (tx) => {
              await tx.$executeRaw`SELECT set_config('app.tenant_id', ${tenantId}, true)`;
              const result = await fn(tx);
              committing = true;
              return result;
            },
            { maxWait: TRANSACTION_MAX_WAIT_MS, ...options },
          )
          .catch((err: unknown) => {
            throw databaseErrorFor(err, { mayHaveCommitted: committing });
          });
      },
    },
  });
}

/**
 * How long a transaction waits for a pooled connection before it fails. Prisma's default (2 s)
 * turned a burst into errors: 200 AI calls of one tenant at once on a loaded 2-core machine had
 * 130–180 of them fail with "Unable to start a transaction in the given time" (P2028) while the
 * pool of 10 worked through them in a few seconds. A burst now queues; a pool that is really
 * stuck still fails, after 10 s.
 */
export const TRANSACTION_MAX_WAIT_MS = 10_000;

export function createDb(base: PrismaClient) {
  const models = buildModelMap(runtimeDataModelOf(base));
  const guarded = base.$extends({
    name: "tenant-guard",
    query: {
      $allModels: {
        async $allOperations(params) {
          const { model, operation, args, query, __internalParams } = params as unknown as QueryParams & {
            model: string;
          };
          if (models.get(model)?.tenantOwned) {
            throw new TenantScopeError(
              `${model} is tenant-owned: use db.forTenant(ctx).${model.charAt(0).toLowerCase()}${model.slice(1)}`,
            );
          }
          // Inside a transaction the transaction's owner decides (nothing commits before it).
          if (__internalParams?.transaction) return query(args);
          return (query(args) as Promise<unknown>).catch((err: unknown) => {
            throw databaseErrorFor(err, { mayHaveCommitted: WRITES.has(operation) });
          });
        },
      },
    },
  });
  const cache = new Map<string, ReturnType<typeof scopedClient>>();
  return guarded.$extends({
    name: "tenant-entry",
    client: {
      /** A client scoped to `ctx.tenantId` through both walls. Throws without a tenant. */
      forTenant(ctx: TenantScope) {
        const tenantId = assertTenant(ctx);
        // Extended clients are cheap but not free; reuse one per tenant (bounded).
        let client = cache.get(tenantId);
        if (!client) {
          if (cache.size > 500) cache.clear();
          client = scopedClient(base, models, tenantId);
          cache.set(tenantId, client);
        }
        return client;
      },
      /** The model map the walls were built from (for the cross-tenant test suite). */
      $tenantModels(): TenantModelMap {
        return models;
      },
    },
  });
}

export type Db = ReturnType<typeof createDb>;
export type TenantDb = ReturnType<Db["forTenant"]>;
