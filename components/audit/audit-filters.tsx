import { FilterActions } from "@/components/forms/filter-actions";
import { FieldError } from "@/components/ui/field-error";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { Select } from "@/components/ui/select";
import type { AuditFilters } from "@/lib/audit/schemas";

type Props = {
  basePath: string;
  /** The raw values from the URL, so a rejected value stays in its field to be corrected. */
  values: Partial<Record<keyof AuditFilters, string>>;
  fieldErrors?: Record<string, string[] | undefined>;
  actions: string[];
  actors: Array<{ id: string; name: string }>;
  /** The tenant's time zone: the days of From and To are counted in it. */
  timeZone: string;
};

/** "member." for every distinct resource of the known actions: one choice for all its events. */
function resources(actions: string[]): string[] {
  return [...new Set(actions.filter((a) => a.includes(".")).map((a) => a.slice(0, a.indexOf(".") + 1)))].sort();
}

/**
 * A plain GET form: the filters land in the URL, so a view of the trail can be bookmarked or
 * sent to a colleague, and it works without JavaScript. Applying filters starts at the newest
 * event again (the cursor is not part of the form).
 */
export function AuditFilterForm({ basePath, values, fieldErrors = {}, actions, actors, timeZone }: Props) {
  const field = (name: keyof AuditFilters) => {
    const errors = fieldErrors[name];
    return {
      id: `audit-${name}`,
      name,
      defaultValue: values[name] ?? "",
      "aria-invalid": errors?.length ? true : undefined,
      "aria-describedby": errors?.length ? `audit-${name}-error` : undefined,
    };
  };
  const error = (name: keyof AuditFilters) => <FieldError id={`audit-${name}-error`} messages={fieldErrors[name]} />;
  const knownAction = !values.action || actions.includes(values.action) || resources(actions).includes(values.action);
  const knownActor = !values.actorId || actors.some((a) => a.id === values.actorId);

  return (
    <form
      action={basePath}
      method="get"
      aria-label="Filter events"
      className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3"
    >
      <div>
        <Label htmlFor="audit-action">Action</Label>
        <Select {...field("action")} className="mt-1.5">
          <option value="">All actions</option>
          {!knownAction ? <option value={values.action}>{values.action}</option> : null}
          <optgroup label="Everything about">
            {resources(actions).map((r) => (
              <option key={r} value={r}>
                {r}*
              </option>
            ))}
          </optgroup>
          <optgroup label="One action">
            {actions.map((a) => (
              <option key={a} value={a}>
                {a}
              </option>
            ))}
          </optgroup>
        </Select>
        {error("action")}
      </div>
      <div>
        <Label htmlFor="audit-actorId">Actor</Label>
        <Select {...field("actorId")} className="mt-1.5">
          <option value="">Anyone</option>
          {!knownActor ? <option value={values.actorId}>User {values.actorId}</option> : null}
          {actors.map((a) => (
            <option key={a.id} value={a.id}>
              {a.name}
            </option>
          ))}
        </Select>
        {error("actorId")}
      </div>
      <div className="grid grid-cols-2 gap-3">
        <div>
          <Label htmlFor="audit-targetType">Target type</Label>
          <Input {...field("targetType")} className="mt-1.5" placeholder="e.g. citizen" maxLength={64} />
          {error("targetType")}
        </div>
        <div>
          <Label htmlFor="audit-targetId">Target id</Label>
          <Input {...field("targetId")} className="mt-1.5" maxLength={200} />
          {error("targetId")}
        </div>
      </div>
      <div className="grid grid-cols-2 gap-3 lg:col-span-2">
        <div>
          <Label htmlFor="audit-from">From ({timeZone})</Label>
          <Input {...field("from")} type="date" className="mt-1.5" />
          {error("from")}
        </div>
        <div>
          <Label htmlFor="audit-to">To ({timeZone}, inclusive)</Label>
          <Input {...field("to")} type="date" className="mt-1.5" />
          {error("to")}
        </div>
      </div>
      <FilterActions clearHref={basePath} />
    </form>
  );
}
