import { FilterActions } from "@/components/forms/filter-actions";
import { FieldError } from "@/components/ui/field-error";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { Select } from "@/components/ui/select";
import { featureLabel } from "@/lib/ai/access/decide";
import { AI_FEATURES } from "@/lib/ai/features";
import { LEDGER_KINDS, type LedgerFilters } from "@/lib/credits/ledger-schemas";
import { LEDGER_KIND_LABEL } from "./ledger-labels";

type Props = {
  basePath: string;
  /** The raw values from the URL, so a rejected value stays in its field to be corrected. */
  values: Partial<Record<keyof LedgerFilters, string>>;
  fieldErrors?: Record<string, string[] | undefined>;
  /** The tenant's time zone: the days of From and To are counted in it. */
  timeZone: string;
};

/**
 * A plain GET form: the filters land in the URL (bookmarkable, and the export link reuses
 * them), it works without JavaScript, and applying filters starts at the newest entry again.
 */
export function LedgerFilterForm({ basePath, values, fieldErrors = {}, timeZone }: Props) {
  const field = (name: keyof LedgerFilters) => {
    const errors = fieldErrors[name];
    return {
      id: `ledger-${name}`,
      name,
      defaultValue: values[name] ?? "",
      "aria-invalid": errors?.length ? true : undefined,
      "aria-describedby": errors?.length ? `ledger-${name}-error` : undefined,
    };
  };
  const error = (name: keyof LedgerFilters) => <FieldError id={`ledger-${name}-error`} messages={fieldErrors[name]} />;
  return (
    <form action={basePath} method="get" aria-label="Filter the ledger" className="grid gap-4 sm:grid-cols-2">
      <div>
        <Label htmlFor="ledger-kind">What</Label>
        <Select {...field("kind")} className="mt-1.5">
          <option value="">Everything</option>
          {LEDGER_KINDS.map((k) => (
            <option key={k} value={k}>
              {LEDGER_KIND_LABEL[k]}
            </option>
          ))}
        </Select>
        {error("kind")}
      </div>
      <div>
        <Label htmlFor="ledger-feature">AI feature</Label>
        <Select {...field("feature")} className="mt-1.5">
          <option value="">Any (and entries without one)</option>
          {AI_FEATURES.map((f) => (
            <option key={f} value={f}>
              {featureLabel(f)}
            </option>
          ))}
        </Select>
        {error("feature")}
      </div>
      <div>
        <Label htmlFor="ledger-from">From ({timeZone})</Label>
        <Input {...field("from")} type="date" className="mt-1.5" />
        {error("from")}
      </div>
      <div>
        <Label htmlFor="ledger-to">To ({timeZone}, inclusive)</Label>
        <Input {...field("to")} type="date" className="mt-1.5" />
        {error("to")}
      </div>
      <FilterActions clearHref={basePath} className="sm:col-span-2" />
    </form>
  );
}
