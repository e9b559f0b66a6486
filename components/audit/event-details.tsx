import type { FormatSettings } from "@/lib/format/format";
import { describeEventData } from "./describe-data";
import { keyLabel, valueLabel } from "./sentences";

const MAX_ITEMS = 8;
const LIST_OF_KEYS = new Set(["fields", "changed"]);

/** An event's data as a compact key: value list; changed fields read "field: old → new". */
export function EventDetails({ data, format }: { data: unknown; format: FormatSettings }) {
  const items = describeEventData(data);
  if (items.length === 0) return <span className="text-muted-foreground">—</span>;
  const shown = items.slice(0, MAX_ITEMS);
  return (
    <dl className="flex flex-col gap-0.5 text-xs">
      {shown.map((item, i) => (
        <div key={`${i}-${item.key}`} className="flex min-w-0 gap-1.5">
          <dt className="shrink-0 text-muted-foreground">{keyLabel(item.key)}:</dt>
          <dd className="min-w-0 break-words text-foreground">
            {"value" in item ? (
              // A list of field names ("fields", "changed") reads as their labels.
              LIST_OF_KEYS.has(item.key) ? (
                item.value.split(", ").map(keyLabel).join(", ")
              ) : (
                valueLabel(item.value, format)
              )
            ) : (
              <>
                <span className="text-red-800 line-through decoration-red-700/50 dark:text-red-300 dark:decoration-red-300/50">
                  {valueLabel(item.before, format)}
                </span>
                <span aria-hidden="true"> → </span>
                <span className="sr-only"> changed to </span>
                <span className="text-green-800 dark:text-green-300">{valueLabel(item.after, format)}</span>
              </>
            )}
          </dd>
        </div>
      ))}
      {items.length > MAX_ITEMS ? (
        <div className="text-muted-foreground">+{items.length - MAX_ITEMS} more (in the CSV export)</div>
      ) : null}
    </dl>
  );
}
