// Route handlers read request bodies through the shared readers only: JSON through
// readJsonBody (lib/http/json-body.ts: content type, size, parse, schema), CSV uploads through
// csvRequestBody. A direct req.json() would accept a text/plain body from another site's page.
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? files(full) : /\.(ts|tsx)$/.test(name) ? [full] : [];
  });
}

const routes = files(path.join("app", "api")).filter((f) => f.endsWith("route.ts") && !f.includes("[...nextauth]"));

test("there are routes to check", () => {
  expect(routes.length).toBeGreaterThanOrEqual(8);
});

test.each(routes)("%s reads no body by hand", (file) => {
  const source = readFileSync(file, "utf8");
  expect(source).not.toMatch(/\b(?:req|request)\s*\.\s*(?:json|text|formData|arrayBuffer|blob)\s*\(/);
  expect(source).not.toMatch(/\b(?:req|request)\s*\.\s*body\b/);
});

test("routes that take a JSON body use readJsonBody", () => {
  const json = routes.filter((f) => /readJsonBody\(/.test(readFileSync(f, "utf8")));
  expect(json.map((f) => f.split(path.sep).slice(-3).join("/")).sort()).toEqual([
    "[caseId]/classification/route.ts",
    "[caseId]/reply-draft/route.ts",
    "[caseId]/summary/route.ts",
    "[citizenId]/summary/route.ts",
    "[jobId]/commit/route.ts",
    "[tenant]/briefing/route.ts",
    "[tenant]/chat/route.ts",
    "[tenant]/intake/route.ts",
    "[tenant]/invitations/route.ts",
    "cases/search/route.ts",
    "citizens/search/route.ts",
  ]);
});
