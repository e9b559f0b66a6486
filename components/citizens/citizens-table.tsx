import Link from "next/link";
import { Badge } from "@/components/ui/badge";
import type { CitizenListItem } from "@/lib/citizens/list";
import { formatDate, formatName, type FormatSettings } from "@/lib/format/format";

export function CitizensTable({
  slug,
  items,
  caption,
  format,
}: {
  slug: string;
  items: CitizenListItem[];
  caption: string;
  format: FormatSettings;
}) {
  return (
    <div className="overflow-x-auto">
      <table className="w-full text-sm">
        <caption className="sr-only">{caption}</caption>
        <thead className="border-b border-border text-left text-xs tracking-wide text-muted-foreground uppercase">
          <tr>
            <th scope="col" className="px-4 py-2 font-medium sm:px-5">
              Name
            </th>
            <th scope="col" className="px-4 py-2 font-medium">
              City
            </th>
            <th scope="col" className="hidden px-4 py-2 font-medium md:table-cell">
              Tags
            </th>
            <th scope="col" className="px-4 py-2 text-right font-medium">
              Open cases
            </th>
            <th scope="col" className="hidden px-4 py-2 font-medium lg:table-cell">
              Contact
            </th>
            <th scope="col" className="hidden px-4 py-2 font-medium sm:table-cell sm:pr-5">
              Added
            </th>
          </tr>
        </thead>
        <tbody className="divide-y divide-border">
          {items.map((c) => (
            <tr key={c.id} className="hover:bg-surface-muted/60">
              <td className="px-4 py-2.5 sm:px-5">
                <Link
                  href={`/${slug}/citizens/${c.id}`}
                  className="font-medium text-foreground hover:text-brand-700 hover:underline dark:hover:text-brand-300"
                >
                  {formatName(c)}
                </Link>
              </td>
              <td className="px-4 py-2.5 text-muted-foreground">{c.city ?? "—"}</td>
              <td className="hidden px-4 py-2.5 md:table-cell">
                <span className="flex flex-wrap gap-1">
                  {c.tags.slice(0, 4).map((t) => (
                    <Badge key={t}>{t}</Badge>
                  ))}
                </span>
              </td>
              <td className="px-4 py-2.5 text-right tabular-nums">{c.openCases}</td>
              <td className="hidden px-4 py-2.5 text-muted-foreground lg:table-cell">
                {[c.hasEmail ? "email" : null, c.hasPhone ? "phone" : null].filter(Boolean).join(" · ") || "—"}
              </td>
              <td className="hidden px-4 py-2.5 text-muted-foreground sm:table-cell sm:pr-5">
                {formatDate(c.createdAt, format)}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
