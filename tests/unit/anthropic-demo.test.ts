// The offline demo model (tests/support/anthropic-demo.ts): deterministic, derived from the
// prompt's data, and valid for whatever tool schema a feature forces.
import { z } from "zod";
import { dataBlocks, demoText, demoToolInput, promptOf } from "../support/anthropic-demo";

const prompt = (user: string, system = "") => promptOf({ system, messages: [{ role: "user", content: user }] });
const schemaOf = (s: z.ZodType) => z.toJSONSchema(s) as Record<string, unknown>;

describe("demo model", () => {
  test("condenses each delimited data block, labelled by its title or id", () => {
    const p = prompt(
      'Summarise <case id="c1" title="Street light">Broken since May.  Called twice.</case><note id="n9">Fixed?</note>',
    );
    expect(demoText(p)).toBe(
      "Demo AI (offline) summary of 2 items:\n- Street light: Broken since May. Called twice.\n- note n9: Fixed?",
    );
    expect(demoText(p)).toBe(demoText(p));
  });

  test("without data blocks it says it is a made-up answer and echoes the question", () => {
    expect(demoText(prompt("How many open cases?"))).toMatch(
      /^Demo AI \(offline\): this is a made-up answer.*"How many open cases\?"/,
    );
  });

  test("reads attributes and nested text of blocks", () => {
    expect(dataBlocks('<record id="r1" kind="x">a <b>bold</b></record>')).toEqual([
      { tag: "record", attrs: { id: "r1", kind: "x" }, body: "a <b>bold</b>" },
    ]);
  });

  const schemas: Array<[string, z.ZodType]> = [
    [
      "classification",
      z.object({
        category: z.enum(["roads", "waste", "housing"]),
        confidence: z.number().min(0).max(1),
        reason: z.string().min(10).max(200),
      }),
    ],
    [
      "summary with citations",
      z.object({
        summary: z.string().max(500),
        citations: z
          .array(z.object({ caseId: z.string(), quote: z.string().optional() }))
          .min(1)
          .max(5),
      }),
    ],
    [
      "nested, nullable, literal, integer",
      z.object({
        kind: z.literal("briefing"),
        items: z
          .array(z.object({ title: z.string().min(1), priority: z.number().int().min(1).max(5), done: z.boolean() }))
          .max(3),
        due: z.string().nullable(),
        when: z.iso.date(),
        owner: z.uuid().optional(),
      }),
    ],
    [
      "duplicates",
      z.object({
        pairs: z.array(z.object({ a: z.string(), b: z.string(), score: z.number().gt(0).lt(1) })),
        note: z.union([z.string(), z.number()]),
      }),
    ],
  ];

  test.each(schemas)("builds a value valid for the %s schema from the prompt", (_name, schema) => {
    const p = prompt(
      'Classify the housing request <case id="case-1">Damp walls in flat 3</case> <case id="case-2">Mould again</case>',
    );
    const value = demoToolInput(p, schemaOf(schema));
    expect(schema.safeParse(value).success).toBe(true);
    expect(demoToolInput(p, schemaOf(schema))).toEqual(value);
  });

  test("enum values named in the prompt and ids it was given are used", () => {
    const p = prompt('Classify the housing request <case id="case-1">Damp walls</case>');
    const value = demoToolInput(
      p,
      schemaOf(z.object({ category: z.enum(["roads", "housing"]), caseIds: z.array(z.string()) })),
    ) as {
      category: string;
      caseIds: string[];
    };
    expect(value).toEqual({ category: "housing", caseIds: ["case-1"] });
  });
});
