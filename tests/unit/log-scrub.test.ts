// Whatever a call site passes, a log line carries no address, token link, token or national id.
import { Writable } from "node:stream";
import { createLoggerForTests } from "@/lib/log/logger";
import { emailDomain, scrubText } from "@/lib/log/scrub";

function capture() {
  const raw: string[] = [];
  const stream = new Writable({
    write(chunk, _enc, cb) {
      raw.push(String(chunk));
      cb();
    },
  });
  return { raw, logger: createLoggerForTests(stream) };
}

const TOKEN = "a3".repeat(32);
const SECRETS = [
  "olivia-123@e2e.test",
  `http://127.0.0.1:3313/reset-password?token=${TOKEN}`,
  `https://civitas.example.org/invitations/${"Zk9_-x".repeat(8)}`,
  TOKEN,
  "123456789",
  "85.07.30-033.61",
  "hunter2 secret",
];

describe("log scrubbing", () => {
  test.each([
    ["a database error naming a value", `duplicate key: Key (email)=(${SECRETS[0]}) already exists`],
    ["a link with a token", `Open ${SECRETS[1]} to reset`],
    ["an invitation link", `Join: ${SECRETS[2]}`],
    ["a bare 64-hex token", `token hash ${TOKEN}`],
    ["a national id", `citizen ${SECRETS[4]} / ${SECRETS[5]}`],
  ])("%s is scrubbed from messages, fields and errors", (_label, text) => {
    const { raw, logger } = capture();
    logger.info(text);
    logger.info({ detail: text, nested: { deeper: [text] } }, "fields");
    const err = Object.assign(new Error(text), { meta: { cause: text } });
    logger.error({ err }, "failed");
    logger.error({ err: new Error("outer", { cause: new Error(text) }) }, "failed with cause");
    const out = raw.join("");
    for (const secret of SECRETS) expect(out).not.toContain(secret);
    expect(out).toMatch(/\[(email|url redacted|token|id)\]/);
  });

  test("fields named for secrets and personal data are redacted by name", () => {
    const { raw, logger } = capture();
    logger.info(
      {
        email: SECRETS[0],
        to: "x@y.test",
        user: { password: SECRETS[6], nationalId: "x1" },
        text: "body",
        html: "<p>body</p>",
      },
      "fields",
    );
    const line = JSON.parse(raw[0]!);
    expect(line).toMatchObject({
      email: "[redacted]",
      to: "[redacted]",
      user: { password: "[redacted]", nationalId: "[redacted]" },
      text: "[redacted]",
      html: "[redacted]",
    });
  });

  test("ordinary log content is left alone", () => {
    for (const text of [
      "request failed",
      "GET /[tenant]/citizens/[id] 200",
      "2026-12-02T03:05:27.000Z",
      "4c8f2a4e-1d7b-4f5e-9a3b-0c1d2e3f4a5b",
      "duration 12345 ms",
    ]) {
      expect(scrubText(text)).toBe(text);
    }
    expect(emailDomain("Someone@Example.ORG")).toBe("example.org");
  });
});
