"use client";

import { Select } from "@/components/ui/select";
import { importMappingSchema, type ImportMapping } from "@/lib/citizens/import/schemas";

export type MappingTarget = { value: string; label: string };

/** Problems with a mapping in people's words (the server checks the same schema). */
export function mappingProblems(mapping: ImportMapping): string[] {
  const parsed = importMappingSchema.safeParse(mapping);
  return parsed.success ? [] : parsed.error.issues.map((i) => i.message);
}

/**
 * Step 2: one row per CSV column, with its first values and a select of the citizen field it
 * fills (prefilled with the suggestion). A native select per row: keyboard and screen reader
 * users get the platform's own control, labelled by the column's name.
 */
export function MappingTable({
  columns,
  sample,
  mapping,
  targets,
  onChange,
}: {
  columns: string[];
  sample: string[][];
  mapping: ImportMapping;
  targets: MappingTarget[];
  onChange: (mapping: ImportMapping) => void;
}) {
  // Which column already fills each field, to say so in the other selects.
  const usedBy = new Map(
    Object.entries(mapping)
      .filter(([, t]) => t)
      .map(([c, t]) => [t, c]),
  );
  return (
    <div className="overflow-x-auto">
      <table className="w-full text-sm">
        <caption className="sr-only">Columns of the file and the citizen field each one fills</caption>
        <thead className="border-b border-border text-left text-xs tracking-wide text-muted-foreground uppercase">
          <tr>
            <th scope="col" className="px-4 py-2 font-medium sm:px-6">
              Column in the file
            </th>
            <th scope="col" className="hidden px-4 py-2 font-medium md:table-cell">
              First values
            </th>
            <th scope="col" className="px-4 py-2 font-medium sm:px-6">
              Citizen field
            </th>
          </tr>
        </thead>
        <tbody className="divide-y divide-border">
          {columns.map((column, index) => {
            const selectId = `map-${index}`;
            const values = sample
              .map((r) => r[index] ?? "")
              .filter((v) => v.trim() !== "")
              .slice(0, 3);
            return (
              <tr key={`${index}-${column}`}>
                <th scope="row" className="px-4 py-3 text-left font-medium text-foreground sm:px-6">
                  <label htmlFor={selectId}>
                    {column || <span className="text-muted-foreground italic">(no name)</span>}
                  </label>
                </th>
                <td className="hidden max-w-xs px-4 py-3 text-muted-foreground md:table-cell">
                  <span className="line-clamp-2 break-words">{values.length ? values.join(" · ") : "(empty)"}</span>
                </td>
                <td className="px-4 py-3 sm:px-6">
                  <Select
                    id={selectId}
                    value={mapping[column] ?? ""}
                    onChange={(e) => onChange({ ...mapping, [column]: e.currentTarget.value })}
                    className="min-w-48"
                  >
                    <option value="">Don&rsquo;t import</option>
                    {targets.map((t) => {
                      const other = usedBy.get(t.value);
                      return (
                        <option key={t.value} value={t.value}>
                          {t.label}
                          {other !== undefined && other !== column ? ` (already filled from “${other}”)` : ""}
                        </option>
                      );
                    })}
                  </Select>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
