// The offline demo model's reading of a natural-language search (apply_list_filter): keywords of
// the request mapped onto the tool's own enums (statuses, priorities, the tenant's categories
// and members from the prompt's blocks), relative dates onto the tool's periods, and every other
// word reported in `ignored`, as the real model is told to. Deterministic, from the prompt only.
import { dataBlocks, type DemoPrompt } from "./anthropic-demo";

type Json = Record<string, unknown>;
type Props = Record<string, { enum?: string[] }>;

const PERIOD_WORDS: Array<[RegExp, string]> = [
  [/\blast month\b/, "last_month"],
  [/\bthis month\b/, "this_month"],
  [/\blast week\b/, "last_week"],
  [/\bthis week\b/, "this_week"],
  [/\byesterday\b/, "yesterday"],
  [/\btoday\b/, "today"],
  [/\bthis year\b/, "this_year"],
  [/\blast year\b/, "last_year"],
];
const STATUS_WORDS: Array<[RegExp, string]> = [
  [/\boverdue\b/, "overdue"],
  [/\bin progress\b/, "IN_PROGRESS"],
  [/\bwaiting\b/, "WAITING"],
  [/\bresolved\b/, "RESOLVED"],
  [/\bclosed\b/, "CLOSED"],
  [/\bopen\b/, "open"],
];
const PRIORITY_WORDS: Array<[RegExp, string]> = [
  [/(?<![\w-])urgent(?![\w-])/, "URGENT"],
  [/\bhigh[- ]priority\b/, "HIGH"],
  [/\blow[- ]priority\b/, "LOW"],
];
/** Words that carry no filter of their own. */
const FILLER = new Set(
  "a an the all any show me find list cases case citizens citizen people from in of with and to assigned by for that are is who live living created since priority".split(
    " ",
  ),
);

export function isSearchPrompt(toolName: string | undefined): boolean {
  return toolName === "apply_list_filter";
}

export function demoSearchFilter(prompt: DemoPrompt, inputSchema: Json): Json {
  const blocks = dataBlocks(prompt.user);
  const request = (blocks.find((b) => b.tag === "request")?.body ?? "").toLowerCase();
  const props = (inputSchema.properties ?? {}) as Props;
  const out: Json = {};
  let rest = ` ${request.replace(/[^\p{L}\p{N}\s-]/gu, " ")} `;
  const take = (re: RegExp) => {
    rest = rest.replace(new RegExp(re.source, "g"), " ");
  };
  for (const [re, period] of PERIOD_WORDS)
    if (re.test(rest)) {
      out.createdPeriod = period;
      take(re);
      break;
    }
  if (props.status)
    for (const [re, status] of STATUS_WORDS)
      if (re.test(rest)) {
        out.status = status;
        take(re);
        break;
      }
  if (props.priority)
    for (const [re, priority] of PRIORITY_WORDS)
      if (re.test(rest)) {
        out.priority = priority;
        take(re);
        break;
      }
  const category = props.category?.enum?.find((c) => rest.includes(` ${c.toLowerCase()} `));
  if (category) {
    out.category = category;
    rest = rest.replace(` ${category.toLowerCase()} `, " ");
  }
  if (props.assignee) {
    if (/\bunassigned\b/.test(rest)) {
      out.assignee = "none";
      take(/\bunassigned\b/);
    } else if (/\bassigned to me\b|\bmy\b/.test(rest)) {
      out.assignee = "me";
      take(/\bassigned to me\b|\bmy\b/);
    } else {
      const members = (blocks.find((b) => b.tag === "members")?.body ?? "").split("\n");
      for (const line of members) {
        const [id, name] = line.split(": ");
        const first = name?.split(" ")[0]?.toLowerCase();
        if (id && first && rest.includes(` ${first} `)) {
          out.assignee = id;
          rest = rest.replace(` ${first} `, " ");
          break;
        }
      }
    }
  }
  if (props.city) {
    const m = / (?:in|from|living in) ([a-z][a-z-]+) /.exec(` ${request} `);
    if (m && !FILLER.has(m[1]!)) {
      out.city = m[1]!.charAt(0).toUpperCase() + m[1]!.slice(1);
      rest = rest.replace(` ${m[1]} `, " ");
    }
  }
  out.ignored = rest
    .split(/\s+/)
    .filter((w) => w && !FILLER.has(w))
    .slice(0, 10);
  return out;
}
