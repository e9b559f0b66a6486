// Fuzzing over HTTP against the production build, signed in: generated query strings, JSON and
// CSV bodies and path segments (NUL and other control characters, lone surrogates, invalid
// percent escapes, huge values, impossible days) to every API route, and generated inputs to
// server actions (called as the browser calls them: `next-action` header, encoded arguments).
// Every answer must be below 500. Read-mostly: the actions get ids that do not exist (so they
// parse everything and then answer "not found"), the write routes mostly refuse.
import { expect, test, type APIRequestContext, type APIResponse } from "@playwright/test";
import fc from "fast-check";
import { hostileRecord, hostileString, hostileValue } from "../support/fuzz";

const SEED = Number(process.env.FUZZ_SEED ?? Date.now() % 1_000_000);
const T = "demo";
const MISSING = "00000000-0000-4000-8000-00000000f022";

/** Percent-encodes a query value; broken escapes are sometimes sent on purpose, raw. */
const segment = fc.oneof(
  hostileString.map((s) => encodeURIComponent(s.replace(/[\ud800-\udfff]/g, "\ufffd"))),
  fc.constantFrom(
    "%FF",
    "%E0%A4%A",
    "%C0%AF",
    "%ED%A0%80",
    "%00",
    "%2e%2e",
    "..",
    "%",
    "%zz",
    "a%FFb",
    MISSING,
    "not-a-uuid",
  ),
);
const queryValue = fc.oneof(
  { weight: 4, arbitrary: segment },
  {
    weight: 1,
    arbitrary: fc.constantFrom("2026-01-01", "0000-01-01", "9999-12-31", "2099-13-45", "member.", "1", "200"),
  },
);
const query = (keys: string[]) =>
  fc
    .array(fc.tuple(fc.constantFrom(...keys, "x"), queryValue), { maxLength: 5 })
    .map((pairs) => (pairs.length ? "?" + pairs.map(([k, v]) => `${k}=${v}`).join("&") : ""));

const AUDIT_KEYS = ["action", "actorId", "targetType", "targetId", "from", "to", "cursor", "limit"];
const CITIZEN_KEYS = [
  "q",
  "mode",
  "tag",
  "city",
  "createdFrom",
  "createdTo",
  "field",
  "email",
  "nationalId",
  "sort",
  "deleted",
  "cursor",
  "limit",
];

type Probe = { label: string; send: (api: APIRequestContext) => Promise<APIResponse> };

/** JSON text for a fetch action's arguments, as React's encodeReply writes plain values ("$" escaped). */
function encodeReply(args: unknown[]): string {
  return JSON.stringify(args, (_key, value: unknown) =>
    typeof value === "string" && value.startsWith("$") ? `$${value}` : value,
  );
}

/** Server action ids by export name, read from the client chunks of the given pages. */
async function actionIds(api: APIRequestContext, pages: string[]): Promise<Map<string, { id: string; page: string }>> {
  const found = new Map<string, { id: string; page: string }>();
  for (const page of pages) {
    const html = await (await api.get(page)).text();
    const scripts = [...new Set([...html.matchAll(/src="(\/_next\/static\/[^"]+\.js)"/g)].map((m) => m[1]!))];
    for (const src of scripts) {
      const js = await (await api.get(src)).text();
      for (const m of js.matchAll(/createServerReference\)\("([0-9a-f]{16,})",[^)]*?"([A-Za-z]+Action)"\)/g))
        if (!found.has(m[2]!)) found.set(m[2]!, { id: m[1]!, page });
    }
  }
  return found;
}

function sample<T>(arb: fc.Arbitrary<T>, n: number, offset: number): T[] {
  return fc.sample(arb, { numRuns: n, seed: SEED + offset });
}

test("1,000+ generated inputs to every API route and to server actions: no 5xx", async ({ page, baseURL }) => {
  test.setTimeout(180_000);
  await page.goto("/sign-in");
  await page.getByLabel("Email").fill("demo@civitas.test");
  await page.getByLabel("Password").fill("civitas-demo");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/demo$/);
  const api = page.request;
  const origin = baseURL!;
  const json = { origin, "content-type": "application/json" };

  const probes: Probe[] = [];
  const add = (label: string, n: number, arb: fc.Arbitrary<(api: APIRequestContext) => Promise<APIResponse>>) =>
    sample(arb, n, probes.length).forEach((send, i) => probes.push({ label: `${label} #${i}`, send }));

  add(
    "audit",
    120,
    query(AUDIT_KEYS).map((q) => (a) => a.get(`/api/tenants/${T}/audit${q}`)),
  );
  add(
    "audit export",
    60,
    query(AUDIT_KEYS).map((q) => (a) => a.get(`/api/tenants/${T}/audit/export${q}`)),
  );
  add(
    "citizens export",
    80,
    query(CITIZEN_KEYS).map((q) => (a) => a.get(`/api/tenants/${T}/citizens/export${q}`)),
  );
  add(
    "tenant segment",
    60,
    segment.map((s) => (a) => a.get(`/api/tenants/${s}/audit`)),
  );
  add(
    "import job",
    60,
    segment.map((s) => (a) => a.get(`/api/tenants/${T}/citizens/imports/${s}`)),
  );
  add(
    "import rows",
    60,
    fc.tuple(segment, query(["kind", "cursor", "limit"])).map(
      ([s, q]) =>
        (a) =>
          a.get(`/api/tenants/${T}/citizens/imports/${s}/rows${q}`),
    ),
  );
  add(
    "import commit",
    60,
    fc.tuple(fc.oneof(segment, fc.constant(MISSING)), hostileRecord(["mode", "skipDuplicates"])).map(
      ([s, body]) =>
        (a) =>
          a.post(`/api/tenants/${T}/citizens/imports/${s}/commit`, { headers: json, data: JSON.stringify(body) }),
    ),
  );
  add(
    "invitations",
    100,
    fc
      .oneof(
        hostileRecord(["email", "role"]).map((b) => JSON.stringify(b)),
        hostileString,
      )
      .map((body) => (a) => a.post(`/api/tenants/${T}/invitations`, { headers: json, data: body })),
  );
  add(
    "import preview",
    50,
    fc.array(fc.array(hostileString, { maxLength: 4 }), { maxLength: 4 }).map(
      (rows) => (a) =>
        a.post(`/api/tenants/${T}/citizens/imports/preview`, {
          headers: { origin, "content-type": "text/csv" },
          data: rows.map((r) => r.map((c) => `"${c.replace(/"/g, '""')}"`).join(",")).join("\r\n"),
        }),
    ),
  );
  // Uploads with a mapping that cannot match (no such column): refused before any row is staged.
  add(
    "import upload",
    50,
    fc
      .tuple(
        queryValue,
        fc.oneof(
          queryValue,
          fc.constant(encodeURIComponent(JSON.stringify({ "No such": "firstName", Nope: "lastName" }))),
        ),
        hostileString,
      )
      .map(
        ([fileName, mapping, cell]) =>
          (a) =>
            a.post(`/api/tenants/${T}/citizens/imports?fileName=${fileName}&mapping=${mapping}`, {
              headers: { origin, "content-type": "text/csv" },
              data: `First name,Last name\r\n"${cell.replace(/"/g, '""')}",x\r\n`,
            }),
      ),
  );
  add(
    "pages",
    60,
    fc.tuple(fc.constantFrom("citizens", "cases"), segment).map(
      ([kind, s]) =>
        (a) =>
          a.get(`/${T}/${kind}/${s}`, { maxRedirects: 0 }),
    ),
  );
  add(
    "health",
    20,
    query(["x"]).map((q) => (a) => a.get(`/api/health${q}`)),
  );

  // Server actions, as the browser calls them. Ids that do not exist: everything is parsed,
  // then "not found", nothing is written.
  const { citizenPage, casePage } = { citizenPage: `/${T}/citizens/new`, casePage: `/${T}/cases` };
  const caseId = (await (await api.get(casePage)).text()).match(new RegExp(`/${T}/cases/([0-9a-f-]{36})`))?.[1];
  const ids = await actionIds(api, [citizenPage, ...(caseId ? [`/${T}/cases/${caseId}`] : [])]);
  expect([...ids.keys()]).toEqual(expect.arrayContaining(["createCitizenAction", "updateCitizenAction"]));
  const action = (name: string, n: number, input: fc.Arbitrary<Record<string, unknown>>) => {
    const ref = ids.get(name);
    if (!ref) return;
    add(
      `action ${name}`,
      n,
      input.map(
        (value) => (a) =>
          a.post(ref.page, {
            headers: {
              origin,
              "next-action": ref.id,
              "content-type": "text/plain;charset=UTF-8",
              accept: "text/x-component",
            },
            data: encodeReply([T, value]),
          }),
      ),
    );
  };
  const citizen = {
    firstName: "Fuzz",
    lastName: "Probe",
    email: "",
    notes: "",
    city: "",
    dateOfBirth: "",
    tags: "",
    customFields: {},
    id: MISSING,
    version: "1",
  };
  const withHostile = (base: Record<string, unknown>) =>
    fc.tuple(fc.constantFrom(...Object.keys(base)), hostileValue).map(([k, v]) => ({ ...base, [k]: v }));
  action("updateCitizenAction", 120, withHostile(citizen));
  const kase = {
    id: MISSING,
    version: "1",
    title: "Fuzz probe case",
    description: "",
    category: "",
    priority: "NORMAL",
    dueAt: "",
  };
  action("updateCaseAction", 60, withHostile(kase));
  action("addNoteAction", 40, withHostile({ id: MISSING, body: "note" }));
  action("changeStatusAction", 40, withHostile({ id: MISSING, version: "1", status: "IN_PROGRESS", note: "" }));
  // And one action body over the 1 MB limit: an error body, not Next's thrown exception.
  probes.push({
    label: "action body over 1 MB",
    send: (a) =>
      a.post(citizenPage, {
        headers: {
          origin,
          "next-action": ids.get("createCitizenAction")!.id,
          "content-type": "text/plain;charset=UTF-8",
        },
        data: encodeReply([T, { ...citizen, notes: "x".repeat(1_200_000) }]),
      }),
  });

  expect(probes.length).toBeGreaterThanOrEqual(1000);
  const failures: string[] = [];
  const started = Date.now();
  // A few requests in flight at a time: a server on a busy machine, not a load test.
  const PARALLEL = 12;
  for (let i = 0; i < probes.length; i += PARALLEL) {
    await Promise.all(
      probes.slice(i, i + PARALLEL).map(async (p) => {
        const res = await p.send(api);
        if (res.status() >= 500)
          failures.push(`${p.label}: ${res.status()} ${res.url().slice(0, 200)} ${(await res.text()).slice(0, 200)}`);
        await res.dispose();
      }),
    );
  }
  // A CSV file name with NUL: a clear 400 naming the field, before any job exists.
  const nul = await api.post(
    `/api/tenants/${T}/citizens/imports?fileName=people%00.csv&mapping=${encodeURIComponent(JSON.stringify({ a: "firstName", b: "lastName" }))}`,
    { headers: { origin, "content-type": "text/csv" }, data: "a,b\r\n1,2\r\n" },
  );
  expect(nul.status()).toBe(400);
  expect(JSON.stringify(await nul.json())).toContain("fileName");
  console.log(
    `[fuzz] seed ${SEED}: ${probes.length} requests in ${Math.round((Date.now() - started) / 1000)} s, ${failures.length} answered 5xx`,
  );
  expect(failures).toEqual([]);
});

test("the framework's own failures: a path that does not decode and an oversized action body", async ({
  request,
  baseURL,
}) => {
  const api = await request.get(`/api/tenants/%FF/audit`);
  expect(api.status()).toBe(404);
  expect(await api.json()).toEqual({ error: { code: "NOT_FOUND", message: expect.any(String) } });
  const page = await request.get(`/demo/citizens/%FF`, { maxRedirects: 0 });
  expect(page.status()).toBe(404);
  const big = await request.post(`/demo/citizens/new`, {
    headers: { origin: baseURL!, "next-action": "0".repeat(42), "content-type": "text/plain;charset=UTF-8" },
    data: "x".repeat(1_100_000),
  });
  expect(big.status()).toBe(413);
  expect(await big.json()).toMatchObject({ error: { code: "VALIDATION_FAILED" } });
});
