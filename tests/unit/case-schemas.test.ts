// The shared case schemas (lib/cases/schemas.ts): the forms validate with them in the browser,
// the server actions parse with them again. Bad input must come back as a message per field;
// blanks from HTML forms ("" for an empty select or date) must become "not given".
import { randomUUID } from "node:crypto";
import type { z } from "zod";
import {
  addNoteSchema,
  assignCaseSchema,
  caseListQuerySchema,
  changeStatusSchema,
  createCaseSchema,
  updateCaseSchema,
} from "@/lib/cases/schemas";

const citizenId = randomUUID();
const id = randomUUID();

/** The first message per field of a failed parse (throws if the input was accepted). */
function messages(schema: z.ZodType, input: unknown): Record<string, string> {
  const result = schema.safeParse(input);
  if (result.success) throw new Error(`accepted: ${JSON.stringify(input)}`);
  const out: Record<string, string> = {};
  for (const issue of result.error.issues) out[issue.path.join(".")] ??= issue.message;
  return out;
}

describe("createCaseSchema", () => {
  const valid = { citizenId, title: "Broken street light" };

  test("a minimal case: blanks from the form become defaults or 'not given'", () => {
    expect(
      createCaseSchema.parse({
        ...valid,
        title: "  Broken street light ",
        description: undefined,
        category: "   ",
        priority: "",
        assigneeId: "",
        dueAt: "",
      }),
    ).toEqual({
      citizenId,
      title: "Broken street light",
      description: "",
      category: undefined,
      priority: "NORMAL",
      assigneeId: undefined,
      dueAt: undefined,
    });
    expect(createCaseSchema.parse({ ...valid, description: null }).description).toBe("");
  });

  test("every field filled in is kept (category trimmed)", () => {
    const assigneeId = randomUUID();
    expect(
      createCaseSchema.parse({
        ...valid,
        description: "Line 1\nLine 2",
        category: " lighting ",
        priority: "URGENT",
        assigneeId,
        dueAt: "2030-01-31",
      }),
    ).toMatchObject({
      description: "Line 1\nLine 2",
      category: "lighting",
      priority: "URGENT",
      assigneeId,
      dueAt: "2030-01-31",
    });
  });

  test("bad input is refused with a message per field", () => {
    expect(messages(createCaseSchema, {})).toEqual({ title: "Enter a title", citizenId: "Choose a citizen" });
    expect(
      messages(createCaseSchema, {
        citizenId: "42",
        title: " ab ",
        description: "x".repeat(10_001),
        category: "c".repeat(61),
        priority: "SOMEDAY",
        assigneeId: "bob",
        dueAt: "31/01/2030",
      }),
    ).toEqual({
      citizenId: "Choose a citizen",
      title: "At least 3 characters",
      description: "At most 10,000 characters",
      category: "At most 60 characters",
      priority: "Choose a priority",
      assigneeId: "Choose a member",
      dueAt: "Use YYYY-MM-DD",
    });
    expect(messages(createCaseSchema, { ...valid, title: "t".repeat(201) })).toEqual({
      title: "At most 200 characters",
    });
    expect(messages(createCaseSchema, { ...valid, dueAt: "2030-02-30" })).toEqual({
      dueAt: "Not a real date: February 2030 has 28 days",
    });
  });
});

describe("updateCaseSchema", () => {
  test("needs the case id and the version it edits; a form's string version is coerced", () => {
    expect(updateCaseSchema.parse({ id, version: "3", title: "New title" })).toMatchObject({
      id,
      version: 3,
      title: "New title",
      priority: "NORMAL",
    });
    expect(Object.keys(messages(updateCaseSchema, { title: "New title" })).sort()).toEqual(["id", "version"]);
    for (const version of ["0", "-1", "1.5", "abc"])
      expect(Object.keys(messages(updateCaseSchema, { id, version, title: "New title" }))).toEqual(["version"]);
  });
});

describe("changeStatusSchema", () => {
  test("a known status; a blank note is no note", () => {
    expect(changeStatusSchema.parse({ id, version: 2, status: "RESOLVED", note: "  " })).toEqual({
      id,
      version: 2,
      status: "RESOLVED",
      note: undefined,
    });
    expect(changeStatusSchema.parse({ id, version: 2, status: "WAITING", note: " Called them " }).note).toBe(
      "Called them",
    );
  });

  test("an unknown status or lowercase name is refused", () => {
    expect(messages(changeStatusSchema, { id, version: 2, status: "DONE" })).toEqual({ status: "Choose a status" });
    expect(messages(changeStatusSchema, { id, version: 2, status: "open" })).toEqual({ status: "Choose a status" });
  });
});

describe("assignCaseSchema", () => {
  test("an empty assignee means unassign", () => {
    expect(assignCaseSchema.parse({ id, version: "4", assigneeId: "" })).toEqual({
      id,
      version: 4,
      assigneeId: undefined,
    });
    expect(assignCaseSchema.safeParse({ id, version: 4, assigneeId: "someone" }).success).toBe(false);
  });
});

describe("addNoteSchema", () => {
  test("a note is trimmed; blank or too long is refused", () => {
    expect(addNoteSchema.parse({ id, body: "  Called back.\nNo answer.  " })).toEqual({
      id,
      body: "Called back.\nNo answer.",
    });
    expect(messages(addNoteSchema, { id, body: " \n " })).toEqual({ body: "Write a note" });
    expect(messages(addNoteSchema, { id })).toEqual({ body: "Write a note" });
    expect(messages(addNoteSchema, { id, body: "n".repeat(5001) })).toEqual({ body: "At most 5,000 characters" });
  });
});

describe("caseListQuerySchema", () => {
  test("no params: newest first, 50 a page; empty params are ignored", () => {
    expect(caseListQuerySchema.parse({})).toEqual({ sort: "newest", limit: 50 });
    expect(
      caseListQuerySchema.parse({
        status: "",
        priority: "",
        assignee: "",
        category: "",
        q: "  ",
        createdFrom: "",
        createdTo: "",
        sort: "",
        cursor: "",
      }),
    ).toEqual({ sort: "newest", limit: 50 });
  });

  test("the filters the list offers are accepted", () => {
    const member = randomUUID();
    for (const status of ["open", "overdue", "OPEN", "IN_PROGRESS", "CLOSED"])
      expect(caseListQuerySchema.parse({ status }).status).toBe(status);
    for (const assignee of ["me", "none", member])
      expect(caseListQuerySchema.parse({ assignee }).assignee).toBe(assignee);
    expect(
      caseListQuerySchema.parse({
        q: " permit ",
        createdFrom: "2025-01-01",
        createdTo: "2025-01-31",
        sort: "due",
        limit: "10",
        citizenId,
      }),
    ).toEqual({
      q: "permit",
      createdFrom: "2025-01-01",
      createdTo: "2025-01-31",
      sort: "due",
      limit: 10,
      citizenId,
    });
  });

  test("bad params are refused field by field (the page then shows the unfiltered list)", () => {
    expect(
      Object.keys(
        messages(caseListQuerySchema, {
          status: "bogus",
          priority: "MEH",
          assignee: "bob",
          citizenId: "1",
          createdFrom: "2025-13-01",
          sort: "random",
          limit: "500",
        }),
      ).sort(),
    ).toEqual(["assignee", "citizenId", "createdFrom", "limit", "priority", "sort", "status"]);
    expect(messages(caseListQuerySchema, { createdTo: "yesterday" })).toEqual({ createdTo: "Use YYYY-MM-DD" });
  });
});
