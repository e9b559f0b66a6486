import { CitizenRows, type CitizenRow } from "@/components/citizens/citizen-rows";
import type { CitizenListItem } from "@/lib/citizens/list";

const dateFormat = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium" });

/** What a row shows, formatted here on the server (the client only lays it out). */
function toRow(c: CitizenListItem): CitizenRow {
  return {
    id: c.id,
    name: `${c.lastName}, ${c.firstName}`,
    city: c.city ?? "—",
    tags: c.tags.slice(0, 4),
    openCases: c.openCases,
    contact: [c.hasEmail ? "email" : null, c.hasPhone ? "phone" : null].filter(Boolean).join(" · ") || "—",
    added: dateFormat.format(c.createdAt),
  };
}

export function CitizensTable({ slug, items, caption }: { slug: string; items: CitizenListItem[]; caption: string }) {
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
        <CitizenRows slug={slug} rows={items.map(toRow)} />
      </table>
    </div>
  );
}
