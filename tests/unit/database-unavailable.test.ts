// The outage classifier on errors the real drivers produce (no database server needed: a
// closed port refuses, a local socket that accepts and then resets plays a server that died),
// (PGlite's shapes are in tests/integration/database-unavailable-pglite.test.ts: starting it
// takes seconds), and the mappers that turn an outage into 503 + Retry-After instead of 500 or "signed out".
import net from "node:net";
import { Client, Pool } from "pg";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "@/lib/generated/prisma/client";

jest.mock("@/lib/log/logger", () => ({ logger: { error: jest.fn(), warn: jest.fn(), info: jest.fn() } }));
import { logger } from "@/lib/log/logger";
import {
  classifyDatabaseError,
  databaseErrorFor,
  DatabaseUnavailableError,
  isDatabaseUnavailable,
} from "@/lib/db/unavailable";
import { WriteOutcomeUnknownError } from "@/lib/errors";
import { errorResponse } from "@/lib/errors/route";
import { actionFailure } from "@/lib/errors/action";
import { logDatabaseOutage, tenantSlugFromPath } from "@/lib/db/unavailable-log";
import { isDatabaseUnavailableDigest } from "@/lib/errors/unavailable-digest";

async function caught(fn: () => Promise<unknown>): Promise<unknown> {
  try {
    await fn();
  } catch (err) {
    return err;
  }
  throw new Error("expected a failure");
}

/** A port nothing listens on (bound, then closed). */
async function closedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((r) => server.close(r));
  return port;
}

/** Accepts connections and resets each as soon as the client speaks: a server that died. */
async function resettingServer(): Promise<{ port: number; close(): Promise<void> }> {
  const server = net.createServer((socket) => socket.once("data", () => socket.resetAndDestroy()));
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  return { port: (server.address() as net.AddressInfo).port, close: () => new Promise((r) => server.close(() => r())) };
}

/** Accepts connections and never answers: a pool whose only connection is stuck. */
async function silentServer(): Promise<{ port: number; close(): Promise<void> }> {
  const sockets = new Set<net.Socket>();
  const server = net.createServer((s) => void sockets.add(s));
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  return {
    port: (server.address() as net.AddressInfo).port,
    close: () => {
      for (const s of sockets) s.destroy();
      return new Promise((r) => server.close(() => r()));
    },
  };
}

describe("classifyDatabaseError on real driver errors", () => {
  test("pg: connection refused", async () => {
    const port = await closedPort();
    const err = await caught(() => new Client({ host: "127.0.0.1", port, user: "x", database: "x" }).connect());
    expect(classifyDatabaseError(err)).toEqual({ kind: "connect", code: "ECONNREFUSED" });
  });

  test("pg: connection reset by the server", async () => {
    const server = await resettingServer();
    const client = new Client({ host: "127.0.0.1", port: server.port, user: "x", database: "x" });
    client.on("error", () => {});
    const err = await caught(() => client.connect());
    await server.close();
    expect(classifyDatabaseError(err)?.kind).toBe("lost");
  });

  test("pg: pool exhausted (timeout exceeded when trying to connect)", async () => {
    const server = await silentServer();
    // One connection that never completes its start-up, and a second query queued behind it.
    const pool = new Pool({
      host: "127.0.0.1",
      port: server.port,
      user: "x",
      database: "x",
      max: 1,
      connectionTimeoutMillis: 200,
    });
    const [first, queued] = await Promise.all([
      caught(() => pool.query("SELECT 1")),
      caught(() => pool.query("SELECT 2")),
    ]);
    await pool.end().catch(() => {});
    await server.close();
    expect(classifyDatabaseError(first)).toEqual({ kind: "connect", code: "CONNECT_TIMEOUT" });
    expect(classifyDatabaseError(queued)).toEqual({ kind: "connect", code: "POOL_TIMEOUT" });
  });

  test("Prisma over adapter-pg: unreachable server, raw query (P2010) and model query (P1001)", async () => {
    const port = await closedPort();
    const prisma = new PrismaClient({
      adapter: new PrismaPg({ connectionString: `postgresql://x@127.0.0.1:${port}/x` }),
    });
    const raw = await caught(() => prisma.$queryRaw`SELECT 1`);
    const model = await caught(() => prisma.user.findFirst());
    const itx = await caught(() => prisma.$transaction(async (tx) => tx.$queryRaw`SELECT 1`));
    await prisma.$disconnect();
    expect((raw as { code?: string }).code).toBe("P2010");
    expect(classifyDatabaseError(raw)).toEqual({ kind: "connect", code: "DatabaseNotReachable" });
    expect((model as { code?: string }).code).toBe("P1001");
    expect(classifyDatabaseError(model)).toEqual({ kind: "connect", code: "P1001" });
    expect(classifyDatabaseError(itx)?.kind).toBe("connect");
  });

  test("Prisma over adapter-pg: connection reset mid-way", async () => {
    const server = await resettingServer();
    const prisma = new PrismaClient({
      adapter: new PrismaPg({
        connectionString: `postgresql://x@127.0.0.1:${server.port}/x`,
        connectionTimeoutMillis: 1_000,
      }),
    });
    const err = await caught(() => prisma.$queryRaw`SELECT 1`);
    await prisma.$disconnect();
    await server.close();
    expect(isDatabaseUnavailable(err)).toBe(true);
  });

  test("ordinary errors are left alone", () => {
    expect(classifyDatabaseError(new Error("boom"))).toBeNull();
    expect(classifyDatabaseError(Object.assign(new Error("duplicate key"), { code: "23505" }))).toBeNull();
    expect(classifyDatabaseError(Object.assign(new Error("Unique constraint failed"), { code: "P2002" }))).toBeNull();
    expect(classifyDatabaseError(null)).toBeNull();
    expect(classifyDatabaseError("ECONNREFUSED")).toBeNull();
  });

  test("SQLSTATE shapes: admin shutdown, connection exceptions, too many connections", () => {
    expect(
      classifyDatabaseError(
        Object.assign(new Error("terminating connection due to administrator command"), { code: "57P01" }),
      ),
    ).toEqual({ kind: "lost", code: "57P01" });
    expect(classifyDatabaseError(Object.assign(new Error("x"), { code: "08006" }))?.kind).toBe("lost");
    expect(classifyDatabaseError(Object.assign(new Error("x"), { code: "53300" }))?.kind).toBe("connect");
    // The adapter's shape for a SQLSTATE it has no kind for.
    expect(
      classifyDatabaseError({ name: "DriverAdapterError", cause: { kind: "postgres", code: "57P01" } })?.code,
    ).toBe("57P01");
  });
});

describe("databaseErrorFor", () => {
  const lost = Object.assign(new Error("read ECONNRESET"), { code: "ECONNRESET" });
  const refused = Object.assign(new Error("connect ECONNREFUSED"), { code: "ECONNREFUSED" });

  test("an outage becomes DatabaseUnavailableError (503, Retry-After, the boundary's digest)", () => {
    const err = databaseErrorFor(refused);
    expect(err).toBeInstanceOf(DatabaseUnavailableError);
    expect((err as DatabaseUnavailableError).status).toBe(503);
    expect((err as DatabaseUnavailableError).retryAfter).toBeGreaterThan(0);
    expect(isDatabaseUnavailableDigest(err)).toBe(true);
  });

  test("a write whose connection broke may have committed; one that never connected did not", () => {
    expect(databaseErrorFor(lost, { mayHaveCommitted: true })).toBeInstanceOf(WriteOutcomeUnknownError);
    expect(databaseErrorFor(refused, { mayHaveCommitted: true })).toBeInstanceOf(DatabaseUnavailableError);
    expect(databaseErrorFor(databaseErrorFor(lost), { mayHaveCommitted: true })).toBeInstanceOf(
      WriteOutcomeUnknownError,
    );
  });

  test("anything else passes through unchanged", () => {
    const other = new Error("constraint");
    expect(databaseErrorFor(other)).toBe(other);
  });
});

describe("mappers", () => {
  beforeEach(() => jest.mocked(logger.error).mockClear());

  test("a raw driver outage that escaped answers 503 + Retry-After with the error body, not 500", async () => {
    const res = errorResponse(
      Object.assign(new Error("connect ECONNREFUSED"), { code: "ECONNREFUSED" }),
      "req-outage-1",
      "/api/tenants/acme/cases",
    );
    expect(res.status).toBe(503);
    expect(Number(res.headers.get("retry-after"))).toBeGreaterThan(0);
    const body = await res.json();
    expect(body.error.code).toBe("UNAVAILABLE");
    expect(body.error.details).toEqual({ requestId: "req-outage-1" });
  });

  test("actions: outcome unknown is its own code with the 'check before retrying' message", () => {
    const failure = actionFailure(new WriteOutcomeUnknownError(), "req-outage-2");
    expect(failure.code).toBe("WRITE_OUTCOME_UNKNOWN");
    expect(failure.message).toMatch(/may not have been saved/i);
    expect(failure.message).toMatch(/check before retrying/i);
  });

  test("the outage line: request id, tenant, user, route, database code; identical ones rate-limited", () => {
    const err = new DatabaseUnavailableError({ kind: "connect", code: "ECONNREFUSED" }, { userId: "u-1" });
    for (let i = 0; i < 5; i++)
      logDatabaseOutage(err, { requestId: `req-${i}`, route: "/acme/citizens/rate-limit-test" });
    expect(logger.error).toHaveBeenCalledTimes(1);
    expect(jest.mocked(logger.error).mock.calls[0]![0]).toEqual({
      event: "db.unavailable",
      request_id: "req-0",
      tenant: "acme",
      user_id: "u-1",
      route: "/acme/citizens/rate-limit-test",
      code: "UNAVAILABLE",
      db_code: "ECONNREFUSED",
      db_failure: "connect",
    });
  });

  test("tenant slugs from paths", () => {
    expect(tenantSlugFromPath("/api/tenants/acme/cases")).toBe("acme");
    expect(tenantSlugFromPath("/acme/cases/1")).toBe("acme");
    expect(tenantSlugFromPath("/sign-in")).toBeUndefined();
  });
});
