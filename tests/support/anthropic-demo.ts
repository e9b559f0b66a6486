// The offline demo model: deterministic replies derived from the prompt's data, so every AI
// feature can be seen working without a key (npm run dev:demo-ai) and the e2e tests get
// stable answers. Not a language model: it condenses the delimited data blocks it was given
// (<tag …>…</tag>, the way features pass tenant data) and, for a forced tool, builds a value
// valid for the tool's input_schema out of the prompt (ids it was given, enum values named
// in the prompt, text from the data).

type Json = Record<string, unknown>;
type Message = { role: string; content: unknown };

export type DemoPrompt = { system: string; user: string; all: string };

function textOf(content: unknown): string {
  if (typeof content === "string") return content;
  if (Array.isArray(content))
    return content
      .map((b) => (b && typeof b === "object" && "text" in b && typeof b.text === "string" ? b.text : ""))
      .join("\n");
  return "";
}

export function promptOf(body: { system?: unknown; messages?: Message[] }): DemoPrompt {
  const system = textOf(body.system);
  const user = (body.messages ?? [])
    .filter((m) => m.role === "user")
    .map((m) => textOf(m.content))
    .join("\n");
  return { system, user, all: `${system}\n${user}` };
}

type Block = { tag: string; attrs: Record<string, string>; body: string };

/** The delimited data blocks of a prompt: <tag a="b">…</tag>, outermost first. */
export function dataBlocks(text: string): Block[] {
  const out: Block[] = [];
  const re = /<([a-z_][\w-]*)((?:\s+[\w-]+="[^"]*")*)\s*>([\s\S]*?)<\/\1>/gi;
  for (const m of text.matchAll(re)) {
    const attrs: Record<string, string> = {};
    for (const a of m[2]!.matchAll(/([\w-]+)="([^"]*)"/g)) attrs[a[1]!] = a[2]!;
    out.push({ tag: m[1]!, attrs, body: m[3]!.trim() });
  }
  return out;
}

const squash = (s: string) =>
  s
    .replace(/<[^>]+>/g, " ")
    .replace(/\s+/g, " ")
    .trim();

function condense(text: string, max = 160): string {
  const flat = squash(text);
  if (flat.length <= max) return flat;
  const cut = flat.slice(0, max);
  return `${cut.slice(0, Math.max(cut.lastIndexOf(" "), max / 2))}…`;
}

/**
 * A prompt that asks for `[ref:<id>]` citations (the case summary) gets one cited sentence per
 * element that carries a `ref="…"` (timeline entries), after one for a block that names
 * `ref: <id>` in its body (the case record): every fact of the demo answer links to its source.
 */
function citedDemoText(prompt: DemoPrompt): string | null {
  if (!prompt.system.includes("[ref:")) return null;
  const sentences: string[] = [];
  for (const b of dataBlocks(prompt.user)) {
    const ref = /^ref:\s*(\S+)/m.exec(b.body)?.[1];
    if (ref) sentences.push(`Demo AI (offline): ${condense(b.body.replace(/^ref:.*$/m, ""), 140)}. [ref:${ref}]`);
  }
  for (const m of prompt.user.matchAll(/<([a-z_][\w-]*)\s+ref="([^"]+)"([^>]*)>([\s\S]*?)<\/\1>/gi)) {
    const date = /date="([^"]+)"/.exec(m[3]!)?.[1];
    sentences.push(`${date ? `On ${date}: ` : ""}${condense(m[4]!, 140) || "(empty)"}. [ref:${m[2]}]`);
  }
  return sentences.length ? sentences.join(" ") : null;
}

/** A text answer: one line per data block, condensed; without blocks, the question echoed. */
export function demoText(prompt: DemoPrompt): string {
  const cited = citedDemoText(prompt);
  if (cited) return cited;
  const chat = chatDemoText(prompt);
  if (chat) return chat;
  const blocks = dataBlocks(prompt.user);
  if (blocks.length === 0) {
    const asked = condense(prompt.user, 200) || "(an empty prompt)";
    return `Demo AI (offline): this is a made-up answer, not a model's. You asked: "${asked}"`;
  }
  const lines = blocks.slice(0, 12).map((b) => {
    const label = b.attrs.title ?? b.attrs.name ?? (b.attrs.id ? `${b.tag} ${b.attrs.id}` : b.tag);
    return `- ${label}: ${condense(b.body) || "(empty)"}`;
  });
  const more = blocks.length > 12 ? `\n- …and ${blocks.length - 12} more` : "";
  return `Demo AI (offline) summary of ${blocks.length} item${blocks.length === 1 ? "" : "s"}:\n${lines.join("\n")}${more}`;
}

/** The chat's answer prompt (<rows> of `column: value` pairs): the first rows, citing their columns. */
function chatDemoText(prompt: DemoPrompt): string | null {
  const rows = /<rows count="(\d+)"[^>]*>([\s\S]*?)<\/rows>/.exec(prompt.user);
  if (!rows) return null;
  const lines = [...rows[2]!.matchAll(/<row n="\d+">([\s\S]*?)<\/row>/g)].slice(0, 5).map((m) =>
    m[1]!
      .split(", ")
      .map((pair) => {
        const [col, ...value] = pair.split(": ");
        return `${value.join(": ").replace(/&quot;|"/g, "")} [${col}]`;
      })
      .join(" "),
  );
  const n = Number(rows[1]);
  if (n === 0) return "Demo AI (offline): the query found no rows.";
  return `Demo AI (offline): the query returned ${n} row${n === 1 ? "" : "s"}. ${lines.join("; ")}${n > 5 ? "; …" : ""}.`;
}

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi;

/** Ids the prompt gave the model: id="…" attributes first, then any UUID in the text. */
function idsIn(prompt: DemoPrompt): string[] {
  const ids = dataBlocks(prompt.all).flatMap((b) => (b.attrs.id ? [b.attrs.id] : []));
  for (const m of prompt.all.matchAll(UUID)) ids.push(m[0]);
  return [...new Set(ids)];
}

function hash(s: string): number {
  let h = 2166136261;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 16777619);
  return h >>> 0;
}

type Ctx = { prompt: DemoPrompt; ids: string[]; text: string; seed: number };

function resolveRef(schema: Json, root: Json): Json {
  const ref = schema.$ref;
  if (typeof ref !== "string" || !ref.startsWith("#/")) return schema;
  let node: unknown = root;
  for (const part of ref.slice(2).split("/")) node = (node as Json)?.[part];
  return (node as Json) ?? {};
}

function stringFor(schema: Json, name: string, ctx: Ctx): string {
  const min = typeof schema.minLength === "number" ? schema.minLength : 0;
  const max = typeof schema.maxLength === "number" ? schema.maxLength : 400;
  let value: string;
  if (schema.format === "uuid")
    value = ctx.ids.find((id) => /^[0-9a-f-]{36}$/i.test(id)) ?? "00000000-0000-4000-8000-000000000000";
  else if (schema.format === "date-time") value = "2026-01-01T00:00:00.000Z";
  else if (schema.format === "date") value = "2026-01-01";
  else if (schema.format === "email") value = "demo@example.org";
  else if (/ids?$/i.test(name) && ctx.ids.length > 0) value = ctx.ids[ctx.seed % ctx.ids.length]!;
  else value = condense(ctx.text, Math.min(max, 160)) || `Demo ${name}`;
  if (value.length > max) value = value.slice(0, max);
  while (value.length < min) value += " demo";
  return value.slice(0, Math.max(max, min));
}

function numberFor(schema: Json, integer: boolean, ctx: Ctx): number {
  const lo =
    typeof schema.minimum === "number"
      ? schema.minimum
      : typeof schema.exclusiveMinimum === "number"
        ? schema.exclusiveMinimum + (integer ? 1 : 0.01)
        : 0;
  const hi =
    typeof schema.maximum === "number"
      ? schema.maximum
      : typeof schema.exclusiveMaximum === "number"
        ? schema.exclusiveMaximum - (integer ? 1 : 0.01)
        : lo + 10;
  const span = Math.max(0, hi - lo);
  const v = lo + (span === 0 ? 0 : ((ctx.seed % 1000) / 1000) * span);
  return integer
    ? Math.min(Math.floor(hi), Math.max(Math.ceil(lo), Math.round(v)))
    : Math.min(hi, Math.max(lo, Math.round(v * 100) / 100));
}

/** A value valid for `schema` (the JSON Schema subset zod's toJSONSchema writes). */
export function valueForSchema(schema: Json, ctx: Ctx, root: Json = schema, name = "value", depth = 0): unknown {
  schema = resolveRef(schema, root);
  if ("const" in schema) return schema.const;
  if (Array.isArray(schema.enum) && schema.enum.length > 0) {
    const named = schema.enum.find(
      (e) => typeof e === "string" && ctx.prompt.user.toLowerCase().includes(e.toLowerCase()),
    );
    return named ?? schema.enum[ctx.seed % schema.enum.length];
  }
  for (const key of ["anyOf", "oneOf"] as const) {
    const options = schema[key];
    if (Array.isArray(options) && options.length > 0) {
      const nonNull = (options as Json[]).find((o) => resolveRef(o, root).type !== "null") ?? (options[0] as Json);
      return valueForSchema(nonNull, ctx, root, name, depth + 1);
    }
  }
  if (Array.isArray(schema.allOf) && schema.allOf.length > 0)
    return valueForSchema(schema.allOf[0] as Json, ctx, root, name, depth + 1);
  let type = schema.type;
  if (Array.isArray(type)) type = type.find((t) => t !== "null") ?? "null";
  if (type === undefined) type = schema.properties ? "object" : schema.items ? "array" : "string";
  switch (type) {
    case "object": {
      const out: Json = {};
      const props = (schema.properties ?? {}) as Record<string, Json>;
      for (const [key, sub] of Object.entries(props))
        out[key] = valueForSchema(sub, { ...ctx, seed: ctx.seed + hash(key) }, root, key, depth + 1);
      return out;
    }
    case "array": {
      const min = typeof schema.minItems === "number" ? schema.minItems : 0;
      const max = typeof schema.maxItems === "number" ? schema.maxItems : 3;
      const item = (schema.items ?? {}) as Json;
      const idLike = /ids$|citations|sources/i.test(name) && ctx.ids.length > 0;
      const n = Math.min(max, Math.max(min, idLike ? Math.min(ctx.ids.length, 3) : depth > 3 ? 0 : 1));
      const values = Array.from({ length: n }, (_, i) =>
        valueForSchema(item, { ...ctx, seed: ctx.seed + i }, root, name.replace(/s$/, ""), depth + 1),
      );
      return schema.uniqueItems ? [...new Map(values.map((v) => [JSON.stringify(v), v])).values()] : values;
    }
    case "string":
      return stringFor(schema, name, ctx);
    case "integer":
      return numberFor(schema, true, ctx);
    case "number":
      return numberFor(schema, false, ctx);
    case "boolean":
      return ctx.seed % 2 === 0;
    default:
      return null;
  }
}

/** The forced tool's input, built from its input_schema and the prompt. */
export function demoToolInput(prompt: DemoPrompt, inputSchema: Json): unknown {
  const blocks = dataBlocks(prompt.user);
  const text = blocks.length > 0 ? blocks.map((b) => b.body).join(" ") : prompt.user;
  return valueForSchema(inputSchema, { prompt, ids: idsIn(prompt), text, seed: hash(prompt.all) });
}

/**
 * The chat's run_sql tool (lib/chat/ask-chat.ts): a few questions the demo knows how to turn into
 * SQL over the chat views, by keyword; anything else gets the cases counted by status. The
 * question is the prompt's <question> block (earlier questions are <earlier_question>).
 */
export function demoChatSql(prompt: DemoPrompt): string {
  const q = (dataBlocks(prompt.user).find((b) => b.tag === "question")?.body ?? prompt.user).toLowerCase();
  const open = /\bopen\b/.test(q) ? " WHERE status = 'OPEN'" : "";
  if (/categor/.test(q))
    return `SELECT coalesce(category, '(none)') AS category, count(*) AS cases FROM cases${open} GROUP BY 1 ORDER BY 2 DESC, 1`;
  if (/priorit/.test(q))
    return `SELECT priority, count(*) AS cases FROM cases${open} GROUP BY priority ORDER BY 2 DESC, 1`;
  if (/month/.test(q))
    return `SELECT to_char(date_trunc('month', created_at), 'YYYY-MM') AS month, count(*) AS cases FROM cases${open} GROUP BY 1 ORDER BY 1`;
  if (/cit(y|ies)/.test(q))
    return "SELECT coalesce(city, '(none)') AS city, count(*) AS citizens FROM citizens GROUP BY 1 ORDER BY 2 DESC, 1";
  return `SELECT status, count(*) AS cases FROM cases${open} GROUP BY status ORDER BY 2 DESC, 1`;
}
