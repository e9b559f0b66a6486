import { CitizenRows, type CitizenRow } from "@/components/citizens/citizen-rows";
import type { CitizenListItem } from "@/lib/citizens/list";
import { formatDate, formatName, type FormatSettings } from "@/lib/format/format";

/** What a row shows, formatted here on the server (the client only lays it out). */
function toRow(c: CitizenListItem, format: FormatSettings): CitizenRow {
  return {
    id: c.id,
    name: formatName(c),
    city: c.city ?? "—",
    tags: c.tags.slice(0, 4),
    openCases: c.openCases,
    contact: [c.hasEmail ? "email" : null, c.hasPhone ? "phone" : null].filter(Boolean).join(" · ") || "—",
    added: formatDate(c.createdAt, format),
  };
}

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
      <table className="data-table w-full text-sm">
        <caption className="sr-only">{caption}</caption>
        <thead className="border-b border-border">
          <tr>
            <th scope="col">Name</th>
            <th scope="col">City</th>
            <th scope="col" className="hidden md:table-cell">
              Tags
            </th>
            <th scope="col" className="text-right">
              Open cases
            </th>
            <th scope="col" className="hidden lg:table-cell">
              Contact
            </th>
            <th scope="col" className="hidden sm:table-cell">
              Added
            </th>
          </tr>
        </thead>
        <CitizenRows slug={slug} rows={items.map((c) => toRow(c, format))} />
      </table>
    </div>
  );
}
