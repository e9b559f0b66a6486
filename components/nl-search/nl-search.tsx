"use client";
// "Describe what you are looking for" above a list: the AI turns the words into the list's own
// filters, shown as chips the person can change or remove before the results are shown (the
// list then runs its normal query; the filter form and "Save view" take it from the URL like any
// other filter). Words the AI could not turn into a filter are listed, never guessed.
import { useId, useState } from "react";
import { useRouter } from "next/navigation";
import { aiErrorFromBody, type AiStreamError } from "@/components/ai/ai-stream-reducer";
import { DemoAiBadge } from "@/components/ai/demo-ai-badge";
import { Button } from "@/components/ui/button";
import { SparklesIcon, SpinnerIcon } from "@/components/ui/icons";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import {
  nlSearchRequestSchema,
  NL_SEARCH_TEXT_MAX,
  type NlSearchList,
  type NlSearchResult,
} from "@/lib/ai/features/nl-search/schemas";
import { caseListQuerySchema } from "@/lib/cases/schemas";
import { citizenListQuerySchema } from "@/lib/citizens/schemas";
import { chipFields } from "./chip-fields";
import { FilterChip } from "./filter-chip";
import { AiErrorAlert } from "@/components/ai/ai-error-alert";

type Props = {
  tenantSlug: string;
  list: NlSearchList;
  assignees?: ReadonlyArray<{ id: string; name: string }>;
  demo?: boolean;
  /** AI is not configured on this installation: the box says so instead of failing on use. */
  unavailableMessage?: string;
};

const EXAMPLE: Record<NlSearchList, string> = {
  cases: "e.g. open housing cases from last month assigned to me",
  citizens: "e.g. citizens in Riverside tagged vip added this year",
};

export function NlSearch({ tenantSlug, list, assignees = [], demo = false, unavailableMessage }: Props) {
  const ids = useId();
  const router = useRouter();
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<AiStreamError | null>(
    unavailableMessage ? { code: "AI_NOT_CONFIGURED", message: unavailableMessage } : null,
  );
  const [result, setResult] = useState<NlSearchResult | null>(null);
  const [filters, setFilters] = useState<Record<string, string>>({});
  const fields = chipFields(list, assignees);
  const basePath = `/${tenantSlug}/${list}`;

  async function interpret(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const typed = new FormData(event.currentTarget).get("nl");
    const input = nlSearchRequestSchema.safeParse({ text: typeof typed === "string" ? typed : "" });
    if (!input.success)
      return setError({ code: "VALIDATION_FAILED", message: input.error.issues[0]?.message ?? "Describe the search" });
    setLoading(true);
    setError(null);
    try {
      const response = await fetch(`/api/tenants/${encodeURIComponent(tenantSlug)}/${list}/search`, {
        method: "POST",
        headers: { "content-type": "application/json", accept: "application/json" },
        body: JSON.stringify(input.data),
      });
      const body: unknown = await response.json().catch(() => null);
      if (!response.ok) return setError(aiErrorFromBody(response.status, body));
      const search = (body as { search: NlSearchResult }).search;
      setResult(search);
      setFilters(search.filters);
    } catch (err) {
      setError({
        code: "NETWORK_ERROR",
        message: err instanceof Error ? `Network error: ${err.message}` : "Network error",
      });
    } finally {
      setLoading(false);
    }
  }

  const schema = list === "cases" ? caseListQuerySchema : citizenListQuerySchema;
  const checked = schema.safeParse(filters);
  const problems = checked.success
    ? {}
    : Object.fromEntries(checked.error.issues.map((i) => [String(i.path[0]), i.message]));

  function show() {
    if (!checked.success) return;
    const params = new URLSearchParams(Object.entries(filters).filter(([, v]) => v !== ""));
    const search = params.toString();
    router.push(search ? `${basePath}?${search}` : basePath);
  }

  const chips = fields.filter((f) => filters[f.key] !== undefined);

  return (
    <section aria-labelledby={`${ids}-heading`} className="flex flex-col gap-3">
      <h2 id={`${ids}-heading`} className="sr-only">
        Search in your own words
      </h2>
      <form onSubmit={(e) => void interpret(e)} className="flex flex-col gap-1.5" aria-describedby={`${ids}-hint`}>
        <Label htmlFor={`${ids}-text`} className="flex flex-wrap items-center gap-2">
          <SparklesIcon className="size-4 text-brand-600 dark:text-brand-300" />
          Describe what you are looking for
          {demo ? <DemoAiBadge /> : null}
        </Label>
        <div className="flex flex-col gap-2 sm:flex-row">
          <Input
            id={`${ids}-text`}
            name="nl"
            maxLength={NL_SEARCH_TEXT_MAX}
            placeholder={EXAMPLE[list]}
            disabled={error?.code === "AI_NOT_CONFIGURED"}
            className="sm:flex-1"
          />
          <Button type="submit" variant="secondary" disabled={loading || error?.code === "AI_NOT_CONFIGURED"}>
            {loading ? <SpinnerIcon className="size-4" /> : null}
            {loading ? "Reading…" : "Turn into filters"}
          </Button>
        </div>
        <p id={`${ids}-hint`} className="text-xs text-muted-foreground">
          AI suggests filters from your words; you check them before the list changes. Costs a few credits.
        </p>
      </form>

      <div aria-live="polite" className="flex flex-col gap-3">
        {error ? <AiErrorAlert error={error} /> : null}

        {result ? (
          <div
            className="flex flex-col gap-3 rounded-lg border border-border bg-surface p-3"
            aria-label="Interpreted filters"
          >
            {chips.length ? (
              <ul className="flex flex-wrap gap-2" aria-label="Filters (select one to change it)">
                {chips.map((field) => (
                  <li key={field.key}>
                    <FilterChip
                      field={field}
                      value={filters[field.key]!}
                      problem={problems[field.key]}
                      onChange={(value) => setFilters((f) => ({ ...f, [field.key]: value }))}
                      onRemove={() =>
                        setFilters((f) => Object.fromEntries(Object.entries(f).filter(([k]) => k !== field.key)))
                      }
                    />
                  </li>
                ))}
              </ul>
            ) : (
              <p className="text-sm text-muted-foreground">
                No filter could be read from that: showing results would show the whole list.
              </p>
            )}
            {result.ignored.length ? (
              <p className="text-sm text-muted-foreground">
                Not used (no filter for it):{" "}
                {result.ignored.map((w, i) => (
                  <span key={`${w}-${i}`}>
                    {i ? ", " : ""}&lsquo;{w}&rsquo;
                  </span>
                ))}
              </p>
            ) : null}
            <div className="flex flex-wrap items-center gap-2">
              <Button size="sm" onClick={show} disabled={!checked.success}>
                Show results
              </Button>
              <Button
                size="sm"
                variant="ghost"
                onClick={() => {
                  setResult(null);
                  setFilters({});
                }}
              >
                Discard
              </Button>
              <span className="text-xs text-muted-foreground">
                {result.creditsUsed} credit{result.creditsUsed === 1 ? "" : "s"} used · {result.balance} left
              </span>
            </div>
          </div>
        ) : null}
      </div>
    </section>
  );
}
