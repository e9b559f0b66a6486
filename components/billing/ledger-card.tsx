import Link from "next/link";
import { formatDateTime, formatNumber, type FormatSettings } from "@/lib/format/format";
import { buttonClasses } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { ArrowRightIcon } from "@/components/ui/icons";
import { featureLabel } from "@/lib/ai/access/decide";
import { isAiFeature } from "@/lib/ai/features";
import { ledgerSearchString, type LedgerFilters } from "@/lib/credits/ledger-schemas";
import type { LedgerEntryView } from "@/lib/credits/list-ledger-entries";
import { LedgerFilterForm } from "./ledger-filters";
import { LEDGER_KIND_LABEL } from "./ledger-labels";

type Props = {
  tenantSlug: string;
  format: FormatSettings;
  /** null when the filters in the URL were refused (their errors are shown instead). */
  page: { entries: LedgerEntryView[]; nextCursor: string | null } | null;
  filters: Partial<LedgerFilters>;
  rawValues: Partial<Record<keyof LedgerFilters, string>>;
  fieldErrors?: Record<string, string[] | undefined>;
  cursor?: string;
};

/** The credit ledger: filters, one page of entries (keyset, newest first), paging and the CSV export. */
export function LedgerCard({ tenantSlug, format, page, filters, rawValues, fieldErrors, cursor }: Props) {
  const basePath = `/${tenantSlug}/settings/billing`;
  const filtered = Object.keys(filters).length > 0;
  return (
    <Card aria-labelledby="ledger-heading">
      <CardHeader>
        <CardTitle id="ledger-heading">Credit ledger</CardTitle>
        <CardDescription>
          Every change to the balance, newest first; unfiltered, all entries add up to the balance.
        </CardDescription>
      </CardHeader>
      <CardContent className="flex flex-col gap-4">
        <LedgerFilterForm basePath={basePath} values={rawValues} fieldErrors={fieldErrors} timeZone={format.timeZone} />
        {page ? (
          <div className="flex justify-end">
            <a
              href={`/api/tenants/${tenantSlug}/credits/export${ledgerSearchString(filters)}`}
              className={buttonClasses({ variant: "ghost", size: "sm" })}
              download
            >
              Export CSV{filtered ? " (filtered)" : ""}
            </a>
          </div>
        ) : null}
        {!page ? null : page.entries.length === 0 ? (
          <EmptyState title={filtered || cursor ? "No entries match" : "No credit activity yet"}>
            {filtered ? "Change or clear the filters." : "Grants and AI requests will appear here."}
          </EmptyState>
        ) : (
          <div className="overflow-x-auto">
            <table className="w-full text-left text-sm">
              <caption className="sr-only">Credit ledger entries, newest first</caption>
              <thead className="text-xs text-muted-foreground uppercase">
                <tr>
                  <th scope="col" className="py-2 pr-4 font-semibold">
                    When
                  </th>
                  <th scope="col" className="py-2 pr-4 font-semibold">
                    What
                  </th>
                  <th scope="col" className="py-2 pr-4 font-semibold">
                    Reason
                  </th>
                  <th scope="col" className="py-2 text-right font-semibold">
                    Credits
                  </th>
                </tr>
              </thead>
              <tbody className="divide-y divide-border">
                {page.entries.map((e) => (
                  <tr key={e.id}>
                    <td className="py-2 pr-4 whitespace-nowrap text-muted-foreground">
                      <time dateTime={e.createdAt.toISOString()}>{formatDateTime(e.createdAt, format)}</time>
                    </td>
                    <td className="py-2 pr-4 text-foreground">
                      {LEDGER_KIND_LABEL[e.kind] ?? e.kind}
                      {e.feature ? (
                        <span className="block text-xs text-muted-foreground">
                          {isAiFeature(e.feature) ? featureLabel(e.feature) : e.feature}
                        </span>
                      ) : null}
                    </td>
                    <td className="py-2 pr-4 text-muted-foreground">{e.reason ?? ""}</td>
                    <td className="py-2 text-right font-medium tabular-nums text-foreground">
                      {e.delta > 0n ? "+" : ""}
                      {formatNumber(Number(e.delta), format)}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        {page && (cursor || page.nextCursor) ? (
          <nav aria-label="Ledger pages" className="flex flex-wrap justify-end gap-2">
            {cursor ? (
              <Link
                href={`${basePath}${ledgerSearchString(filters)}`}
                className={buttonClasses({ variant: "ghost", size: "sm" })}
              >
                Newest entries
              </Link>
            ) : null}
            {page.nextCursor ? (
              <Link
                href={`${basePath}${ledgerSearchString(filters, page.nextCursor)}`}
                className={buttonClasses({ variant: "secondary", size: "sm" })}
              >
                Older entries
                <ArrowRightIcon className="size-4" />
              </Link>
            ) : null}
          </nav>
        ) : null}
      </CardContent>
    </Card>
  );
}
