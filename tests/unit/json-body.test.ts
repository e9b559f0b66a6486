// The one JSON body reader of the route handlers (lib/http/json-body.ts): content type, size
// limit (counted while streaming), UTF-8 JSON, then the shared zod schema.
import { z } from "zod";
import { isJsonContentType, MAX_JSON_BODY_BYTES, readJsonBody } from "@/lib/http/json-body";
import { AppError, PayloadTooLargeError, UnsupportedMediaTypeError, ValidationError } from "@/lib/errors";

const schema = z.object({ email: z.email(), role: z.enum(["ADMIN", "VIEWER"]) });
const GOOD = { email: "a@example.org", role: "VIEWER" };

function post(body: BodyInit | null, headers: Record<string, string> = { "content-type": "application/json" }) {
  return new Request("http://app.test/api/x", {
    method: "POST",
    body,
    headers,
    ...(body instanceof ReadableStream ? { duplex: "half" } : {}),
  } as RequestInit);
}

/** A body that arrives in `chunks` pieces of `size` bytes, without a Content-Length. */
function streamed(chunks: number, size: number) {
  let sent = 0;
  const pulled = { count: 0 };
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      pulled.count++;
      if (sent++ >= chunks) return controller.close();
      controller.enqueue(new Uint8Array(size).fill(0x20));
    },
  });
  return { stream, pulled };
}

async function failure(promise: Promise<unknown>): Promise<AppError> {
  try {
    await promise;
  } catch (err) {
    return err as AppError;
  }
  throw new Error("expected a failure");
}

describe("accepted", () => {
  test.each([
    ["application/json"],
    ["application/json; charset=utf-8"],
    ["Application/JSON;charset=UTF-8"],
    ['application/json; charset="utf-8"'],
  ])("%s", async (type) => {
    await expect(readJsonBody(post(JSON.stringify(GOOD), { "content-type": type }), schema)).resolves.toEqual(GOOD);
  });
  test("unknown keys are dropped by the schema, not passed on", async () => {
    await expect(
      readJsonBody(post(JSON.stringify({ ...GOOD, tenantId: "other", __proto__: { x: 1 } })), schema),
    ).resolves.toEqual(GOOD);
  });
  test("a body exactly at the limit", async () => {
    const body = JSON.stringify(GOOD).padEnd(64, " ");
    await expect(readJsonBody(post(body), schema, { maxBytes: 64 })).resolves.toEqual(GOOD);
  });
});

describe("wrong content type → 415", () => {
  test.each([
    ["text/plain (what a cross-site form or fetch can send without a preflight)", "text/plain"],
    ["text/plain with charset", "text/plain;charset=UTF-8"],
    ["form-urlencoded", "application/x-www-form-urlencoded"],
    ["multipart", "multipart/form-data; boundary=x"],
    ["a JSON look-alike", "application/jsonp"],
    ["a vendor JSON type", "application/vnd.api+json"],
    ["another charset", "application/json; charset=latin1"],
    ["extra parameters", "application/json; boundary=x"],
    ["none", ""],
  ])("%s", async (_name, type) => {
    const err = await failure(readJsonBody(post(JSON.stringify(GOOD), type ? { "content-type": type } : {}), schema));
    expect(err).toBeInstanceOf(UnsupportedMediaTypeError);
    expect(err.status).toBe(415);
  });
  test("no content type at all", () => {
    expect(isJsonContentType(null)).toBe(false);
  });
});

describe("too large → 413", () => {
  test("declared by Content-Length: refused before reading", async () => {
    const { stream, pulled } = streamed(10, 1024);
    const req = new Request("http://app.test/api/x", {
      method: "POST",
      body: stream,
      duplex: "half",
      headers: { "content-type": "application/json", "content-length": String(MAX_JSON_BODY_BYTES + 1) },
    } as RequestInit);
    const err = await failure(readJsonBody(req, schema));
    expect(err).toBeInstanceOf(PayloadTooLargeError);
    expect(err.status).toBe(413);
    expect(pulled.count).toBeLessThanOrEqual(1);
  });
  test("streamed without a length: cut as soon as the count passes the limit", async () => {
    const { stream, pulled } = streamed(1000, 1024);
    const err = await failure(readJsonBody(post(stream), schema, { maxBytes: 4096 }));
    expect(err).toBeInstanceOf(PayloadTooLargeError);
    expect(pulled.count).toBeLessThan(10);
  });
  test("the default limit is 1 MB", async () => {
    const err = await failure(readJsonBody(post(`"${"x".repeat(MAX_JSON_BODY_BYTES)}"`), schema));
    expect(err.status).toBe(413);
  });
});

describe("not JSON → 400", () => {
  test.each([
    ["broken JSON", "{nope"],
    ["empty body", ""],
    ["truncated", '{"email":"a@example.org"'],
    ["single quotes", "{'email':'a@example.org'}"],
    ["trailing garbage", `${JSON.stringify(GOOD)}x`],
    ["NaN", "NaN"],
  ])("%s", async (_name, body) => {
    const err = await failure(readJsonBody(post(body), schema));
    expect(err).toBeInstanceOf(ValidationError);
    expect(err.status).toBe(400);
    expect(err.message).toBe("The request body must be JSON");
  });
  test("invalid UTF-8", async () => {
    const bytes = new Uint8Array([0x7b, 0x22, 0xff, 0xfe, 0x22, 0x3a, 0x31, 0x7d]);
    const err = await failure(readJsonBody(post(bytes), schema));
    expect(err).toBeInstanceOf(ValidationError);
  });
  test("no body", async () => {
    const err = await failure(readJsonBody(post(null), schema));
    expect(err).toBeInstanceOf(ValidationError);
  });
});

describe("refused by the schema → 400 with field errors", () => {
  test.each([
    ["bad email and role", { email: "x", role: "GOD" }, ["email", "role"]],
    ["missing fields", {}, ["email", "role"]],
    ["an array", [GOOD], ["_form"]],
    ["null", null, ["_form"]],
    ["a string", "hello", ["_form"]],
  ])("%s", async (_name, value, fields) => {
    const err = await failure(readJsonBody(post(JSON.stringify(value)), schema));
    expect(err).toBeInstanceOf(ValidationError);
    expect(Object.keys((err as ValidationError).fieldErrors).sort()).toEqual(fields);
  });
});
