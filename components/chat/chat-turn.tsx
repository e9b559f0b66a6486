// One question and its answer in the chat widget: the answer (column names in brackets are
// highlighted: they say which column a number came from), the SQL (collapsible), the rows as a
// table, and a bar chart when the rows are a number by category or date.
import type { ChatResultFrame } from "@/lib/ai/stream/protocol";
import { useFormatNumber } from "@/components/format/format-provider";
import { ChatBarChart } from "./chat-bar-chart";
import { chartShapeOf } from "./chart-shape";
import { answerParts } from "./cited-numbers";

export type ChatTurnView = {
  question: string;
  answer: string;
  result: Omit<ChatResultFrame, "conversationId"> | null;
  streaming?: boolean;
  error?: string | null;
};

/**
 * "12 open cases [open_cases]": the cited column is marked, numbers found in the rows are bold,
 * and a number the rows do not contain is underlined and named as such (the model may have
 * made it up: the table is the source).
 */
function CitedAnswer({ text, result }: { text: string; result: ChatTurnView["result"] }) {
  const parts = answerParts(text, result?.columns ?? [], result?.rows ?? []);
  const unsourced = result?.ok && parts.some((p) => p.kind === "unsourced");
  return (
    <div className="flex flex-col gap-1">
      <p className="whitespace-pre-wrap text-sm leading-relaxed">
        {parts.map((part, i) =>
          part.kind === "column" ? (
            <mark
              key={i}
              className="rounded bg-brand-100 px-1 font-mono text-xs text-brand-900 dark:bg-brand-400/20 dark:text-brand-100"
            >
              {part.text}
            </mark>
          ) : part.kind === "number" ? (
            <strong key={i}>{part.text}</strong>
          ) : part.kind === "unsourced" && result?.ok ? (
            <span key={i} title="Not in the rows" className="underline decoration-amber-500 decoration-dotted">
              {part.text}
              <span className="sr-only"> (not in the rows)</span>
            </span>
          ) : (
            <span key={i}>{part.text}</span>
          ),
        )}
      </p>
      {unsourced ? (
        <p className="text-xs text-amber-800 dark:text-amber-200">
          Underlined numbers are not in the rows below: check them against the table.
        </p>
      ) : null}
    </div>
  );
}

function cell(value: string | number | boolean | null, formatNumber: (n: number) => string): string {
  if (value === null) return "—";
  if (typeof value === "number") return formatNumber(value);
  return String(value);
}

export function ChatTurn({ turn }: { turn: ChatTurnView }) {
  // Numbers in the tenant's locale, as everywhere else (components/format/format-provider.tsx).
  const formatNumber = useFormatNumber();
  const { result } = turn;
  const shape = result?.ok ? chartShapeOf(result) : null;
  return (
    <article className="flex flex-col gap-2 border-b border-border pb-3 last:border-b-0">
      <p className="self-end rounded-lg bg-surface-muted px-3 py-1.5 text-sm font-medium">{turn.question}</p>
      {turn.answer ? (
        <CitedAnswer text={turn.answer} result={result} />
      ) : turn.streaming ? (
        <p className="text-sm text-muted-foreground">{result ? "Writing the answer…" : "Querying the data…"}</p>
      ) : null}
      {turn.error ? (
        <p role="alert" className="text-sm text-red-700 dark:text-red-300">
          {turn.error}
        </p>
      ) : null}
      {result?.sql ? (
        <details className="text-xs">
          <summary className="cursor-pointer font-medium text-muted-foreground">
            {result.ok ? "SQL that ran" : "SQL that was refused"}
          </summary>
          <pre className="mt-1 overflow-x-auto rounded bg-surface-muted p-2 font-mono whitespace-pre-wrap">
            {result.sql}
          </pre>
        </details>
      ) : null}
      {shape ? <ChatBarChart shape={shape} /> : null}
      {result?.ok && result.columns.length > 0 ? (
        <div className="max-h-64 overflow-auto rounded border border-border">
          <table className="w-full text-left text-xs">
            <caption className="sr-only">
              Rows the query returned ({result.rowCount}
              {result.truncated ? ", cut at 100" : ""})
            </caption>
            <thead className="bg-surface-muted">
              <tr>
                {result.columns.map((c) => (
                  <th key={c} scope="col" className="px-2 py-1 font-mono font-medium">
                    {c}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {result.rows.map((row, i) => (
                <tr key={i} className="border-t border-border">
                  {row.map((v, j) => (
                    <td key={j} className={`px-2 py-1 ${typeof v === "number" ? "text-right tabular-nums" : ""}`}>
                      {cell(v, formatNumber)}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : result?.ok ? (
        <p className="text-xs text-muted-foreground">The query returned no rows.</p>
      ) : null}
      {result?.truncated ? <p className="text-xs text-muted-foreground">Only the first 100 rows are shown.</p> : null}
    </article>
  );
}
