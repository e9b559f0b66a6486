// recordAudit takes actor and request facts from the request context only
// (lib/context/request-context.ts). These pin down what it writes for each kind of context,
// with a writer that captures the statement's values instead of a database.
import { MissingAuditContextError, recordAudit, type AuditWriter } from "@/lib/audit/record";
import { enrichLogContext, runAsSystem, runWithLogContext } from "@/lib/context/request-context";
import { isValidRequestId } from "@/lib/context/request-id";
import { runWithRequestRecord } from "@/lib/context/request-record";

// The INSERT's values, in order: id, tenant_id, actor_id, actor_type, action, target_type,
// target_id, data, request_id, ip, user_agent.
type Written = { actorId: unknown; actorType: unknown; data: unknown; requestId: unknown; ip: unknown; ua: unknown };

function capture(): { writer: AuditWriter; rows: Written[] } {
  const rows: Written[] = [];
  const writer: AuditWriter = {
    $executeRaw(_q, ...v) {
      rows.push({
        actorId: v[2],
        actorType: v[3],
        data: JSON.parse(v[7] as string),
        requestId: v[8],
        ip: v[9],
        ua: v[10],
      });
      return Promise.resolve(1);
    },
  };
  return { writer, rows };
}

test("outside any request or system context it throws and writes nothing", async () => {
  const { writer, rows } = capture();
  await expect(recordAudit(writer, { action: "probe.nowhere" })).rejects.toThrow(MissingAuditContextError);
  expect(rows).toHaveLength(0);
});

test("a request context gives the actor, request id, IP and browser", async () => {
  const { writer, rows } = capture();
  await runWithLogContext({ requestId: "req-unit-0001", ip: "198.51.100.7", userAgent: "probe" }, async () => {
    await recordAudit(writer, { action: "probe.anonymous" });
    enrichLogContext({ userId: "00000000-0000-4000-8000-0000000000aa" });
    await recordAudit(writer, { action: "probe.user" });
    enrichLogContext({ actorType: "platform_admin" });
    await recordAudit(writer, { action: "probe.admin" });
  });
  const facts = { requestId: "req-unit-0001", ip: "198.51.100.7", ua: "probe" };
  expect(rows).toEqual([
    { actorId: null, actorType: "anonymous", data: {}, ...facts },
    { actorId: "00000000-0000-4000-8000-0000000000aa", actorType: "user", data: {}, ...facts },
    { actorId: "00000000-0000-4000-8000-0000000000aa", actorType: "platform_admin", data: {}, ...facts },
  ]);
});

test("a page render's context is the HTTP request's record: the access line's id, IP and browser", async () => {
  const { writer, rows } = capture();
  const record = { requestId: "req-page-0001", ip: "203.0.113.5", userAgent: "page-probe" };
  await runWithRequestRecord(record, async () => {
    enrichLogContext({ userId: "00000000-0000-4000-8000-0000000000bb", actorType: "platform_admin" });
    await recordAudit(writer, { action: "admin.tenant_read" });
  });
  expect(rows[0]).toEqual({
    actorId: "00000000-0000-4000-8000-0000000000bb",
    actorType: "platform_admin",
    data: {},
    requestId: "req-page-0001",
    ip: "203.0.113.5",
    ua: "page-probe",
  });
  // The record itself learned who it was, for the access line.
  expect(record).toMatchObject({ userId: "00000000-0000-4000-8000-0000000000bb" });
});

test("a guard's own context inside a request wins over the record; the record still learns the user", async () => {
  const { writer, rows } = capture();
  const record: { requestId: string; userId?: string } = { requestId: "req-record-01" };
  await runWithRequestRecord(record, () =>
    runWithLogContext({ requestId: "req-record-01", ip: "192.0.2.1" }, async () => {
      enrichLogContext({ userId: "00000000-0000-4000-8000-0000000000cc" });
      await recordAudit(writer, { action: "probe.action" });
    }),
  );
  expect(rows[0]).toMatchObject({ requestId: "req-record-01", ip: "192.0.2.1", actorType: "user" });
  expect(record.userId).toBe("00000000-0000-4000-8000-0000000000cc");
});

test("runAsSystem: a fresh request id, no actor id, actor type system and the kind in the details", async () => {
  const { writer, rows } = capture();
  await runAsSystem("crypto_rotate", () => recordAudit(writer, { action: "crypto.rotated", data: { rows: 3 } }));
  await runAsSystem("job", () => recordAudit(writer, { action: "probe.job" }));
  expect(rows[0]).toMatchObject({ actorId: null, actorType: "system", data: { rows: 3, system: "crypto_rotate" } });
  expect(rows[0]!.ip).toBeNull();
  expect(isValidRequestId(rows[0]!.requestId as string)).toBe(true);
  expect(rows[1]!.requestId).not.toBe(rows[0]!.requestId);
  expect(rows[1]!.data).toEqual({ system: "job" });
});
