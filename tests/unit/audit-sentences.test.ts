// The audit log in words (issue #13 item 11): sentences for events, labels for codes, dates for
// timestamps; an event nobody has named yet still reads as words, never as `a.b_c`.
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { auditSentence, keyLabel, targetLabel, valueLabel } from "@/components/audit/sentences";

test("events read as sentences", () => {
  expect(auditSentence("case.created")).toBe("Opened a case");
  expect(auditSentence("citizen.import_cancelled")).toBe("Cancelled a citizen import");
  expect(auditSentence("member.role_changed")).toBe("Changed a member's role");
  expect(auditSentence("something.new_here")).toBe("Something new here");
});

test("every action the code records has a sentence of its own", () => {
  const actions = new Set<string>();
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const full = path.join(dir, name);
      if (name === "generated" || name === "node_modules") continue;
      if (statSync(full).isDirectory()) walk(full);
      else if (/\.tsx?$/.test(name))
        for (const m of readFileSync(full, "utf8").matchAll(
          /action: (?:[^,\n]*?\? "([a-z_]+\.[a-z_]+)" : )?"([a-z_]+\.[a-z_]+)"/g,
        ))
          for (const a of [m[1], m[2]]) if (a) actions.add(a);
    }
  };
  walk(path.resolve("lib"));
  walk(path.resolve("app"));
  expect(actions.size).toBeGreaterThan(40);
  const unnamed = [...actions].filter(
    (a) => auditSentence(a) === a.charAt(0).toUpperCase() + a.slice(1).replace(/[._]+/g, " "),
  );
  expect(unnamed).toEqual([]);
});

test("codes become the words the app uses elsewhere; timestamps become dates", () => {
  expect(valueLabel("IN_PROGRESS")).toBe("In progress");
  expect(valueLabel("WAITING")).toBe("Waiting");
  expect(valueLabel("ADMIN")).toBe("Admin");
  expect(valueLabel("VALIDATED")).toBe("Checked");
  expect(valueLabel("URGENT")).toBe("Urgent");
  expect(valueLabel("2026-11-26T12:58:00.000Z")).toBe("26 Nov 2026, 12:58 UTC");
  expect(valueLabel("Broken streetlight")).toBe("Broken streetlight");
  expect(valueLabel("2026-11-26")).toBe("2026-11-26");
  expect(keyLabel("assigneeId")).toBe("Assignee id");
  expect(keyLabel("due_at")).toBe("Due at");
  expect(targetLabel("saved_view")).toBe("Saved view");
});
