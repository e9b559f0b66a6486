// The offline demo model's answers for the casework features that need more than the generic
// demo (tests/support/anthropic-demo.ts): a classification that picks one of the tenant's
// categories the case's text names (so accepting it changes something), and a reply letter
// built from the case record. Deterministic, made from the prompt only, and badged in the UI.
import { dataBlocks, type DemoPrompt } from "./anthropic-demo";

type Json = Record<string, unknown>;

const unescape = (s: string) =>
  s
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, "&");

/** The `key: value` lines of the <case_record> block. */
function caseRecord(prompt: DemoPrompt): Record<string, string> {
  const block = dataBlocks(prompt.user).find((b) => b.tag === "case_record");
  const out: Record<string, string> = {};
  for (const line of (block?.body ?? "").split("\n")) {
    const m = /^([a-z ]+):\s*(.*)$/.exec(line.trim());
    if (m) out[m[1]!] = unescape(m[2]!);
  }
  return out;
}

function notesOf(prompt: DemoPrompt): string[] {
  return [...prompt.user.matchAll(/<note(?:\s+[\w-]+="[^"]*")*>([\s\S]*?)<\/note>/g)].map((m) => unescape(m[1]!));
}

const URGENT = /\b(urgent|danger|emergency|fire|gas leak|immediately)\b/i;
const HIGH = /\b(mould|mold|damp|leak|children|health|safety|broken|dark|flood)/i;
const NEGATIVE = /\b(angry|complain|unacceptable|again|still|frustrat|disappoint|leak|broken|mould)/i;
const POSITIVE = /\b(thank|great|happy|pleased|resolved)\b/i;

/** The classify_case tool's input, valid for its schema: the enum of the tenant's categories. */
export function demoClassification(prompt: DemoPrompt, inputSchema: Json): Json {
  const record = caseRecord(prompt);
  const text = [record.title, record.description, ...notesOf(prompt)].join(" ").toLowerCase();
  const props = (inputSchema.properties ?? {}) as Record<string, { enum?: string[] }>;
  const categories = props.category?.enum ?? [];
  const current = record["current category"];
  const named = categories.find((c) => c !== current && text.includes(c.toLowerCase()));
  const category = named ?? categories.find((c) => c !== current) ?? categories[0];
  const priority = URGENT.test(text) ? "URGENT" : HIGH.test(text) ? "HIGH" : "NORMAL";
  const sentiment = POSITIVE.test(text) ? "positive" : NEGATIVE.test(text) ? "negative" : "neutral";
  const reason = named
    ? `Demo AI (offline): the case mentions “${named}”.`
    : "Demo AI (offline): no category is named in the case; this is a made-up pick.";
  return { ...(category !== undefined ? { category } : {}), priority, sentiment, reason };
}

/** Whether the prompt is the reply draft's (its system prompt's first line). */
export function isReplyDraftPrompt(prompt: DemoPrompt): boolean {
  return prompt.system.startsWith("You draft a reply letter");
}

/** A short letter from the case record and the latest note, signed by the organisation. */
export function demoReplyDraft(prompt: DemoPrompt): string {
  const record = caseRecord(prompt);
  const notes = notesOf(prompt);
  const organisation = unescape(/<organisation>([\s\S]*?)<\/organisation>/.exec(prompt.system)?.[1] ?? "our team");
  const language = /Write the reply in ([A-Z][a-z]+)/.exec(prompt.system)?.[1] ?? "English";
  const latest = notes.at(-1);
  return [
    "Dear resident,",
    "",
    `Thank you for contacting us about “${record.title ?? "your request"}”.${latest ? ` The latest update on file: ${latest.slice(0, 200)}` : ""}`,
    "We will keep you informed of the next steps.",
    "",
    "Kind regards,",
    organisation,
    "",
    `(Demo AI — offline: a made-up draft, to be written in ${language}.)`,
  ].join("\n");
}

/** The record_intake tool's input: the writer and the request, picked out of the <letter> block. */
export function demoIntake(prompt: DemoPrompt, inputSchema: Json): Json {
  const letter = unescape(dataBlocks(prompt.user).find((b) => b.tag === "letter")?.body ?? prompt.user);
  const name = /(?:my name is|i am|regards,?|sincerely,?)\s+([A-Z][\p{L}'-]+)\s+([A-Z][\p{L}'-]+)/iu.exec(letter);
  const email = /[\w.+-]+@[\w-]+(?:\.[\w-]+)+/.exec(letter)?.[0];
  const phone = /\+?\d[\d ]{7,18}\d/.exec(letter)?.[0];
  const sentences = letter
    .replace(/^(dear|hello|hi)\b[^\n,]*,?/i, "")
    .split(/(?<=[.!?])\s+/)
    .map((s) => s.trim())
    .filter((s) => s && !/my name is/i.test(s));
  // A title is one line (the case form refuses line breaks in it).
  const first = (sentences[0] ?? "Request from a letter").replace(/\s+/g, " ").replace(/[.!?]$/, "");
  const caseProps = ((inputSchema.properties as Record<string, Json> | undefined)?.case?.properties ?? {}) as Record<
    string,
    { enum?: string[] }
  >;
  const category = caseProps.category?.enum?.find((c) => letter.toLowerCase().includes(c.toLowerCase()));
  return {
    citizen: {
      firstName: name?.[1] ?? "Unknown",
      lastName: name?.[2] ?? "Writer",
      ...(email ? { email } : {}),
      ...(phone ? { phone } : {}),
    },
    case: {
      title: first.length > 80 ? `${first.slice(0, 77)}…` : first.length >= 3 ? first : "Request from a letter",
      description: `Demo AI (offline): ${sentences.join(" ").slice(0, 600)}`,
      ...(category ? { category } : {}),
    },
  };
}
