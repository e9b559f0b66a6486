// The citizens CSV export is a complete file (issue #15): import citizens under a tag of this
// run's own, filter the list by it, download the export and check the download finished
// (no failure) and has exactly one data row per citizen the filtered list shows.
import { readFileSync } from "node:fs";
import { expect, test } from "@playwright/test";

const run = `${Date.now().toString(36)}${Math.floor(Math.random() * 1e4)}`;
const TAG = `exportcount${run}`;
const N = 37;

test("an export of a filtered list of N citizens has exactly N data rows", async ({ page }) => {
  await page.goto("/sign-in");
  await page.getByLabel("Email").fill("demo@civitas.test");
  await page.getByLabel("Password").fill("civitas-demo");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/demo$/);

  const lines = ["First name,Last name,Email,Tags"];
  for (let i = 1; i <= N; i++)
    lines.push([`Counted${i}`, `Export${run}`, `count${i}.${run}@example.org`, TAG].join(","));
  await page.goto("/demo/citizens/import");
  await page
    .getByLabel("CSV file")
    .setInputFiles({ name: "count.csv", mimeType: "text/csv", buffer: Buffer.from(lines.join("\n"), "utf8") });
  await page.getByRole("button", { name: "Check every row" }).click();
  await page.getByRole("button", { name: `Import all ${N} rows` }).click();
  await expect(page.getByRole("heading", { name: `Imported ${N} citizens` })).toBeVisible({ timeout: 60_000 });

  // The filtered list, as a person sees it: N people, one page.
  await page.goto(`/demo/citizens?tag=${TAG}`);
  const listed = page.getByRole("link", { name: new RegExp(`^Counted\\d+ Export${run}$`) });
  await expect(listed).toHaveCount(N);

  const [download] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("link", { name: "Export CSV" }).click(),
  ]);
  // A download the server broke off reports a failure here instead of a short file.
  expect(await download.failure()).toBeNull();
  const csv = readFileSync((await download.path())!, "utf8");
  expect(csv.endsWith("\r\n")).toBe(true); // the last record is whole
  const records = csv.trim().split("\r\n");
  expect(records[0]).toMatch(/^id,first_name,last_name,email,/);
  const rows = records.slice(1);
  expect(rows).toHaveLength(N);
  expect(new Set(rows.map((r) => r.split(",")[1]))).toEqual(
    new Set(Array.from({ length: N }, (_, i) => `Counted${i + 1}`)),
  );
  for (const r of rows) expect(r).toContain(`@example.org`); // decrypted, not blank
});
