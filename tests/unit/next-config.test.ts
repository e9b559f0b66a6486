// next.config.mjs settings a newcomer depends on (issue #13): the dev server at the README's
// http://127.0.0.1:3000 and at http://localhost:3000 both hydrate, and Next never calls home.
import { readFileSync } from "node:fs";
import path from "node:path";

const config = readFileSync(path.join(__dirname, "../../next.config.mjs"), "utf8");

test("the dev server accepts its HMR and dev resources from 127.0.0.1 and localhost", () => {
  const origins = /allowedDevOrigins:\s*\[([^\]]*)\]/.exec(config)?.[1];
  expect(origins).toBeDefined();
  const list = [...origins!.matchAll(/"([^"]+)"/g)].map((m) => m[1]);
  expect(list).toEqual(expect.arrayContaining(["127.0.0.1", "localhost"]));
});

test("upgrade checks stay off (this machine is offline)", () => {
  expect(config).toMatch(/agentUpgrade:\s*false/);
});
