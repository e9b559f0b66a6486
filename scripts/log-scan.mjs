// Scans a server log for what must never be in one: links carrying a token (reset, verify,
// invitation), bare tokens (64 hex digits), email addresses, passwords, national ids. Run by
// scripts/e2e.mjs over the server output of the whole e2e run; also usable by hand:
//   node scripts/log-scan.mjs .data/e2e-server.log
import { readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";

const PATTERNS = [
  [
    "token link",
    /https?:\/\/[^\s"'<>]*(?:[?&]token=|\/invitations\/[A-Za-z0-9_-]{16,}|\/reset-password\?|\/verify-email\?)[^\s"'<>]*/gi,
  ],
  ["64-hex token", /(?<![0-9a-f])[0-9a-f]{64}(?![0-9a-f])/gi],
  ["email address", /[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}/g],
  // Standalone: digits inside a UUID or a hash are not an id.
  [
    "national id",
    /(?<![0-9A-Za-z])\d{9}(?![0-9A-Za-z])|(?<![0-9A-Za-z.])\d{2}\.\d{2}\.\d{2}-\d{3}\.\d{2}(?![0-9A-Za-z])/g,
  ],
];

/** Passwords the e2e tests and the seed type in: `password: "…"` and `.fill("…")` literals of 6+ characters. */
export function knownPasswords(root = ".") {
  const found = new Set(["civitas-demo"]);
  const dir = path.join(root, "tests/e2e");
  for (const file of readdirSync(dir).filter((f) => f.endsWith(".ts"))) {
    const src = readFileSync(path.join(dir, file), "utf8");
    for (const m of src.matchAll(/password: "([^"]{6,})"/gi)) found.add(m[1]);
    for (const m of src.matchAll(/Password[^\n]*\.fill\("([^"]{6,})"\)/g)) found.add(m[1]);
  }
  for (const m of readFileSync(path.join(root, "scripts/e2e.mjs"), "utf8").matchAll(/password: "([^"]{6,})"/g))
    found.add(m[1]);
  return [...found];
}

/** Every finding in `text`: { kind, match, line } (line numbers from 1). */
export function scanLog(text, passwords = []) {
  const findings = [];
  text.split("\n").forEach((line, i) => {
    for (const [kind, re] of PATTERNS)
      for (const m of line.matchAll(re)) findings.push({ kind, match: m[0], line: i + 1 });
    for (const p of passwords) if (line.includes(p)) findings.push({ kind: "password", match: p, line: i + 1 });
  });
  return findings;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const file = process.argv[2] ?? ".data/e2e-server.log";
  const findings = scanLog(readFileSync(file, "utf8"), knownPasswords());
  if (findings.length === 0) {
    console.log(`[log-scan] ${file}: no token, password, email address or national id`);
  } else {
    console.error(`[log-scan] FAILED: ${findings.length} secret(s) in ${file}:`);
    for (const f of findings.slice(0, 50)) console.error(`  line ${f.line}: ${f.kind}: ${f.match.slice(0, 120)}`);
    process.exit(1);
  }
}
