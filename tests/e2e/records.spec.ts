// What staff do all day: create a citizen, open a case, move it along (optimistically), add a
// note, find the citizen again by a misspelled name, and export the list.
import { readFileSync } from "node:fs";
import { expect, test, type Page } from "@playwright/test";

const run = Date.now().toString(36).slice(-5);
const CITIZEN = { first: "Wilhelmina", last: `Vandersteen${run}`, email: `w.vandersteen.${run}@example.org`, nationalId: "85.07.30-033.61" };

async function signIn(page: Page) {
  await page.goto("/sign-in");
  await page.getByLabel("Email").fill("demo@civitas.test");
  await page.getByLabel("Password").fill("civitas-demo");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/demo$/);
}

test.describe.configure({ mode: "serial" });

test("create a citizen, reveal a field, open a case, move it, add a note", async ({ page }) => {
  await signIn(page);
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Citizens" }).first().click();
  await page.getByRole("link", { name: "New citizen" }).click();
  await page.getByLabel("First name").fill(CITIZEN.first);
  await page.getByLabel("Last name").fill(CITIZEN.last);
  await page.getByLabel("Email", { exact: true }).fill("not an email");
  await page.getByRole("button", { name: "Create citizen" }).click();
  // Field-level error from the shared schema, nothing saved.
  await expect(page.getByText("Enter a valid email address")).toBeVisible();
  await page.getByLabel("Email", { exact: true }).fill(CITIZEN.email);
  await page.getByLabel("National ID").fill(CITIZEN.nationalId);
  await page.getByLabel("Tags").fill("housing, elderly");
  await page.getByRole("button", { name: "Create citizen" }).click();

  await expect(page.getByRole("heading", { name: `${CITIZEN.first} ${CITIZEN.last}` })).toBeVisible();
  // Masked until revealed; the reveal is an audited action.
  await expect(page.getByText(`w•••@example.org`)).toBeVisible();
  await page.getByRole("button", { name: "Reveal National ID" }).click();
  await expect(page.getByText(CITIZEN.nationalId)).toBeVisible();

  await page.getByRole("link", { name: "Open a case" }).click();
  await page.getByLabel("Title").fill("Leaking roof in social housing flat");
  await page.getByRole("button", { name: "Open case" }).click();
  await expect(page.getByRole("heading", { name: "Leaking roof in social housing flat" })).toBeVisible();

  const status = page.getByRole("group", { name: "Status" });
  await status.getByRole("button", { name: "Start work" }).click();
  // Optimistic: the badge changes at once and the next moves appear.
  await expect(status.getByText("In progress")).toBeVisible();
  await expect(status.getByRole("button", { name: "Waiting for citizen" })).toBeVisible();
  await page.reload();
  await expect(page.getByRole("group", { name: "Status" }).getByText("In progress")).toBeVisible();

  await page.getByRole("textbox", { name: "Add a note" }).fill("Called the housing association; contractor booked for Tuesday.");
  await page.getByRole("button", { name: "Add note" }).click();
  await expect(page.getByText("Called the housing association; contractor booked for Tuesday.")).toBeVisible();
  await expect(page.getByText(/moved it from Open to In progress/)).toBeVisible();
});

test("import a 1,000-row CSV with 3 bad rows: see the report, import the valid rows", async ({ page }) => {
  await signIn(page);
  await page.goto("/demo/citizens");
  await page.getByRole("link", { name: "Import" }).click();
  const lines = ["First name,Last name,Email,City,Date of birth"];
  for (let i = 1; i <= 1000; i++) {
    // Three bad rows: a malformed email (CSV line 11), a date in the wrong format (501), no first name (1001).
    const first = i === 1000 ? "" : `Imported${i}`;
    const email = i === 10 ? "not-an-email" : `imp${i}.${run}@example.org`;
    const born = i === 500 ? "31/12/1980" : "1980-12-31";
    lines.push([first, `Person${run}`, email, "Utrecht", born].join(","));
  }
  await page.getByLabel("CSV file").setInputFiles({ name: "people.csv", mimeType: "text/csv", buffer: Buffer.from(lines.join("\n"), "utf8") });
  await page.getByRole("button", { name: "Check every row" }).click();
  await expect(page.getByRole("heading", { name: "Invalid rows (3)" })).toBeVisible({ timeout: 60_000 });
  // Line numbers count the header as line 1.
  for (const line of ["11", "501", "1001"]) await expect(page.getByRole("cell", { name: line, exact: true })).toBeVisible();
  await expect(page.getByRole("button", { name: "Import all 1,000 rows" })).toBeDisabled();
  await page.getByRole("button", { name: "Import only the 997 valid rows" }).click();
  await expect(page.getByRole("heading", { name: "Imported 997 citizens" })).toBeVisible({ timeout: 60_000 });
  await page.getByRole("link", { name: "Go to the citizens list" }).click();
  await page.getByRole("searchbox", { name: "Search" }).fill(`Person${run}`);
  await page.getByRole("button", { name: "Search" }).click();
  await expect(page.getByRole("link", { name: new RegExp(`^Person${run}, Imported\\d+$`) }).first()).toBeVisible();
  await expect(page.getByRole("link", { name: "Next page →" })).toBeVisible(); // 997 rows: more than one page
});

test("find the citizen by a misspelled name, then export the filtered list", async ({ page }) => {
  await signIn(page);
  await page.goto("/demo/citizens");
  await page.getByRole("searchbox", { name: "Search" }).fill(`Wilhelmena Vandersten${run}`);
  await page.getByLabel("Match").selectOption("fuzzy");
  await page.getByRole("button", { name: "Search" }).click();
  await expect(page.getByRole("link", { name: `${CITIZEN.last}, ${CITIZEN.first}` })).toBeVisible();

  await page.getByRole("searchbox", { name: "Search" }).fill(CITIZEN.last);
  await page.getByLabel("Match").selectOption("text");
  await page.getByRole("button", { name: "Search" }).click();
  // Save the search as a view, and open it again from the list of views.
  await page.getByRole("button", { name: "Save this view" }).click();
  await page.getByLabel("View name").fill(`Vandersteen ${run}`);
  await page.getByRole("button", { name: "Save", exact: true }).click();
  await page.goto("/demo/citizens");
  await page.getByRole("link", { name: `Vandersteen ${run}` }).click();
  await expect(page.getByRole("searchbox", { name: "Search" })).toHaveValue(CITIZEN.last);
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "Export CSV" }).click()]);
  const csv = readFileSync((await download.path())!, "utf8");
  const lines = csv.trim().split(/\r?\n/);
  expect(lines[0]).toMatch(/first_name/);
  expect(lines).toHaveLength(2);
  expect(lines[1]).toContain(CITIZEN.last);
  expect(lines[1]).toContain(CITIZEN.email); // export is a deliberate, audited disclosure
});
