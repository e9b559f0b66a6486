import { FilterActions } from "@/components/forms/filter-actions";
import { caseStatusLabel, casePriorityLabel } from "@/components/dashboard/case-labels";
import { FieldError } from "@/components/ui/field-error";
import { SearchIcon } from "@/components/ui/icons";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { Select } from "@/components/ui/select";
import { CASE_PRIORITIES, CASE_SORTS } from "@/lib/cases/schemas";
import { CASE_STATUSES } from "@/lib/cases/workflow";
import type { CaseFilterKey, CaseFilterValues } from "./list-params";

type Props = {
  basePath: string;
  /** The raw values from the URL, so a rejected value stays in its field to be corrected. */
  values: CaseFilterValues;
  fieldErrors?: Record<string, string[] | undefined>;
  assignees: Array<{ id: string; name: string }>;
  /** The tenant's time zone: the days are counted in it unless the link names its own (`tz`). */
  timeZone: string;
};

const SORT_LABELS: Record<(typeof CASE_SORTS)[number], string> = {
  newest: "Newest first",
  oldest: "Oldest first",
  due: "Due soonest (cases with a due date)",
};

/**
 * A plain GET form: filters land in the URL and work without JavaScript. Applying filters goes
 * back to the first page (the cursor is not part of the form); a citizen filter that came in
 * from a citizen's page is kept as a hidden field.
 */
export function CaseFilterForm({ basePath, values, fieldErrors = {}, assignees, timeZone }: Props) {
  const field = (name: CaseFilterKey) => {
    const errors = fieldErrors[name];
    return {
      id: `cases-${name}`,
      name,
      defaultValue: values[name] ?? "",
      "aria-invalid": errors?.length ? true : undefined,
      "aria-describedby": errors?.length ? `cases-${name}-error` : undefined,
    };
  };
  const error = (name: CaseFilterKey) => <FieldError id={`cases-${name}-error`} messages={fieldErrors[name]} />;
  const knownAssignee =
    !values.assignee || ["me", "none"].includes(values.assignee) || assignees.some((a) => a.id === values.assignee);

  return (
    <form action={basePath} method="get" aria-label="Filter cases" className="grid gap-4 sm:grid-cols-2 lg:grid-cols-4">
      {values.citizenId ? <input type="hidden" name="citizenId" value={values.citizenId} /> : null}
      {/* A zone that came in from a link (the daily briefing's) keeps counting days the same way. */}
      {values.tz ? <input type="hidden" name="tz" value={values.tz} /> : null}
      <div className="sm:col-span-2">
        <Label htmlFor="cases-q">Search titles</Label>
        <div className="relative mt-1.5">
          <SearchIcon className="pointer-events-none absolute top-1/2 left-3 size-4 -translate-y-1/2 text-muted-foreground" />
          <Input {...field("q")} type="search" className="pl-9" placeholder="e.g. parking permit" maxLength={200} />
        </div>
        {error("q")}
      </div>
      <div>
        <Label htmlFor="cases-status">Status</Label>
        <Select {...field("status")} className="mt-1.5">
          <option value="">Any status</option>
          <option value="open">Open (any)</option>
          <option value="overdue">Overdue</option>
          {CASE_STATUSES.map((s) => (
            <option key={s} value={s}>
              {caseStatusLabel[s]}
            </option>
          ))}
        </Select>
        {error("status")}
      </div>
      <div>
        <Label htmlFor="cases-priority">Priority</Label>
        <Select {...field("priority")} className="mt-1.5">
          <option value="">Any priority</option>
          {CASE_PRIORITIES.map((p) => (
            <option key={p} value={p}>
              {casePriorityLabel[p]}
            </option>
          ))}
        </Select>
        {error("priority")}
      </div>
      <div>
        <Label htmlFor="cases-assignee">Assignee</Label>
        <Select {...field("assignee")} className="mt-1.5">
          <option value="">Anyone</option>
          <option value="me">Me</option>
          <option value="none">Unassigned</option>
          {!knownAssignee ? <option value={values.assignee}>Someone else</option> : null}
          {assignees.map((a) => (
            <option key={a.id} value={a.id}>
              {a.name}
            </option>
          ))}
        </Select>
        {error("assignee")}
      </div>
      <div>
        <Label htmlFor="cases-category">Category</Label>
        <Input {...field("category")} className="mt-1.5" placeholder="e.g. housing" maxLength={60} />
        {error("category")}
      </div>
      <div>
        <Label htmlFor="cases-createdFrom">Created from</Label>
        <Input {...field("createdFrom")} type="date" className="mt-1.5" />
        {error("createdFrom")}
      </div>
      <div>
        <Label htmlFor="cases-createdTo">Created to (inclusive)</Label>
        <Input {...field("createdTo")} type="date" className="mt-1.5" />
        {error("createdTo")}
      </div>
      <div>
        <Label htmlFor="cases-resolvedFrom">Resolved from</Label>
        <Input {...field("resolvedFrom")} type="date" className="mt-1.5" />
        {error("resolvedFrom")}
      </div>
      <div>
        <Label htmlFor="cases-resolvedTo">Resolved to (inclusive)</Label>
        <Input {...field("resolvedTo")} type="date" className="mt-1.5" />
        {error("resolvedTo")}
      </div>
      <div>
        <Label htmlFor="cases-sort">Sort</Label>
        <Select {...field("sort")} className="mt-1.5">
          {CASE_SORTS.map((s) => (
            <option key={s} value={s}>
              {SORT_LABELS[s]}
            </option>
          ))}
        </Select>
        {error("sort")}
      </div>
      <p className="text-xs text-muted-foreground sm:col-span-2 lg:col-span-4" data-testid="cases-day-zone">
        Days are counted in {values.tz && !fieldErrors.tz?.length ? values.tz : timeZone}.
      </p>
      {error("tz")}
      <FilterActions clearHref={basePath} className="sm:col-span-2 lg:col-span-3" />
    </form>
  );
}
